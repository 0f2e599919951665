/* kernel/flock.c -- advisory locks. Every lock of a vnode sits on one list
 * (vn->locks, by start): fcntl record locks, owned by a process (POSIX) or an
 * open file description (OFD), and flock locks, whole-file and owned by a
 * description. Record and flock locks never conflict with each other; locks of
 * one owner never conflict, they replace, split and merge. A blocked locker
 * sleeps on &vn->locks and is woken whenever a lock of the vnode goes or
 * shrinks. */
#include "flock.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/errno.h>

#define LK_EOF INT64_MAX /* a lock's end when it runs to the end of the file, however far */

enum { LK_POSIX, LK_OFD, LK_FLOCK };

/* A held lock, or a request. BKL held. */
struct lockf {
	struct lockf *next;
	int64_t start, end;  /* inclusive */
	int type;            /* F_RDLCK, F_WRLCK (F_UNLCK only in a request) */
	int kind;            /* LK_* */
	const void *owner;   /* struct proc (LK_POSIX) or struct file */
	int pid;             /* a POSIX owner's pid, for F_GETLK */
};

/* A thread blocked on a lock: what deadlock detection follows. */
struct lk_waiter {
	struct lk_waiter *next;
	struct vnode *vn;
	const struct lockf *req;
};

static struct lk_waiter *waiters;

static bool same_owner(const struct lockf *a, const struct lockf *b)
{
	return a->owner == b->owner && (a->kind == LK_POSIX) == (b->kind == LK_POSIX);
}

/* Record locks and flock locks live side by side and ignore each other. */
static bool same_class(const struct lockf *a, const struct lockf *b)
{
	return (a->kind == LK_FLOCK) == (b->kind == LK_FLOCK);
}

static bool overlaps(const struct lockf *l, int64_t s, int64_t e)
{
	return l->start <= e && s <= l->end;
}

/* The first lock of vn that keeps req from being granted, or NULL. */
static struct lockf *find_conflict(struct vnode *vn, const struct lockf *req)
{
	for (struct lockf *l = vn->locks; l; l = l->next)
		if (same_class(l, req) && !same_owner(l, req) && overlaps(l, req->start, req->end) &&
		    (l->type == F_WRLCK || req->type == F_WRLCK))
			return l;
	return NULL;
}

/* Whether req waiting for blocker closes a cycle of POSIX owners, each waiting
 * for a lock the next one holds (Linux checks POSIX locks only). */
static bool would_deadlock(const struct lockf *req, const struct lockf *blocker)
{
	for (int hops = 0; hops < NTHREAD && blocker && blocker->kind == LK_POSIX; hops++) {
		const struct lk_waiter *w = waiters;
		while (w && !(w->req->kind == LK_POSIX && w->req->owner == blocker->owner))
			w = w->next;
		if (!w)
			return false;
		blocker = find_conflict(w->vn, w->req);
		if (blocker && blocker->kind == LK_POSIX && blocker->owner == req->owner)
			return true;
	}
	return false;
}

static void insert_sorted(struct vnode *vn, struct lockf *l)
{
	struct lockf **pp = &vn->locks;

	while (*pp && (*pp)->start <= l->start)
		pp = &(*pp)->next;
	l->next = *pp;
	*pp = l;
}

static void wake_waiters(struct vnode *vn)
{
	for (struct lk_waiter *w = waiters; w; w = w->next)
		if (w->vn == vn) {
			kwakeup(&vn->locks);
			return;
		}
}

/* Gives req's owner exactly req over [start, end] (F_UNLCK: nothing there),
 * splitting and trimming what it held and merging with touching locks of the
 * same type: 0 or -ENOLCK, with nothing changed. */
