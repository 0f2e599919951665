/* kernel/fs_syscalls.c -- system calls on names: mkdirat, mknodat, unlinkat,
 * renameat2, linkat, symlinkat, readlinkat, and the working and root
 * directories (getcwd, chdir, fchdir, chroot, umask). */
#include "vfs.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>

static bool is_dir(struct vnode *vn)
{
	return (vn->mode & S_IFMT) == S_IFDIR;
}

/* A path argument in a new kernel buffer, or NULL with *r set. */
static char *getpath(uaddr_t u, long *r)
{
	char *p = kalloc(WPATH_MAX);

	if (!p) {
		*r = -ENOMEM;
		return NULL;
	}
	if ((*r = path_copyin(p, u))) {
		kfree(p);
		return NULL;
	}
	return p;
}

/* Sticky directories: only the owner of the entry or of the directory (or root) may remove it. */
static long sticky_ok(struct vnode *dir, struct vnode *vn)
{
	const struct cred *c = &curproc()->cred;

	if (!(dir->mode & S_ISVTX) || c->fsuid == 0 || c->fsuid == dir->uid || c->fsuid == vn->uid)
		return 0;
	return -EPERM;
}

/* Makes a node named by path: the new vnode (a reference) in *out if out is not NULL. */
static long make_node(int dirfd, const char *path, uint32_t mode, const char *target, struct vnode **out)
{
	struct vfs_parent pp;
	struct vnode *vn = NULL;
	long r = vfs_parent(dirfd, path, &pp);

	if (r)
		return r;
	r = -EEXIST;
	if (pp.dot)
		goto fail;
	r = vfs_lookup_at(pp.dir, pp.name, pp.len, &vn);
	if (r == 0) {
		vnode_put(vn);
		r = -EEXIST;
		goto fail;
	}
	if (r != -ENOENT)
		goto fail;
	r = -ENOENT;
	if (pp.slash && (mode & S_IFMT) != S_IFDIR)
		goto fail;
	if ((r = vfs_permission(pp.dir, W_OK | X_OK)))
		goto fail;
	r = -ENOENT;
	if (pp.dir->nlink == 0)
		goto fail;
	if ((r = pp.dir->ops->create(pp.dir, pp.name, pp.len, mode, 0, target, &vn)))
		goto fail;
	if (out)
		*out = vn;
	else
		vnode_put(vn);
fail:
	vfs_parent_done(&pp);
	return r;
}

long sys_mkdirat(const sarg_t *a)
{
	long r;
	char *path = getpath((uaddr_t)a[1], &r);

	if (!path)
		return r;
	r = make_node((int)a[0], path, S_IFDIR | ((uint32_t)a[2] & 07777 & ~curproc()->umask), NULL, NULL);
	kfree(path);
	return r;
}

long sys_mknodat(const sarg_t *a)
{
	uint32_t mode = (uint32_t)a[2], type = mode & S_IFMT;
	long r;

	switch (type) {
	case 0:
		type = S_IFREG;
		break;
	case S_IFREG:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFDIR:
		return -EPERM; /* device nodes are devfs's; mknod(2) of a directory is EPERM on Linux */
	default:
		return -EINVAL;
	}
	char *path = getpath((uaddr_t)a[1], &r);
	if (!path)
		return r;
	r = make_node((int)a[0], path, type | (mode & 07777 & ~curproc()->umask), NULL, NULL);
	kfree(path);
	return r;
}

long sys_symlinkat(const sarg_t *a)
{
	long r;
	char *target = getpath((uaddr_t)a[0], &r), *path = NULL;

	if (!target)
		return r;
	if (!(path = getpath((uaddr_t)a[2], &r)))
		goto fail;
	r = target[0] ? make_node((int)a[1], path, S_IFLNK | 0777, target, NULL) : -ENOENT;
fail:
	kfree(path);
	kfree(target);
	return r;
}

