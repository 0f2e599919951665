/* kernel/vfs.c -- vnodes, permissions, the mount table and the path walk.
 * A walk takes the process's root and cwd, follows symlinks (ELOOP after
 * SYMLOOP_MAX), crosses mount points both ways and never climbs above the
 * process's root (chroot). */
#include "vfs.h"
#include "kalloc.h"
#include "klib.h"
#include "ktime.h"
#include "lock.h"
#include "proc.h"
#include "rootfs.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/time.h>

struct vnode *vfs_rootvn;
static struct mount *mounts;
static struct proc *vfs_boot_proc; /* stands in for a process while vfs_init builds the tree */

/* A CPU that runs no thread (the host asking on its own account) acts as init. */
struct proc *vfs_proc(void)
{
	struct proc *p = curproc();
	return p ? p : vfs_boot_proc ? vfs_boot_proc : initproc;
}

struct vnode *vnode_get(struct vnode *vn)
{
	/* a vnode that only directory entries hold has no references: lookups start from 0 */
	KASSERT(bkl_held() && (vn->refs > 0 || vn->nlink > 0));
	vn->refs++;
	return vn;
}

void vnode_put(struct vnode *vn)
{
	KASSERT(bkl_held() && vn->refs > 0);
	if (--vn->refs == 0 && (vn->nlink == 0 || vn->transient) && vn->ops->reclaim)
		vn->ops->reclaim(vn);
}

int64_t vfs_now(void)
{
	int64_t ns = 0;
	ktime_read(CLOCK_REALTIME, &ns);
	return ns;
}

void vnode_touch(struct vnode *vn, int which)
{
	int64_t now = vfs_now();

	if (which & VT_A)
		vn->atime = now;
	if (which & VT_M)
		vn->mtime = now;
	if (which & VT_C)
		vn->ctime = now;
}

void vnode_touch_atime(struct vnode *vn)
{
	if (vn->atime <= vn->mtime || vn->atime <= vn->ctime)
		vnode_touch(vn, VT_A);
}

void vnode_init(struct vnode *vn, const struct vnode_ops *ops, struct mount *m, uint32_t mode)
{
	struct proc *p = vfs_proc();

	vn->refs = 1;
	vn->mode = mode;
	vn->ops = ops;
	vn->mnt = m;
	vn->uid = p ? p->cred.fsuid : 0;
	vn->gid = p ? p->cred.fsgid : 0;
	vnode_touch(vn, VT_A | VT_M | VT_C);
}