static long lk_apply(struct vnode *vn, const struct lockf *req)
{
	/* one new lock, and at most one old lock split in two (an owner's locks never overlap) */
	struct lockf *spare[2] = { kalloc(sizeof(struct lockf)), kalloc(sizeof(struct lockf)) };
	struct lockf *keep = NULL;
	int64_t s = req->start, e = req->end;
	int nspare = 2;
	bool woke = false;

	if (!spare[0] || !spare[1]) {
		kfree(spare[0]);
		kfree(spare[1]);
		return -ENOLCK;
	}
	for (struct lockf **pp = &vn->locks; *pp;) {
		struct lockf *l = *pp;
		int64_t ts = s > 0 ? s - 1 : s, te = e < LK_EOF ? e + 1 : e;
		if (!same_owner(l, req) || !same_class(l, req) || !overlaps(l, ts, te)) {
			pp = &l->next;
			continue;
		}
		*pp = l->next;
		if (l->type == req->type) {
			s = MIN(s, l->start);
			e = MAX(e, l->end);
			kfree(l);
			continue;
		}
		woke = true;
		if (!overlaps(l, s, e)) {
			l->next = keep;
			keep = l;
			continue;
		}
		if (l->start < s && l->end > e) {
			struct lockf *r = spare[--nspare];
			*r = *l;
			r->start = e + 1;
			r->next = keep;
			keep = r;
		}
		if (l->start < s) {
			l->end = s - 1;
		} else if (l->end > e) {
			l->start = e + 1;
		} else {
			kfree(l);
			continue;
		}
		l->next = keep;
		keep = l;
	}
	while (keep) {
		struct lockf *l = keep;
		keep = l->next;
		insert_sorted(vn, l);
	}
	if (req->type != F_UNLCK) {
		struct lockf *n = spare[--nspare];
		*n = *req;
		n->start = s;
		n->end = e;
		insert_sorted(vn, n);
	}
	while (nspare > 0)
		kfree(spare[--nspare]);
	if (woke || req->type == F_UNLCK)
		wake_waiters(vn);
	return 0;
}

/* Grants req, sleeping for conflicting locks to go when wait is set:
 * 0, -EAGAIN, -EDEADLK or -ENOLCK. */
static long lk_set(struct vnode *vn, const struct lockf *req, bool wait)
{
	struct lockf *b;

	while (req->type != F_UNLCK && (b = find_conflict(vn, req))) {
		if (!wait)
			return -EAGAIN;
		if (req->kind == LK_POSIX && would_deadlock(req, b))
			return -EDEADLK;
		struct lk_waiter w = { .next = waiters, .vn = vn, .req = req };
		waiters = &w;
		int r = ksleep_sig(&vn->locks, -1);
		for (struct lk_waiter **pp = &waiters; *pp; pp = &(*pp)->next)
			if (*pp == &w) {
				*pp = w.next;
				break;
			}
		if (r == -ERESTARTSYS)
			return r;
	}
	return lk_apply(vn, req);
}

/* Drops every lock of vn that match says is to go. */
static void lk_drop(struct vnode *vn, bool (*match)(const struct lockf *, const void *), const void *arg)
{
	bool any = false;

	for (struct lockf **pp = &vn->locks; *pp;) {
		struct lockf *l = *pp;
		if (match(l, arg)) {
			*pp = l->next;
			kfree(l);
			any = true;
		} else {
			pp = &l->next;
		}
	}
	if (any)
		wake_waiters(vn);
}

static bool match_posix(const struct lockf *l, const void *p)
{
	return l->kind == LK_POSIX && l->owner == p;
}

static bool match_file(const struct lockf *l, const void *f)
{
	return l->kind != LK_POSIX && l->owner == f;
}

static bool match_flock_of(const struct lockf *l, const void *f)
{
	return l->kind == LK_FLOCK && l->owner == f;
}

void lock_close(struct proc *p, struct vnode *vn)
{
	KASSERT(bkl_held());
	lk_drop(vn, match_posix, p);
}

void lock_file_gone(struct file *f)
{
	KASSERT(bkl_held());
	lk_drop(f->vnode, match_file, f);
}

/* The byte range [*s, *e] a struct flock names on f (Linux's rules: l_len 0
 * runs to the end of the file, a negative l_len ends just before l_start). */
