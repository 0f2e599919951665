/* kernel/spawn.c -- SYS_spawn, posix_spawn in the kernel (wunix/spawn.h): the
 * program is resolved without side effects first (so a PATH walk applies the
 * file actions once), then the child is made, its attributes and file actions
 * applied, and the host starts it from _start on another CPU. Any failure
 * removes the child completely. Never forks. */
#include "arch.h"
#include "exports.h"
#include "cpu.h"
#include "host.h"
#include "image.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/spawn.h>

#define SPAWN_FLAGS (WUNIX_SPAWN_RESETIDS | WUNIX_SPAWN_SETPGROUP | WUNIX_SPAWN_SETSIGDEF | \
                     WUNIX_SPAWN_SETSIGMASK | WUNIX_SPAWN_SETSCHEDPARAM | WUNIX_SPAWN_SETSCHEDULER | \
                     WUNIX_SPAWN_USEVFORK | WUNIX_SPAWN_SETSID | WUNIX_SPAWN_SEARCH)
#define DEFAULT_PATH "/usr/local/bin:/bin:/usr/bin"

/* A spawn request copied in. */
struct spawn_req {
	struct wunix_spawn_params p;
	char path[WPATH_MAX];
	char *search;                      /* PATH for SEARCH (kalloc'd) */
	struct wunix_spawn_action *acts;   /* kalloc'd */
	char **apaths;                     /* each action's path, or NULL (kalloc'd) */
	struct image img;
};

static void req_free(struct spawn_req *q)
{
	for (uint32_t i = 0; q->apaths && i < q->p.nactions; i++)
		kfree(q->apaths[i]);
	kfree(q->apaths);
	kfree(q->acts);
	kfree(q->search);
	image_done(&q->img);
}

/* A user string into a new kernel buffer of at most max bytes: 0 or -errno. */
static long str_copyin(uaddr_t u, size_t max, char **out)
{
	char *s = kalloc(max);
	if (!s)
		return -ENOMEM;
	long r = copyinstr(s, u, max);
	if (r < 0) {
		kfree(s);
		return r;
	}
	*out = s;
	return 0;
}

static long req_copyin(struct spawn_req *q, uaddr_t uparams, size_t size)
{
	long r;

	if (size != sizeof(q->p))
		return -EINVAL;
	if (copyin(&q->p, uparams, sizeof(q->p)))
		return -EFAULT;
	if ((q->p.flags & ~SPAWN_FLAGS) || q->p.nactions > SPAWN_ACTIONS_MAX)
		return -EINVAL;
	if ((r = path_copyin(q->path, (uaddr_t)q->p.path)))
		return r;
	if ((r = image_args(&q->img, (uaddr_t)q->p.argv, (uaddr_t)q->p.envp)))
		return r;
	if ((q->p.flags & WUNIX_SPAWN_SEARCH) && q->p.search &&
	    (r = str_copyin((uaddr_t)q->p.search, ARG_MAX, &q->search)))
		return r;
	uint32_t n = q->p.nactions;
	if (!n)
		return 0;
	q->acts = kalloc(n * sizeof(*q->acts));
	q->apaths = kalloc(n * sizeof(*q->apaths));
	if (!q->acts || !q->apaths)
		return -ENOMEM;
	memset(q->apaths, 0, n * sizeof(*q->apaths));
	if (copyin(q->acts, (uaddr_t)q->p.actions, n * sizeof(*q->acts)))
		return -EFAULT;
	for (uint32_t i = 0; i < n; i++) {
		const struct wunix_spawn_action *a = &q->acts[i];
		if (a->cmd < WUNIX_FA_CLOSE || a->cmd > WUNIX_FA_FCHDIR)
			return -EINVAL;
		if ((a->cmd == WUNIX_FA_OPEN || a->cmd == WUNIX_FA_CHDIR) &&
		    (r = str_copyin((uaddr_t)a->path, WPATH_MAX, &q->apaths[i])))
			return r;
	}
	return 0;
}

/* Finds the program: q->path itself, or with SEARCH and no '/' in it, the first
 * directory of the PATH holding it (EACCES only when nothing else was found,
 * as execvp). */
static long resolve(struct spawn_req *q)
{
	const char *name = q->path;
	bool seen_eacces = false;
	long r = -ENOENT;

	if (!(q->p.flags & WUNIX_SPAWN_SEARCH) || !*name)
		return image_find(&q->img, AT_FDCWD, name, W_FOLLOW);
	for (const char *c = name; *c; c++)
		if (*c == '/')
			return image_find(&q->img, AT_FDCWD, name, W_FOLLOW);
	const char *dir = q->search ? q->search : DEFAULT_PATH;
	size_t nlen = strlen(name);
	char cand[WPATH_MAX];
	for (;;) {
		const char *end = dir;
		while (*end && *end != ':')
			end++;
		size_t dlen = (size_t)(end - dir);
		if (dlen + 1 + nlen < sizeof(cand)) {
			memcpy(cand, dir, dlen);
			size_t k = dlen;
			if (k && cand[k - 1] != '/')
				cand[k++] = '/';
			memcpy(cand + k, name, nlen + 1);
			r = image_find(&q->img, AT_FDCWD, cand, W_FOLLOW);
			if (r == 0)
				return 0;
			if (r == -EACCES)
				seen_eacces = true;
			else if (r != -ENOENT && r != -ENOTDIR)
				return r;
		}
		if (!*end)
			break;
		dir = end + 1;
	}
	return seen_eacces ? -EACCES : -ENOENT;
}