static bool in_group(const struct cred *c, uint32_t gid)
{
	if (c->fsgid == gid)
		return true;
	for (int i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

long vfs_permission(struct vnode *vn, int mask)
{
	struct proc *p = vfs_proc();
	const struct cred *c = &p->cred;
	uint32_t m = vn->mode;

	mask &= R_OK | W_OK | X_OK;
	if (c->fsuid == 0) {
		/* Root reads and writes anything, and executes a file only if some x bit is set. */
		if ((mask & X_OK) && (m & S_IFMT) != S_IFDIR && !(m & 0111))
			return -EACCES;
		return 0;
	}
	if (c->fsuid == vn->uid)
		m >>= 6;
	else if (in_group(c, vn->gid))
		m >>= 3;
	return ((m & 7) & (uint32_t)mask) == (uint32_t)mask ? 0 : -EACCES;
}

bool vfs_owner_or_root(struct vnode *vn)
{
	const struct cred *c = &vfs_proc()->cred;
	return c->fsuid == 0 || c->fsuid == vn->uid;
}

struct mount *vfs_mount_list(void)
{
	return mounts;
}

long vfs_mount(struct vnode *on, struct mount *m)
{
	static uint64_t next_dev = 1;

	if (on) {
		if ((on->mode & S_IFMT) != S_IFDIR)
			return -ENOTDIR;
		if (on->covered_by)
			return -EBUSY;
		m->covered = vnode_get(on);
		on->covered_by = m;
	} else {
		vfs_rootvn = vnode_get(m->root);
	}
	if (!m->dev)
		m->dev = next_dev++;
	m->next = mounts;
	mounts = m;
	return 0;
}

/* The vnode to use for vn: the root of whatever is mounted on it. Consumes vn's reference. */
static struct vnode *cross_down(struct vnode *vn)
{
	while (vn->covered_by) {
		struct vnode *r = vnode_get(vn->covered_by->root);
		vnode_put(vn);
		vn = r;
	}
	return vn;
}

/* The target of magic link vn (consumed), mounts crossed. */
static long follow_magic(struct vnode *vn, struct vnode **out)
{
	long r = vn->ops->follow(vn, out);

	vnode_put(vn);
	if (r == 0)
		*out = cross_down(*out);
	return r;
}

/* ".." of dir, never above root; crosses from a mounted root to what it covers. */
static long lookup_dotdot(struct vnode *dir, struct vnode *root, struct vnode **out)
{
	struct vnode *d = vnode_get(dir);

	for (;;) {
		if (d == root || d == vfs_rootvn) {
			*out = d;
			return 0;
		}
		if (d != d->mnt->root || !d->mnt->covered)
			break;
		struct vnode *up = vnode_get(d->mnt->covered);
		vnode_put(d);
		d = up;
	}
	long r = d->ops->lookup(d, "..", 2, out);
	vnode_put(d);
	if (r == 0)
		*out = cross_down(*out);
	return r;
}

/* One component of a walk: name in dir, mounts crossed. */
static long lookup_one(struct vnode *dir, const char *name, size_t len, struct vnode *root,
                       struct vnode **out)
{
	if ((dir->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	long r = vfs_permission(dir, X_OK);
	if (r)
		return r;
	if (len == 1 && name[0] == '.') {
		*out = vnode_get(dir);
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return lookup_dotdot(dir, root, out);
	if (!dir->ops->lookup)
		return -ENOENT;
	r = dir->ops->lookup(dir, name, len, out);
	if (r == 0)
		*out = cross_down(*out);
	return r;
}

long vfs_lookup_at(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	return lookup_one(dir, name, len, vfs_proc()->root, out);
}

long vfs_fd_vnode(int fd, bool need_dir, struct vnode **out)
{
	struct proc *p = vfs_proc();
	struct vnode *vn;

	if (fd == AT_FDCWD) {
		vn = p->cwd;
	} else {
		struct file *f = fd_lookup(fd);
		if (!f)
			return -EBADF;
		vn = f->vnode;
		if (!vn)
			return need_dir ? -ENOTDIR : -EBADF;
	}
	if (need_dir && (vn->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	*out = vnode_get(vn);
	return 0;
}

/* Reads the target of symlink vn into a new kalloc'd string. */
static long read_link(struct vnode *vn, char **out)
{
	char *t = kalloc(WPATH_MAX);
	long n;

	if (!t)
		return -ENOMEM;
	n = vn->ops->readlink ? vn->ops->readlink(vn, t, WPATH_MAX - 1) : -EINVAL;
	if (n < 0) {
		kfree(t);
		return n;
	}
	t[n] = 0;
	*out = t;
	vnode_touch_atime(vn);
	return 0;
}

/* Walks path from *dirp (consumed) up to its last component, which goes to pp.
 * path is copied first, so it may live anywhere. */
static long walk_parent(struct vnode *start, const char *path, struct vfs_parent *pp)
{
	struct proc *p = vfs_proc();
	struct vnode *root = p->root, *dir = start, *next;
	char buf[WPATH_MAX], *s; /* on the stack: every path syscall walks, and a page allocation costs */
	long r;

	pp->dir = NULL;
	kstrlcpy(buf, path, WPATH_MAX);
	s = buf;
	if (*s == '/') {
		vnode_put(dir);
		dir = vnode_get(root);
	}
	for (;;) {
		while (*s == '/')
			s++;
		char *e = s;
		while (*e && *e != '/')
			e++;
		size_t len = (size_t)(e - s);
		char *rest = e;
		while (*rest == '/')
			rest++;
		r = -ENAMETOOLONG;
		if (len > WNAME_MAX)
			goto fail;
		if (*rest == 0) {
			/* the last component (or none: "/" or "a/") */
			memcpy(pp->name, s, len);
			pp->name[len] = 0;
			pp->len = len;
			pp->slash = *e == '/';
			pp->dot = len == 0 || (len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.');
			pp->dir = dir;
			return 0;
		}
		if ((r = lookup_one(dir, s, len, root, &next)))
			goto fail;
		if ((next->mode & S_IFMT) == S_IFLNK && next->ops->follow) {
			if (++pp->links > SYMLOOP_MAX) {
				vnode_put(next);
				r = -ELOOP;
				goto fail;
			}
			if ((r = follow_magic(next, &next)))
				goto fail;
		} else if ((next->mode & S_IFMT) == S_IFLNK) {
			char *t = NULL;
			r = -ELOOP;
			if (++pp->links > SYMLOOP_MAX || (r = read_link(next, &t))) {
				vnode_put(next);
				goto fail;
			}
			vnode_put(next);
			size_t tl = strlen(t), rl = strlen(rest);
			r = -ENAMETOOLONG;
			if (tl + 1 + rl + 1 > WPATH_MAX) {
				kfree(t);
				goto fail;
			}
			memmove(buf + tl + 1, rest, rl + 1);
			memcpy(buf, t, tl);
			buf[tl] = '/';
			kfree(t);
			s = buf;
			if (*s == '/') {
				vnode_put(dir);
				dir = vnode_get(root);
			}
			continue;
		}
		vnode_put(dir);
		dir = next;
		s = rest;
	}
fail:
	if (dir)
		vnode_put(dir);
	return r;
}

static long start_dir(int dirfd, const char *path, struct vnode **out)
{
	if (path[0] == '/') {
		*out = vnode_get(vfs_proc()->root);
		return 0;
	}
	return vfs_fd_vnode(dirfd, true, out);
}

long vfs_parent(int dirfd, const char *path, struct vfs_parent *pp)
{
	struct vnode *start;
	long r;

	pp->links = 0;
	pp->dir = NULL;
	if (!path[0])
		return -ENOENT;
	if ((r = start_dir(dirfd, path, &start)))
		return r;
	return walk_parent(start, path, pp);
}

long vfs_parent_follow(struct vfs_parent *pp, struct vnode *link)
{
	struct vnode *d = pp->dir;
	bool slash = pp->slash;
	char *t = NULL;
	long r;

	if (++pp->links > SYMLOOP_MAX)
		return -ELOOP;
	if ((r = read_link(link, &t)))
		return r;
	pp->dir = NULL;
	if (!t[0]) {
		vnode_put(d);
		kfree(t);
		return -ENOENT;
	}
	r = walk_parent(d, t, pp);
	kfree(t);
	pp->slash |= slash;
	return r;
}

void vfs_parent_done(struct vfs_parent *pp)
{
	if (pp->dir)
		vnode_put(pp->dir);
	pp->dir = NULL;
}

long vfs_lookup(int dirfd, const char *path, int flags, struct vnode **out)
{
	struct vfs_parent pp;
	struct vnode *vn = NULL, *start;
	char *t = NULL;
	long r;

	if (!path[0]) {
		if (!(flags & W_EMPTY))
			return -ENOENT;
		return vfs_fd_vnode(dirfd, false, out);
	}
	if ((r = start_dir(dirfd, path, &start)))
		return r;
	pp.links = 0;
	if ((r = walk_parent(start, path, &pp)))
		return r;
	for (;;) {
		if (pp.len == 0) {
			vn = vnode_get(pp.dir);
		} else if ((r = lookup_one(pp.dir, pp.name, pp.len, vfs_proc()->root, &vn))) {
			goto fail;
		}
		if ((vn->mode & S_IFMT) != S_IFLNK || !((flags & W_FOLLOW) || pp.slash))
			break;
		r = -ELOOP;
		if (vn->ops->follow) {
			struct vnode *target;
			if (++pp.links > SYMLOOP_MAX)
				goto fail;
			r = follow_magic(vn, &target);
			vn = NULL;
			if (r)
				goto fail;
			vn = target;
			break;
		}
		if (++pp.links > SYMLOOP_MAX || (r = read_link(vn, &t)))
			goto fail;
		vnode_put(vn);
		vn = NULL;
		bool slash = pp.slash;
		struct vnode *d = pp.dir;
		pp.dir = NULL;
		r = -ENOENT;
		if (!t[0]) {
			vnode_put(d);
			goto fail;
		}
		r = walk_parent(d, t, &pp);
		kfree(t);
		t = NULL;
		if (r)
			return r;
		pp.slash |= slash;
	}
	r = -ENOTDIR;
	if ((pp.slash || (flags & W_DIR)) && (vn->mode & S_IFMT) != S_IFDIR)
		goto fail;
	vfs_parent_done(&pp);
	*out = vn;
	return 0;
fail:
	kfree(t);
	if (vn)
		vnode_put(vn);
	vfs_parent_done(&pp);
	return r;
}

void vfs_stat(struct vnode *vn, struct wunix_stat *st)
{
	if (vn->ops->getattr)
		vn->ops->getattr(vn);
	memset(st, 0, sizeof(*st));
	st->st_dev = vn->mnt ? vn->mnt->dev : 0;
	st->st_ino = vn->ino;
	st->st_mode = vn->mode;
	st->st_nlink = vn->nlink;
	st->st_uid = vn->uid;
	st->st_gid = vn->gid;
	st->st_rdev = vn->rdev;
	st->st_size = vn->size;
	st->st_blksize = 4096;
	st->st_blocks = vn->blocks;
	st->st_atim.tv_sec = vn->atime / 1000000000;
	st->st_atim.tv_nsec = (int32_t)(vn->atime % 1000000000);
	st->st_mtim.tv_sec = vn->mtime / 1000000000;
	st->st_mtim.tv_nsec = (int32_t)(vn->mtime % 1000000000);
	st->st_ctim.tv_sec = vn->ctime / 1000000000;
	st->st_ctim.tv_nsec = (int32_t)(vn->ctime % 1000000000);
}

void vfs_proc_init(struct proc *p)
{
	p->root = vnode_get(vfs_rootvn);
	p->cwd = vnode_get(vfs_rootvn);
	p->umask = 022;
}

void vfs_fork(struct proc *c, const struct proc *p)
{
	c->root = vnode_get(p->root);
	c->cwd = vnode_get(p->cwd);
	c->umask = p->umask;
}

void vfs_exit(struct proc *p)
{
	if (p->cwd)
		vnode_put(p->cwd);
	if (p->root)
		vnode_put(p->root);
	p->cwd = p->root = NULL;
}

static long mkdir_boot(const char *path, uint32_t mode)
{
	struct vfs_parent pp;
	struct vnode *vn;
	long r = vfs_parent(AT_FDCWD, path, &pp);

	if (r)
		return r;
	r = pp.dir->ops->create(pp.dir, pp.name, pp.len, S_IFDIR | mode, 0, NULL, &vn);
	if (r == 0)
		vnode_put(vn);
	vfs_parent_done(&pp);
	return r == -EEXIST ? 0 : r;
}

void vfs_init(void)
{
	static struct mount rootm, devm, procm;
	static struct proc tmp;
	struct vnode *dev;

	KASSERT(bkl_held() && !curproc());
	if (memfs_mount(&rootm, MEMFS_LIMIT, 0755) || vfs_mount(NULL, &rootm))
		kpanic("vfs: no root file system");
	/* The walks below need a process context: borrow a temporary one. */
	tmp.root = tmp.cwd = vfs_rootvn;
	vfs_boot_proc = &tmp;
	if (rootfs_unpack())
		kpanic("vfs: the root filesystem image is corrupt");
	if (mkdir_boot("/dev", 0755) || mkdir_boot("/tmp", 01777) || mkdir_boot("/home", 0755) ||
	    mkdir_boot("/root", 0700) || mkdir_boot("/proc", 0555))
		kpanic("vfs: cannot make the boot directories");
	if (vfs_lookup(AT_FDCWD, "/dev", W_DIR, &dev) || memfs_mount(&devm, DEVFS_LIMIT, 0755))
		kpanic("vfs: no /dev");
	devm.type = "devtmpfs";
	if (vfs_mount(dev, &devm))
		kpanic("vfs: cannot mount /dev");
	vnode_put(dev);
	devfs_init(devm.root);
	if (vfs_lookup(AT_FDCWD, "/proc", W_DIR, &dev) || procfs_mount(&procm) || vfs_mount(dev, &procm))
		kpanic("vfs: no /proc");
	vnode_put(dev);
	hostfs_boot();
	vfs_boot_proc = NULL;
	vfs_proc_init(initproc);
}
