/* kernel/vfs_file.c -- open files of vnodes: openat, the file operations of
 * regular files and directories, getdents64, positioned and vectored I/O,
 * truncate, fsync, sendfile, copy_file_range and memfd_create. */
#include "vfs.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "mm.h"
#include "pipe.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <limits.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/uio.h>

#define FIONREAD_CMD 0x541B

static bool is_dir(struct vnode *vn)
{
	return (vn->mode & S_IFMT) == S_IFDIR;
}

static bool is_reg(struct vnode *vn)
{
	return (vn->mode & S_IFMT) == S_IFREG;
}

static long vf_read(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	struct vnode *vn = f->vnode;

	if (is_dir(vn))
		return -EISDIR;
	mmfile_before_read(vn, f->off, n);
	long r = vn->ops->read(vn, io, buf, n, f->off);
	if (r > 0) {
		f->off += r;
		vnode_touch_atime(vn);
	}
	return r;
}

static long vf_write(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	struct vnode *vn = f->vnode;

	if (is_dir(vn))
		return -EISDIR;
	if ((f->flags & O_APPEND) && vn->ops->getattr)
		vn->ops->getattr(vn); /* the host may have appended too */
	if (f->flags & O_APPEND)
		f->off = vn->size;
	long r = vn->ops->write(vn, io, buf, n, f->off);
	if (r > 0) {
		mmfile_after_write(vn, f->off, (uint64_t)r);
		f->off += r;
	}
	return r;
}

static int64_t vf_lseek(struct file *f, int64_t off, int whence)
{
	struct vnode *vn = f->vnode;
	int64_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->off;
		break;
	case SEEK_END:
		if (is_dir(vn))
			return -EINVAL;
		if (vn->ops->getattr)
			vn->ops->getattr(vn);
		base = vn->size;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (!is_reg(vn))
			return -EINVAL;
		if (off < 0 || off >= vn->size)
			return -ENXIO;
		off = vn->ops->seek_data ? vn->ops->seek_data(vn, off, whence == SEEK_HOLE)
		                         : (whence == SEEK_HOLE ? vn->size : off);
		if (off < 0)
			return off;
		f->off = off;
		return off;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->off = base + off;
	return f->off;
}

static long vf_ioctl(struct file *f, unsigned cmd, uaddr_t arg)
{
	struct vnode *vn = f->vnode;

	if (cmd == FIONREAD_CMD && is_reg(vn)) {
		int32_t n = (int32_t)MIN(MAX(vn->size - f->off, (int64_t)0), (int64_t)INT32_MAX);
		return copyout(arg, &n, sizeof(n));
	}
	return -ENOTTY;
}

static const struct file_ops vnode_ops_file = {
	.read = vf_read,
	.write = vf_write,
	.ioctl = vf_ioctl,
	.lseek = vf_lseek,
};

/* O_PATH descriptors: no I/O at all. */
static long path_rw(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	return -EBADF;
}

static long path_ioctl(struct file *f, unsigned cmd, uaddr_t arg)
{
	return -EBADF;
}

static int64_t path_lseek(struct file *f, int64_t off, int whence)
{
	return -EBADF;
}

static const struct file_ops path_ops = {
	.read = path_rw,
	.write = path_rw,
	.ioctl = path_ioctl,
	.lseek = path_lseek,
};

bool file_is_vnode(const struct file *f)
{
	return f->ops == &vnode_ops_file;
}

bool file_is_path(const struct file *f)
{
	return f->ops == &path_ops;
}

long vfs_open_vnode(struct vnode *vn, uint32_t flags, struct file **out)
{
	struct file *f = NULL;
	uint32_t noctty = flags & O_NOCTTY; /* only terminals look at it (tty.c) */
	long r;

	flags &= ~(uint32_t)O_NOCTTY;
	if (flags & O_PATH) {
		f = file_alloc(&path_ops, flags, NULL);
	} else if (vn->ops->open) {
		return vn->ops->open(vn, flags, out);
	} else {
		switch (vn->mode & S_IFMT) {
		case S_IFCHR:
			if ((r = dev_open(vn->rdev, flags | noctty, &f)))
				return r;
			break;
		case S_IFIFO:
			vnode_get(vn); /* keeps vn->fifo valid while fifo_open sleeps */
			r = fifo_open(&vn->fifo, flags, &f);
			vnode_put(vn);
			if (r)
				return r;
			break;
		case S_IFREG:
		case S_IFDIR:
			f = file_alloc(&vnode_ops_file, flags, NULL);
			break;
		default:
			return -ENXIO;
		}
	}
	if (!f)
		return -ENOMEM;
	f->vnode = vnode_get(vn);
	*out = f;
	return 0;
}