long sys_unlinkat(const sarg_t *a)
{
	int flags = (int)a[2];
	bool rmdir = flags & AT_REMOVEDIR;
	struct vfs_parent pp;
	struct vnode *vn = NULL;
	long r;
	char *path;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (!(path = getpath((uaddr_t)a[1], &r)))
		return r;
	if ((r = vfs_parent((int)a[0], path, &pp)))
		goto out;
	if (pp.dot) {
		if (!rmdir)
			r = -EISDIR;
		else if (pp.len == 0)
			r = -EBUSY;
		else
			r = pp.len == 1 ? -EINVAL : -ENOTEMPTY;
		goto fail;
	}
	if ((r = vfs_lookup_at(pp.dir, pp.name, pp.len, &vn)))
		goto fail;
	r = rmdir ? -ENOTDIR : -EISDIR;
	if (rmdir != is_dir(vn))
		goto fail;
	r = -ENOTDIR;
	if (pp.slash && !is_dir(vn))
		goto fail;
	if ((r = vfs_permission(pp.dir, W_OK | X_OK)) || (r = sticky_ok(pp.dir, vn)))
		goto fail;
	r = -EBUSY;
	if (vn->mnt != pp.dir->mnt || vn == curproc()->root)
		goto fail;
	r = pp.dir->ops->unlink(pp.dir, pp.name, pp.len, vn);
fail:
	if (vn)
		vnode_put(vn);
	vfs_parent_done(&pp);
out:
	kfree(path);
	return r;
}

/* Whether dir is vn or lies below it (a rename would make a loop). */
static bool is_below(struct vnode *dir, struct vnode *vn)
{
	struct vnode *d = vnode_get(dir), *up;
	bool below = false;

	for (;;) {
		if (d == vn) {
			below = true;
			break;
		}
		if (d == vfs_rootvn || d == d->mnt->root || vfs_lookup_at(d, "..", 2, &up))
			break;
		vnode_put(d);
		d = up;
	}
	vnode_put(d);
	return below;
}