static long flock_range(struct file *f, const struct wunix_flock *fl, int64_t *s, int64_t *e)
{
	int64_t base;

	switch (fl->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->off;
		break;
	case SEEK_END:
		base = f->vnode->size;
		break;
	default:
		return -EINVAL;
	}
	if (fl->l_start > 0 ? base > INT64_MAX - fl->l_start : base + fl->l_start < 0)
		return fl->l_start > 0 ? -EOVERFLOW : -EINVAL;
	int64_t start = base + fl->l_start;
	if (fl->l_len > 0) {
		if (fl->l_len - 1 > INT64_MAX - start)
			return -EOVERFLOW;
		*s = start;
		*e = start + fl->l_len - 1;
	} else if (fl->l_len < 0) {
		if (fl->l_len == INT64_MIN || start + fl->l_len < 0)
			return -EINVAL;
		*s = start + fl->l_len;
		*e = start - 1;
	} else {
		*s = start;
		*e = LK_EOF;
	}
	return 0;
}

long kern_fcntl_lock(struct file *f, int cmd, uaddr_t arg)
{
	struct wunix_flock fl;
	struct lockf req = { 0 };
	bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	bool get = cmd == F_GETLK || cmd == F_GETLK64 || cmd == F_OFD_GETLK;
	bool wait = cmd == F_SETLKW || cmd == F_SETLKW64 || cmd == F_OFD_SETLKW;
	uint32_t acc = f->flags & O_ACCMODE;
	long r;

	KASSERT(bkl_held());
	if (copyin(&fl, arg, sizeof(fl)))
		return -EFAULT;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && (get || fl.l_type != F_UNLCK))
		return -EINVAL;
	if (!f->vnode)
		return -EINVAL;
	if ((r = flock_range(f, &fl, &req.start, &req.end)))
		return r;
	if (ofd && fl.l_pid != 0)
		return -EINVAL;
	req.type = fl.l_type;
	req.kind = ofd ? LK_OFD : LK_POSIX;
	req.owner = ofd ? (const void *)f : (const void *)curproc();
	req.pid = curproc()->pid;
	if (get) {
		struct lockf *l = find_conflict(f->vnode, &req);
		if (l) {
			fl.l_type = (int16_t)l->type;
			fl.l_whence = SEEK_SET;
			fl.l_start = l->start;
			fl.l_len = l->end == LK_EOF ? 0 : l->end - l->start + 1;
			fl.l_pid = l->kind == LK_POSIX ? l->pid : -1;
		} else {
			fl.l_type = F_UNLCK;
		}
		return copyout(arg, &fl, sizeof(fl)) ? -EFAULT : 0;
	}
	if ((req.type == F_RDLCK && acc != O_RDONLY && acc != O_RDWR) ||
	    (req.type == F_WRLCK && acc != O_WRONLY && acc != O_RDWR))
		return -EBADF;
	/* hold f and its vnode while asleep, whatever happens to the descriptor */
	file_get(f);
	r = lk_set(f->vnode, &req, wait);
	file_put(f);
	return r;
}

long kern_flock(struct file *f, int op)
{
	struct lockf req = { .start = 0, .end = LK_EOF, .kind = LK_FLOCK, .owner = f };
	long r;

	KASSERT(bkl_held());
	switch (op & ~LOCK_NB) {
	case LOCK_SH:
		req.type = F_RDLCK;
		break;
	case LOCK_EX:
		req.type = F_WRLCK;
		break;
	case LOCK_UN:
		req.type = F_UNLCK;
		break;
	default:
		return -EINVAL;
	}
	if (!f->vnode)
		return -EINVAL;
	req.pid = curproc()->pid;
	file_get(f);
	/* Converting between shared and exclusive drops the old lock first, as on
	 * Linux: a conversion is not atomic and may let another waiter in. */
	for (struct lockf *l = f->vnode->locks; l; l = l->next)
		if (l->kind == LK_FLOCK && l->owner == f && l->type != req.type && req.type != F_UNLCK) {
			lk_drop(f->vnode, match_flock_of, f);
			break;
		}
	r = lk_set(f->vnode, &req, !(op & LOCK_NB));
	file_put(f);
	return r;
}

long sys_flock(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f || file_is_path(f))
		return -EBADF;
	return kern_flock(f, (int)a[1]);
}