static long open_checks(struct vnode *vn, uint32_t flags, bool created)
{
	uint32_t acc = flags & O_ACCMODE;

	if (flags & O_PATH)
		return 0;
	if ((flags & O_DIRECTORY) && !is_dir(vn))
		return -ENOTDIR;
	if (is_dir(vn) && (acc != O_RDONLY || (flags & (O_TRUNC | O_CREAT))))
		return -EISDIR;
	if ((vn->mode & S_IFMT) == S_IFLNK)
		return -ELOOP;
	if (created)
		return 0;
	int mask = (acc == O_RDONLY ? R_OK : acc == O_WRONLY ? W_OK : R_OK | W_OK);
	if (acc == 3)
		mask = R_OK | W_OK;
	if (flags & O_TRUNC)
		mask |= W_OK;
	return vfs_permission(vn, mask);
}

/* The last component of an O_CREAT open: the existing file (symlinks followed
 * unless O_NOFOLLOW) or a new regular file. */
static long open_create(int dirfd, const char *path, uint32_t flags, uint32_t mode, struct vnode **out,
                        bool *created)
{
	struct vfs_parent pp;
	struct vnode *vn = NULL;
	long r = vfs_parent(dirfd, path, &pp);

	if (r)
		return r;
	for (;;) {
		r = -EISDIR;
		if (pp.dot || pp.slash)
			goto fail;
		r = vfs_lookup_at(pp.dir, pp.name, pp.len, &vn);
		if (r == -ENOENT) {
			if ((r = vfs_permission(pp.dir, W_OK | X_OK)))
				goto fail;
			uint32_t m = S_IFREG | (mode & 07777 & ~vfs_proc()->umask);
			if ((r = pp.dir->ops->create(pp.dir, pp.name, pp.len, m, 0, NULL, &vn)))
				goto fail;
			*created = true;
			break;
		}
		if (r)
			goto fail;
		r = -EEXIST;
		if (flags & O_EXCL)
			goto fail;
		if ((vn->mode & S_IFMT) != S_IFLNK)
			break;
		r = -ELOOP;
		if (flags & O_NOFOLLOW)
			goto fail;
		if (vn->ops->follow) {
			/* a magic link (/proc/self/fd/1): its target, never created anew */
			struct vnode *link = vn;
			vn = NULL;
			r = ++pp.links > SYMLOOP_MAX ? -ELOOP : link->ops->follow(link, &vn);
			vnode_put(link);
			if (r)
				goto fail;
			break;
		}
		r = vfs_parent_follow(&pp, vn);
		vnode_put(vn);
		vn = NULL;
		if (r)
			return r;
	}
	vfs_parent_done(&pp);
	*out = vn;
	return 0;
fail:
	if (vn)
		vnode_put(vn);
	vfs_parent_done(&pp);
	return r;
}

long kern_openat(int dirfd, const char *path, uint32_t flags, uint32_t mode, struct file **out)
{
	struct vnode *vn = NULL;
	bool created = false;
	long r;

	/* Linux 6.4 and later: never a regular file made for O_DIRECTORY */
	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return -EINVAL;
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return -EOPNOTSUPP;
	if (flags & O_CREAT) {
		r = open_create(dirfd, path, flags, mode, &vn, &created);
	} else {
		int wf = (flags & O_NOFOLLOW) ? 0 : W_FOLLOW;
		r = vfs_lookup(dirfd, path, wf | ((flags & O_DIRECTORY) ? W_DIR : 0), &vn);
	}
	if (r)
		return r;
	if ((r = open_checks(vn, flags, created)))
		goto fail;
	if ((flags & O_TRUNC) && !(flags & O_PATH) && is_reg(vn) && (flags & O_ACCMODE) != O_RDONLY &&
	    !created && (r = vn->ops->truncate(vn, 0)))
		goto fail;
	if ((flags & O_TRUNC) && !(flags & O_PATH) && is_reg(vn) && (flags & O_ACCMODE) != O_RDONLY && !created)
		mmfile_after_write(vn, 0, UINT64_MAX);
	r = vfs_open_vnode(vn, flags & ~(uint32_t)(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC), out);
fail:
	vnode_put(vn);
	return r;
}

