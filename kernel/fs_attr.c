/* kernel/fs_attr.c -- system calls on attributes: newfstatat, fstat, statx,
 * statfs, fstatfs, fchmodat, fchmod, fchownat, fchown, faccessat(2), utimensat. */
#include "vfs.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "pipe.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>

/* The vnode a (dirfd, path, flags) triple names; path 0 (NULL) names dirfd
 * itself when null_ok, as utimensat allows. */
static long at_vnode(int dirfd, uaddr_t upath, int flags, bool null_ok, struct vnode **out)
{
	char path[WPATH_MAX];
	long r;

	if (!upath && null_ok)
		return vfs_fd_vnode(dirfd, false, out);
	if ((r = path_copyin(path, upath)))
		return r;
	int wf = ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : W_FOLLOW) | ((flags & AT_EMPTY_PATH) ? W_EMPTY : 0);
	return vfs_lookup(dirfd, path, wf, out);
}

/* stat of a file with no vnode: a pipe or the console. */
static void anon_stat(struct file *f, struct wunix_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = file_is_pipe(f) ? S_IFIFO | 0600 : S_IFCHR | 0620;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	st->st_dev = 0;
	st->st_ino = (uint64_t)(uintptr_t)f->priv;
	if (!file_is_pipe(f))
		st->st_rdev = MKDEV(136, 0);
}