static long kern_renameat2(int ofd, const char *opath, int nfd, const char *npath, unsigned flags)
{
	struct vfs_parent op, np;
	struct vnode *src = NULL, *dst = NULL;
	long r;

	if (flags & ~(unsigned)(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;
	np.dir = NULL;
	if ((r = vfs_parent(ofd, opath, &op)))
		return r;
	if ((r = vfs_parent(nfd, npath, &np)))
		goto fail;
	r = -EBUSY;
	if (op.dot || np.dot)
		goto fail;
	if ((r = vfs_lookup_at(op.dir, op.name, op.len, &src)))
		goto fail;
	r = vfs_lookup_at(np.dir, np.name, np.len, &dst);
	if (r && r != -ENOENT)
		goto fail;
	r = -EXDEV;
	if (op.dir->mnt != np.dir->mnt)
		goto fail;
	r = -EEXIST;
	if (dst && (flags & RENAME_NOREPLACE))
		goto fail;
	r = -ENOENT;
	if (!dst && (flags & RENAME_EXCHANGE))
		goto fail;
	r = -ENOTDIR;
	if ((op.slash && !is_dir(src)) || (np.slash && !is_dir(src) && !(flags & RENAME_EXCHANGE)))
		goto fail;
	if (dst && !(flags & RENAME_EXCHANGE)) {
		if (is_dir(src) && !is_dir(dst))
			goto fail;
		r = -EISDIR;
		if (!is_dir(src) && is_dir(dst))
			goto fail;
	}
	r = -EBUSY;
	if (src->mnt != op.dir->mnt || (dst && dst->mnt != np.dir->mnt) || src == curproc()->root ||
	    (dst && dst == curproc()->root))
		goto fail;
	if (src == dst) {
		r = 0;
		goto fail;
	}
	r = -EINVAL;
	if ((is_dir(src) && is_below(np.dir, src)) ||
	    ((flags & RENAME_EXCHANGE) && is_dir(dst) && is_below(op.dir, dst)))
		goto fail;
	if (dst && !(flags & RENAME_EXCHANGE) && is_below(op.dir, dst)) {
		r = -ENOTEMPTY;
		goto fail;
	}
	if ((r = vfs_permission(op.dir, W_OK | X_OK)) || (r = vfs_permission(np.dir, W_OK | X_OK)) ||
	    (r = sticky_ok(op.dir, src)) || (dst && (r = sticky_ok(np.dir, dst))))
		goto fail;
	/* moving a directory elsewhere rewrites its "..": needs write permission on it */
	if (op.dir != np.dir && ((is_dir(src) && (r = vfs_permission(src, W_OK))) ||
	                         ((flags & RENAME_EXCHANGE) && is_dir(dst) && (r = vfs_permission(dst, W_OK)))))
		goto fail;
	r = op.dir->ops->rename(op.dir, op.name, op.len, np.dir, np.name, np.len, flags);
fail:
	if (dst)
		vnode_put(dst);
	if (src)
		vnode_put(src);
	vfs_parent_done(&np);
	vfs_parent_done(&op);
	return r;
}

long sys_renameat2(const sarg_t *a)
{
	long r;
	char *o = getpath((uaddr_t)a[1], &r), *n = NULL;

	if (!o)
		return r;
	if ((n = getpath((uaddr_t)a[3], &r)))
		r = kern_renameat2((int)a[0], o, (int)a[2], n, (unsigned)a[4]);
	kfree(n);
	kfree(o);
	return r;
}

long sys_linkat(const sarg_t *a)
{
	int flags = (int)a[4];
	struct vfs_parent pp;
	struct vnode *vn = NULL, *old = NULL;
	char *o, *n = NULL;
	long r;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(o = getpath((uaddr_t)a[1], &r)))
		return r;
	pp.dir = NULL;
	if (!(n = getpath((uaddr_t)a[3], &r)))
		goto fail;
	int wf = ((flags & AT_SYMLINK_FOLLOW) ? W_FOLLOW : 0) | ((flags & AT_EMPTY_PATH) ? W_EMPTY : 0);
	if ((r = vfs_lookup((int)a[0], o, wf, &old)))
		goto fail;
	r = -EPERM;
	if (is_dir(old))
		goto fail;
	if ((r = vfs_parent((int)a[2], n, &pp)))
		goto fail;
	r = -EEXIST;
	if (pp.dot)
		goto fail;
	r = vfs_lookup_at(pp.dir, pp.name, pp.len, &vn);
	if (r == 0) {
		r = -EEXIST;
		goto fail;
	}
	if (r != -ENOENT)
		goto fail;
	r = -ENOENT;
	if (pp.slash || old->nlink == 0)
		goto fail;
	r = -EXDEV;
	if (old->mnt != pp.dir->mnt)
		goto fail;
	if ((r = vfs_permission(pp.dir, W_OK | X_OK)))
		goto fail;
	r = pp.dir->ops->link(pp.dir, pp.name, pp.len, old);
fail:
	if (vn)
		vnode_put(vn);
	if (old)
		vnode_put(old);
	vfs_parent_done(&pp);
	kfree(n);
	kfree(o);
	return r;
}

long sys_readlinkat(const sarg_t *a)
{
	int bufsiz = (int)a[3];
	struct vnode *vn = NULL;
	char *path, *t = NULL;
	long r;

	if (bufsiz <= 0)
		return -EINVAL;
	if (!(path = getpath((uaddr_t)a[1], &r)))
		return r;
	if ((r = vfs_lookup((int)a[0], path, W_EMPTY, &vn)))
		goto fail;
	r = path[0] ? -EINVAL : -ENOENT; /* Linux: ENOENT for an empty path */
	if ((vn->mode & S_IFMT) != S_IFLNK || !vn->ops->readlink)
		goto fail;
	r = -ENOMEM;
	if (!(t = kalloc(WPATH_MAX)))
		goto fail;
	r = vn->ops->readlink(vn, t, MIN((size_t)bufsiz, (size_t)WPATH_MAX));
	if (r > 0 && copyout((uaddr_t)a[2], t, (size_t)r))
		r = -EFAULT;
	vnode_touch_atime(vn);
fail:
	kfree(t);
	if (vn)
		vnode_put(vn);
	kfree(path);
	return r;
}

/* Appends the name of vn in its parent before the already built tail of buf
 * (which ends at *pos): 0, or -ENOENT/-ERANGE. */
static long prepend_name(struct vnode *parent, struct vnode *vn, char *buf, size_t *pos)
{
	struct vfs_dirent e;
	uint64_t cookie = 2;

	while (parent->ops->readdir && parent->ops->readdir(parent, &cookie, &e) > 0) {
		if (e.ino != vn->ino)
			continue;
		if (e.namelen + 1 > *pos)
			return -ENAMETOOLONG;
		*pos -= e.namelen;
		memcpy(buf + *pos, e.name, e.namelen);
		buf[--*pos] = '/';
		return 0;
	}
	return -ENOENT;
}

long sys_getcwd(const sarg_t *a)
{
	struct proc *p = curproc();
	char *buf = kalloc(WPATH_MAX);
	struct vnode *vn, *up;
	size_t pos = WPATH_MAX - 1;
	size_t size = (size_t)(uint32_t)a[1];
	long r = -ENOMEM;

	if (!buf)
		return r;
	buf[pos] = 0;
	vn = vnode_get(p->cwd);
	r = -ENOENT;
	if (vn->nlink == 0)
		goto fail;
	while (vn != p->root && vn != vfs_rootvn) {
		if (vn == vn->mnt->root && vn->mnt->covered) {
			up = vnode_get(vn->mnt->covered);
			vnode_put(vn);
			vn = up;
			continue;
		}
		if ((r = vfs_lookup_at(vn, "..", 2, &up)))
			goto fail;
		r = prepend_name(up, vn, buf, &pos);
		vnode_put(vn);
		vn = up;
		if (r)
			goto fail;
	}
	if (pos == WPATH_MAX - 1)
		buf[--pos] = '/';
	size_t len = WPATH_MAX - pos;
	r = -ERANGE;
	if (size < len)
		goto fail;
	r = copyout((uaddr_t)a[0], buf + pos, len) ? -EFAULT : (long)len;
fail:
	vnode_put(vn);
	kfree(buf);
	return r;
}

/* Makes *slot (cwd or root) the directory vn after checking search permission. Consumes vn. */
static long set_dir(struct vnode **slot, struct vnode *vn)
{
	long r = is_dir(vn) ? vfs_permission(vn, X_OK) : -ENOTDIR;

	if (r) {
		vnode_put(vn);
		return r;
	}
	vnode_put(*slot);
	*slot = vn;
	return 0;
}

long kern_chdir(int fd, const char *path)
{
	struct vnode *vn;
	long r = path ? vfs_lookup(AT_FDCWD, path, W_FOLLOW | W_DIR, &vn) : vfs_fd_vnode(fd, false, &vn);

	return r ? r : set_dir(&curproc()->cwd, vn);
}

long sys_chdir(const sarg_t *a)
{
	long r;
	char *path = getpath((uaddr_t)a[0], &r);

	if (!path)
		return r;
	r = kern_chdir(-1, path);
	kfree(path);
	return r;
}

long sys_fchdir(const sarg_t *a)
{
	return kern_chdir((int)a[0], NULL);
}

long sys_chroot(const sarg_t *a)
{
	struct vnode *vn;
	long r;
	char *path = getpath((uaddr_t)a[0], &r);

	if (!path)
		return r;
	if (!(r = vfs_lookup(AT_FDCWD, path, W_FOLLOW | W_DIR, &vn))) {
		if (curproc()->cred.euid != 0) {
			vnode_put(vn);
			r = -EPERM;
		} else {
			r = set_dir(&curproc()->root, vn);
		}
	}
	kfree(path);
	return r;
}

long sys_umask(const sarg_t *a)
{
	struct proc *p = curproc();
	uint32_t old = p->umask;

	p->umask = (uint32_t)a[0] & 0777;
	return (long)old;
}