/* Copies a path argument in: 0, -EFAULT or -ENAMETOOLONG. */
long path_copyin(char *kpath, uaddr_t u)
{
	long n = copyinstr(kpath, u, WPATH_MAX);
	return n < 0 ? n : 0;
}

long sys_openat(const sarg_t *a)
{
	char path[WPATH_MAX];
	uint32_t flags = (uint32_t)a[2];
	struct file *f = NULL;
	long r;

	if ((r = path_copyin(path, (uaddr_t)a[1])) || (r = kern_openat((int)a[0], path, flags, (uint32_t)a[3], &f)))
		return r;
	return fd_install(curproc(), f, 0, flags & O_CLOEXEC);
}

long sys_getdents64(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);
	uaddr_t buf = (uaddr_t)a[1];
	size_t count = (size_t)(uint32_t)a[2], done = 0;
	uint8_t rec[sizeof(struct wunix_dirent64) + WNAME_MAX + 1 + 8];

	if (!f)
		return -EBADF;
	if (!f->vnode || file_is_path(f))
		return -EBADF;
	struct vnode *vn = f->vnode;
	if (!is_dir(vn))
		return -ENOTDIR;
	if (!uaddr_range_ok(buf, count))
		return -EFAULT;
	for (;;) {
		struct vfs_dirent e;
		uint64_t pos = (uint64_t)f->off;
		if (vn->nlink == 0 || vn->ops->readdir(vn, &pos, &e) <= 0)
			break;
		size_t reclen = ROUND_UP(offsetof(struct wunix_dirent64, d_name) + e.namelen + 1, (size_t)8);
		if (done + reclen > count) {
			if (!done)
				return -EINVAL;
			break;
		}
		struct wunix_dirent64 *d = (struct wunix_dirent64 *)rec;
		memset(rec, 0, reclen);
		d->d_ino = e.ino;
		d->d_off = (int64_t)pos;
		d->d_reclen = (uint16_t)reclen;
		d->d_type = e.type;
		memcpy(d->d_name, e.name, e.namelen);
		if (copyout(buf + done, rec, reclen))
			return done ? (long)done : -EFAULT;
		done += reclen;
		f->off = (int64_t)pos;
	}
	vnode_touch_atime(vn);
	return (long)done;
}

long kern_prw(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off, bool write)
{
	uint32_t acc = f->flags & O_ACCMODE;

	if (off < 0)
		return -EINVAL;
	if (write ? (acc != O_WRONLY && acc != O_RDWR) : (acc != O_RDONLY && acc != O_RDWR))
		return -EBADF;
	if (file_is_path(f))
		return -EBADF;
	if (!f->ops->lseek)
		return -ESPIPE;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	if (!io->kernel && !uaddr_range_ok(buf, n))
		return -EFAULT;
	if (!file_is_vnode(f)) {
		long r = write ? kern_write(f, io, buf, n) : kern_read(f, io, buf, n);
		return r;
	}
	struct vnode *vn = f->vnode;
	if (is_dir(vn))
		return -EISDIR;
	if (n == 0)
		return 0;
	if (write) {
		/* Linux appends pwrite data on an O_APPEND file whatever the offset. */
		int64_t woff = (f->flags & O_APPEND) ? vn->size : off;
		long w = vn->ops->write(vn, io, buf, n, woff);
		if (w > 0)
			mmfile_after_write(vn, woff, (uint64_t)w);
		return w;
	}
	mmfile_before_read(vn, off, n);
	long r = vn->ops->read(vn, io, buf, n, off);
	if (r > 0)
		vnode_touch_atime(vn);
	return r;
}

long sys_pread64(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);
	return f ? kern_prw(f, &io_user, (uaddr_t)a[1], (size_t)(uint32_t)a[2], (int64_t)a[3], false) : -EBADF;
}