long sys_newfstatat(const sarg_t *a)
{
	int flags = (int)a[3];
	struct wunix_stat st;
	struct vnode *vn;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	if ((flags & AT_EMPTY_PATH) && (int)a[0] != AT_FDCWD) {
		/* fstatat(fd, "", AT_EMPTY_PATH) is fstat, anonymous files included */
		char c;
		if (copyin(&c, (uaddr_t)a[1], 1))
			return -EFAULT;
		if (c == 0) {
			sarg_t b[2] = { a[0], a[2] };
			return sys_fstat(b);
		}
	}
	if ((r = at_vnode((int)a[0], (uaddr_t)a[1], flags, false, &vn)))
		return r;
	vfs_stat(vn, &st);
	vnode_put(vn);
	return copyout((uaddr_t)a[2], &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstat(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);
	struct wunix_stat st;

	if (!f)
		return -EBADF;
	if (f->vnode)
		vfs_stat(f->vnode, &st);
	else
		anon_stat(f, &st);
	return copyout((uaddr_t)a[1], &st, sizeof(st)) ? -EFAULT : 0;
}

static void ts_to_statx(int64_t sec, int32_t nsec, struct wunix_statx_timestamp *t)
{
	t->tv_sec = sec;
	t->tv_nsec = (uint32_t)nsec;
}

long sys_statx(const sarg_t *a)
{
	int dirfd = (int)a[0], flags = (int)a[2];
	uint32_t mask = (uint32_t)a[3];
	struct wunix_statx sx;
	struct wunix_stat st;
	struct vnode *vn = NULL;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	char c = 1;
	if ((flags & AT_EMPTY_PATH) && copyin(&c, (uaddr_t)a[1], 1))
		return -EFAULT;
	if ((flags & AT_EMPTY_PATH) && c == 0 && dirfd != AT_FDCWD) {
		struct file *f = fd_lookup(dirfd);
		if (!f)
			return -EBADF;
		if (f->vnode)
			vfs_stat(f->vnode, &st);
		else
			anon_stat(f, &st);
	} else {
		if ((r = at_vnode(dirfd, (uaddr_t)a[1], flags, false, &vn)))
			return r;
		vfs_stat(vn, &st);
		vnode_put(vn);
	}
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = (uint32_t)st.st_blksize;
	sx.stx_nlink = st.st_nlink;
	sx.stx_uid = st.st_uid;
	sx.stx_gid = st.st_gid;
	sx.stx_mode = (uint16_t)st.st_mode;
	sx.stx_ino = st.st_ino;
	sx.stx_size = (uint64_t)st.st_size;
	sx.stx_blocks = (uint64_t)st.st_blocks;
	ts_to_statx(st.st_atim.tv_sec, st.st_atim.tv_nsec, &sx.stx_atime);
	ts_to_statx(st.st_mtim.tv_sec, st.st_mtim.tv_nsec, &sx.stx_mtime);
	ts_to_statx(st.st_ctim.tv_sec, st.st_ctim.tv_nsec, &sx.stx_ctime);
	sx.stx_rdev_major = (uint32_t)(st.st_rdev >> 8);
	sx.stx_rdev_minor = (uint32_t)(st.st_rdev & 0xff);
	sx.stx_dev_major = (uint32_t)(st.st_dev >> 8);
	sx.stx_dev_minor = (uint32_t)(st.st_dev & 0xff);
	return copyout((uaddr_t)a[4], &sx, sizeof(sx)) ? -EFAULT : 0;
}

static long do_statfs(struct vnode *vn, uaddr_t u)
{
	struct wunix_statfs st;

	memset(&st, 0, sizeof(st));
	if (vn->ops->statfs)
		vn->ops->statfs(vn->mnt, &st);
	st.f_fsid[0] = (int32_t)vn->mnt->dev;
	st.f_flags |= ST_VALID;
	return copyout(u, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_statfs(const sarg_t *a)
{
	struct vnode *vn;
	long r = at_vnode(AT_FDCWD, (uaddr_t)a[0], 0, false, &vn);

	if (r)
		return r;
	r = do_statfs(vn, (uaddr_t)a[1]);
	vnode_put(vn);
	return r;
}

long sys_fstatfs(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	if (!f->vnode) {
		struct wunix_statfs st;
		memset(&st, 0, sizeof(st));
		st.f_type = file_is_pipe(f) ? 0x50495045 : 0x1cd1; /* PIPEFS_MAGIC, DEVPTS_SUPER_MAGIC */
		st.f_bsize = st.f_frsize = 4096;
		st.f_namelen = WNAME_MAX;
		st.f_flags = ST_VALID;
		return copyout((uaddr_t)a[1], &st, sizeof(st)) ? -EFAULT : 0;
	}
	return do_statfs(f->vnode, (uaddr_t)a[1]);
}

static bool in_groups(uint32_t gid)
{
	const struct cred *c = &curproc()->cred;

	if (c->fsgid == gid)
		return true;
	for (int i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

static long do_chmod(struct vnode *vn, uint32_t mode)
{
	if (!vfs_owner_or_root(vn))
		return -EPERM;
	mode &= 07777;
	if (curproc()->cred.fsuid != 0 && !in_groups(vn->gid))
		mode &= ~(uint32_t)S_ISGID;
	struct vattr va = { .which = VA_MODE, .mode = mode };
	long r = vn->ops->setattr ? vn->ops->setattr(vn, &va) : 0;
	if (r)
		return r;
	vn->mode = (vn->mode & S_IFMT) | mode;
	vnode_touch(vn, VT_C);
	return 0;
}

long sys_fchmodat(const sarg_t *a)
{
	struct vnode *vn;
	long r = at_vnode((int)a[0], (uaddr_t)a[1], 0, false, &vn);

	if (r)
		return r;
	r = do_chmod(vn, (uint32_t)a[2]);
	vnode_put(vn);
	return r;
}

long sys_fchmod(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f || file_is_path(f))
		return -EBADF;
	if (!f->vnode)
		return -EINVAL;
	return do_chmod(f->vnode, (uint32_t)a[1]);
}

static long do_chown(struct vnode *vn, uint32_t uid, uint32_t gid)
{
	const struct cred *c = &curproc()->cred;

	if (c->fsuid != 0) {
		if (uid != (uint32_t)-1 && uid != vn->uid)
			return -EPERM;
		if (gid != (uint32_t)-1 && gid != vn->gid && (c->fsuid != vn->uid || !in_groups(gid)))
			return -EPERM;
		if ((uid != (uint32_t)-1 || gid != (uint32_t)-1) && c->fsuid != vn->uid)
			return -EPERM;
	}
	struct vattr va = { .which = VA_OWNER, .uid = uid, .gid = gid };
	long r = vn->ops->setattr && (uid != (uint32_t)-1 || gid != (uint32_t)-1) ? vn->ops->setattr(vn, &va) : 0;
	if (r)
		return r;
	if (uid != (uint32_t)-1)
		vn->uid = uid;
	if (gid != (uint32_t)-1)
		vn->gid = gid;
	if ((uid != (uint32_t)-1 || gid != (uint32_t)-1) && (vn->mode & S_IFMT) != S_IFDIR) {
		/* a changed owner drops set-id bits (set-gid only where it means set-gid: g+x) */
		vn->mode &= ~(uint32_t)S_ISUID;
		if (vn->mode & 010)
			vn->mode &= ~(uint32_t)S_ISGID;
	}
	vnode_touch(vn, VT_C);
	return 0;
}

long sys_fchownat(const sarg_t *a)
{
	int flags = (int)a[4];
	struct vnode *vn;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((r = at_vnode((int)a[0], (uaddr_t)a[1], flags, false, &vn)))
		return r;
	r = do_chown(vn, (uint32_t)a[2], (uint32_t)a[3]);
	vnode_put(vn);
	return r;
}

long sys_fchown(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f || file_is_path(f))
		return -EBADF;
	if (!f->vnode)
		return -EINVAL;
	return do_chown(f->vnode, (uint32_t)a[1], (uint32_t)a[2]);
}

static long do_access(int dirfd, uaddr_t upath, int mode, int flags)
{
	struct cred *c = &curproc()->cred;
	uint32_t fsuid = c->fsuid, fsgid = c->fsgid;
	struct vnode *vn;
	long r;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* access(2) asks with the real ids, faccessat's AT_EACCESS with the effective ones */
	if (!(flags & AT_EACCESS)) {
		c->fsuid = c->ruid;
		c->fsgid = c->rgid;
	}
	r = at_vnode(dirfd, upath, flags, false, &vn);
	if (!r) {
		r = mode ? vfs_permission(vn, mode) : 0;
		vnode_put(vn);
	}
	c->fsuid = fsuid;
	c->fsgid = fsgid;
	return r;
}

long sys_faccessat(const sarg_t *a)
{
	return do_access((int)a[0], (uaddr_t)a[1], (int)a[2], 0);
}

long sys_faccessat2(const sarg_t *a)
{
	return do_access((int)a[0], (uaddr_t)a[1], (int)a[2], (int)a[3]);
}

long sys_utimensat(const sarg_t *a)
{
	int flags = (int)a[3];
	uaddr_t utimes = (uaddr_t)a[2];
	struct wunix_timespec ts[2];
	int64_t now = vfs_now(), t[2];
	bool set[2] = { true, true }, explicit_time = false;
	struct vnode *vn;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes) {
		if (copyin(ts, utimes, sizeof(ts)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (ts[i].tv_nsec == UTIME_OMIT) {
				set[i] = false;
			} else if (ts[i].tv_nsec == UTIME_NOW) {
				t[i] = now;
			} else if (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000) {
				return -EINVAL;
			} else {
				t[i] = ts[i].tv_sec * 1000000000 + ts[i].tv_nsec;
				explicit_time = true;
			}
		}
	} else {
		t[0] = t[1] = now;
	}
	if (!a[1] && flags & AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if ((r = at_vnode((int)a[0], (uaddr_t)a[1], flags, true, &vn)))
		return r;
	if (!set[0] && !set[1])
		goto out;
	/* explicit times need ownership; "now" also accepts write permission */
	r = -EPERM;
	if (!vfs_owner_or_root(vn) && (explicit_time || (r = vfs_permission(vn, W_OK))))
		goto out;
	struct vattr va = { .which = VA_TIMES, .atime = set[0] ? t[0] : vn->atime, .mtime = set[1] ? t[1] : vn->mtime };
	if (vn->ops->setattr && (r = vn->ops->setattr(vn, &va)))
		goto out;
	if (set[0])
		vn->atime = t[0];
	if (set[1])
		vn->mtime = t[1];
	vn->ctime = now;
	r = 0;
out:
	vnode_put(vn);
	return r;
}