/* Applies the file actions to c; the calling thread acts as c meanwhile. */
static long apply_actions(struct spawn_req *q, struct proc *c)
{
	long r = 0;

	for (uint32_t i = 0; r == 0 && i < q->p.nactions; i++) {
		const struct wunix_spawn_action *a = &q->acts[i];
		switch (a->cmd) {
		case WUNIX_FA_CLOSE:
			fd_close(c, a->fd); /* an fd that is not open is no error (musl's child ignores it) */
			break;
		case WUNIX_FA_DUP2:
			if (a->fd == a->srcfd) {
				r = fd_lookup(a->fd) ? 0 : -EBADF;
				if (r == 0)
					fd_set_cloexec(&c->fds, a->fd, false);
			} else {
				r = kern_dup3(a->srcfd, a->fd, false);
				r = r < 0 ? r : 0;
			}
			break;
		case WUNIX_FA_OPEN: {
			struct file *f;
			if (a->fd < 0 || a->fd >= NOFILE) {
				r = -EBADF;
				break;
			}
			r = kern_openat(AT_FDCWD, q->apaths[i], (uint32_t)a->oflag, a->mode, &f);
			if (r == 0) {
				if (c->fds.fd[a->fd])
					fd_close(c, a->fd);
				int fd = fd_install(c, f, a->fd, a->oflag & O_CLOEXEC);
				r = fd == a->fd ? 0 : fd < 0 ? fd : -EBADF;
			}
			break;
		}
		case WUNIX_FA_CHDIR:
			r = kern_chdir(-1, q->apaths[i]);
			break;
		case WUNIX_FA_FCHDIR:
			r = kern_chdir(a->fd, NULL);
			break;
		}
	}
	return r;
}

static bool has_chdir(const struct spawn_req *q)
{
	for (uint32_t i = 0; i < q->p.nactions; i++)
		if (q->acts[i].cmd == WUNIX_FA_CHDIR || q->acts[i].cmd == WUNIX_FA_FCHDIR)
			return true;
	return false;
}

/* The spawn attributes, in POSIX's order (RESETIDS was applied to the credentials already). */
static long apply_attrs(const struct wunix_spawn_params *sp, struct proc *c, struct thread *ct)
{
	long r;

	/* as the child would call setsid() and setpgid(0, pgroup) itself */
	if ((sp->flags & WUNIX_SPAWN_SETSID) && (r = kern_setsid(c)) < 0)
		return r;
	if ((sp->flags & WUNIX_SPAWN_SETPGROUP) && (r = kern_setpgid(c, 0, sp->pgroup)))
		return r;
	if (sp->flags & WUNIX_SPAWN_SETSIGMASK)
		ct->sigmask = sp->sigmask & ~SIG_UNBLOCKABLE;
	if (sp->flags & WUNIX_SPAWN_SETSIGDEF)
		for (int s = 1; s <= WUNIX_NSIG; s++)
			if (sp->sigdefault & SIGBIT(s))
				memset(&c->sig.act[s - 1], 0, sizeof(c->sig.act[s - 1]));
	return 0;
}

/* The core of SYS_spawn on a copied-in request: the child's pid or -errno. */
static long spawn(struct spawn_req *q)
{
	struct thread *t = curthread(), *ct = NULL;
	struct proc *p = t->proc, *c;
	struct cred cred = p->cred;
	long r;

	if (q->p.flags & WUNIX_SPAWN_RESETIDS) {
		/* setgid(getgid()) then setuid(getuid()): all ids for root, the effective ones otherwise */
		bool priv = cred.euid == 0;
		cred.egid = cred.fsgid = cred.rgid;
		cred.euid = cred.fsuid = cred.ruid;
		if (priv)
			cred.sgid = cred.rgid, cred.suid = cred.ruid;
	}
	/* A relative path is looked up from the child's working directory, which
	 * chdir actions change: then the lookup follows the actions, as it does on
	 * Linux (in the child, before exec). Otherwise it comes first, so a
	 * failure costs no child. */
	bool late = has_chdir(q);
	if (!late && ((r = resolve(q)) || (r = image_prepare(&q->img, &cred))))
		return r;
	if (!(ct = proc_clone(t)))
		return -EAGAIN;
	c = ct->proc;
	c->cred = cred;
	if (!(r = apply_attrs(&q->p, c, ct))) {
		t->proc = c;
		r = apply_actions(q, c);
		if (r == 0 && late && !(r = resolve(q)))
			r = image_prepare(&q->img, &cred);
		t->proc = p;
	}
	if (r) {
		proc_discard(c);
		return r;
	}
	struct image *img = &q->img;
	image_commit(c, img);
	host_spawn(img->handle, ct->tid, (uint32_t)img->sp);
	img->handle = 0;
	return c->pid;
}

long sys_spawn(const sarg_t *a)
{
	struct spawn_req *q = kalloc(sizeof(*q));
	long r;

	if (!q)
		return -ENOMEM;
	memset(q, 0, sizeof(*q));
	if (!(r = req_copyin(q, (uaddr_t)a[0], (size_t)a[1])))
		r = spawn(q);
	req_free(q);
	kfree(q);
	return r;
}