long sys_pwrite64(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);
	return f ? kern_prw(f, &io_user, (uaddr_t)a[1], (size_t)(uint32_t)a[2], (int64_t)a[3], true) : -EBADF;
}

static long prwv(const sarg_t *a, bool write)
{
	struct file *f = fd_lookup((int)a[0]);
	int cnt = (int)a[2];
	int64_t off = (int64_t)((uint64_t)(uint32_t)a[3] | ((uint64_t)(uint32_t)a[4] << 32));
	struct wunix_iovec *iov;
	long r;

	if (!f)
		return -EBADF;
	if (off < 0)
		return -EINVAL;
	if ((r = iov_copyin((uaddr_t)a[1], cnt, &iov)) || cnt == 0)
		return r;
	r = iov_transfer(f, iov, cnt, off, write);
	kfree(iov);
	return r;
}

long sys_preadv(const sarg_t *a)
{
	return prwv(a, false);
}

long sys_pwritev(const sarg_t *a)
{
	return prwv(a, true);
}

/* The core of truncate and ftruncate on vn. */
static long do_truncate(struct vnode *vn, int64_t len)
{
	if (len < 0)
		return -EINVAL;
	if (is_dir(vn))
		return -EISDIR;
	if (!is_reg(vn))
		return -EINVAL;
	int64_t old = vn->size;
	long r = vn->ops->truncate(vn, len);
	if (!r)
		mmfile_after_write(vn, MIN(old, len), UINT64_MAX); /* mappings past the end read zeros */
	return r;
}

long sys_ftruncate(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);
	uint32_t acc;

	if (!f || file_is_path(f))
		return -EBADF;
	acc = f->flags & O_ACCMODE;
	if (!f->vnode || !is_reg(f->vnode) || (acc != O_WRONLY && acc != O_RDWR))
		return -EINVAL;
	return do_truncate(f->vnode, (int64_t)a[1]);
}

long sys_truncate(const sarg_t *a)
{
	char *path = kalloc(WPATH_MAX);
	struct vnode *vn = NULL;
	long r = -ENOMEM;

	if (!path)
		return r;
	if ((r = path_copyin(path, (uaddr_t)a[0])) || (r = vfs_lookup(AT_FDCWD, path, W_FOLLOW, &vn)))
		goto fail;
	r = is_dir(vn) ? -EISDIR : vfs_permission(vn, W_OK);
	if (!r)
		r = do_truncate(vn, (int64_t)a[1]);
	vnode_put(vn);
fail:
	kfree(path);
	return r;
}

long sys_fsync(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);
	if (!f)
		return -EBADF;
	return f->vnode && !file_is_path(f) ? 0 : -EINVAL;
}

long sys_fdatasync(const sarg_t *a)
{
	return sys_fsync(a);
}

/* Moves up to n bytes from in (at *inoff, or its offset if inoff is NULL) to out:
 * bytes moved or -errno. BKL held; may sleep. */
static long copy_between(struct file *in, int64_t *inoff, struct file *out, int64_t *outoff, size_t n)
{
	uint8_t *buf = kalloc(MEMFS_CHUNK);
	size_t done = 0;
	long r = 0;

	if (!buf)
		return -ENOMEM;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	while (done < n) {
		size_t c = MIN(n - done, (size_t)MEMFS_CHUNK);
		r = inoff ? kern_prw(in, &io_kernel, (uaddr_t)(uintptr_t)buf, c, *inoff, false)
		          : kern_read(in, &io_kernel, (uaddr_t)(uintptr_t)buf, c);
		if (r <= 0)
			break;
		size_t got = (size_t)r;
		r = outoff ? kern_prw(out, &io_kernel, (uaddr_t)(uintptr_t)buf, got, *outoff, true)
		           : kern_write(out, &io_kernel, (uaddr_t)(uintptr_t)buf, got);
		if (r <= 0)
			break;
		if (inoff)
			*inoff += r;
		if (outoff)
			*outoff += r;
		done += (size_t)r;
		if ((size_t)r < got) {
			/* the reader moved further than the writer took: put the rest back */
			if (!inoff && in->ops->lseek)
				in->off -= (int64_t)(got - (size_t)r);
			break;
		}
		if (got < c)
			break;
	}
	kfree(buf);
	return done ? (long)done : r;
}

long sys_sendfile(const sarg_t *a)
{
	struct file *out = fd_lookup((int)a[0]), *in = fd_lookup((int)a[1]);
	uaddr_t offp = (uaddr_t)a[2];
	int64_t off;
	long r;

	if (!out || !in)
		return -EBADF;
	if ((in->flags & O_ACCMODE) == O_WRONLY || (out->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!in->vnode || !is_reg(in->vnode))
		return -EINVAL;
	if (out->flags & O_APPEND)
		return -EINVAL;
	if (!offp)
		return copy_between(in, NULL, out, NULL, (size_t)(uint32_t)a[3]);
	if (copyin(&off, offp, sizeof(off)))
		return -EFAULT;
	if (off < 0)
		return -EINVAL;
	r = copy_between(in, &off, out, NULL, (size_t)(uint32_t)a[3]);
	if (r >= 0 && copyout(offp, &off, sizeof(off)))
		return -EFAULT;
	return r;
}

long sys_copy_file_range(const sarg_t *a)
{
	struct file *in = fd_lookup((int)a[0]), *out = fd_lookup((int)a[2]);
	uaddr_t inp = (uaddr_t)a[1], outp = (uaddr_t)a[3];
	int64_t ioff, ooff;
	long r;

	if (!in || !out)
		return -EBADF;
	if ((uint32_t)a[5])
		return -EINVAL;
	if (file_is_path(in) || file_is_path(out))
		return -EBADF;
	if (!in->vnode || !out->vnode)
		return -EINVAL;
	if (is_dir(in->vnode) || is_dir(out->vnode))
		return -EISDIR;
	if (!is_reg(in->vnode) || !is_reg(out->vnode))
		return -EINVAL;
	if ((in->flags & O_ACCMODE) == O_WRONLY || (out->flags & O_ACCMODE) == O_RDONLY ||
	    (out->flags & O_APPEND))
		return -EBADF;
	if ((inp && copyin(&ioff, inp, sizeof(ioff))) || (outp && copyin(&ooff, outp, sizeof(ooff))))
		return -EFAULT;
	if (!inp)
		ioff = in->off;
	if (!outp)
		ooff = out->off;
	if (ioff < 0 || ooff < 0)
		return -EINVAL;
	if (in->vnode == out->vnode) {
		size_t len = (size_t)(uint32_t)a[4];
		if (ioff < ooff + (int64_t)len && ooff < ioff + (int64_t)len)
			return -EINVAL;
	}
	r = copy_between(in, &ioff, out, &ooff, (size_t)(uint32_t)a[4]);
	if (r < 0)
		return r;
	if (inp ? copyout(inp, &ioff, sizeof(ioff)) : (in->off = ioff, 0))
		return -EFAULT;
	if (outp ? copyout(outp, &ooff, sizeof(ooff)) : (out->off = ooff, 0))
		return -EFAULT;
	return r;
}

long sys_memfd_create(const sarg_t *a)
{
	char name[250];
	uint32_t flags = (uint32_t)a[1];
	struct vnode *vn = NULL;
	struct file *f = NULL;
	long r;

	if (flags & ~(uint32_t)(MFD_CLOEXEC | MFD_ALLOW_SEALING))
		return -EINVAL;
	if ((r = copyinstr(name, (uaddr_t)a[0], sizeof(name))) < 0)
		return r == -ENAMETOOLONG ? -EINVAL : r;
	/* An unnamed memfs file: created in the root's store and unlinked at once. */
	struct vnode *root = vfs_rootvn;
	char tmp[32];
	static uint32_t seq;
	int len = ksnprintf(tmp, sizeof(tmp), ".memfd-%u", ++seq);
	if ((r = root->ops->create(root, tmp, (size_t)len, S_IFREG | 0777, 0, NULL, &vn)))
		return r;
	root->ops->unlink(root, tmp, (size_t)len, vn);
	r = vfs_open_vnode(vn, O_RDWR, &f);
	vnode_put(vn);
	if (r)
		return r;
	return fd_install(curproc(), f, 0, flags & MFD_CLOEXEC);
}
