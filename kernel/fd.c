/* kernel/fd.c -- open file descriptions, descriptor tables, and the syscalls that
 * work on any file: read, write, readv, writev, close, lseek, ioctl. */
#include "fd.h"
#include "console.h"
#include "epoll.h"
#include "flock.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "vfs.h"
#include <limits.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/termios.h>
#include <wunix/uio.h>

struct file *file_alloc(const struct file_ops *ops, uint32_t flags, void *priv)
{
	struct file *f = kalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->refs = 1;
	f->flags = flags;
	f->ops = ops;
	f->priv = priv;
	return f;
}

struct file *file_get(struct file *f)
{
	KASSERT(bkl_held() && f->refs > 0);
	f->refs++;
	return f;
}

void file_put(struct file *f)
{
	KASSERT(bkl_held() && f->refs > 0);
	if (--f->refs)
		return;
	if (f->epitems)
		epoll_file_gone(f);
	if (f->vnode && f->vnode->locks)
		lock_file_gone(f);
	if (f->ops->close)
		f->ops->close(f);
	if (f->vnode)
		vnode_put(f->vnode);
	kfree(f);
}

struct file *fd_lookup(int fd)
{
	struct proc *p = curproc();

	if (fd < 0 || fd >= NOFILE)
		return NULL;
	return p->fds.fd[fd];
}

void fd_set_cloexec(struct fdtable *t, int fd, bool on)
{
	if (on)
		t->cloexec[fd / 8] |= (uint8_t)(1u << (fd % 8));
	else
		t->cloexec[fd / 8] &= (uint8_t)~(1u << (fd % 8));
}

int fd_install(struct proc *p, struct file *f, int min, bool cloexec)
{
	int lim = proc_nofile(p);

	for (int fd = min < 0 ? 0 : min; fd < lim; fd++) {
		if (p->fds.fd[fd])
			continue;
		p->fds.fd[fd] = f;
		fd_set_cloexec(&p->fds, fd, cloexec);
		return fd;
	}
	file_put(f);
	return -EMFILE;
}

int fd_close(struct proc *p, int fd)
{
	if (fd < 0 || fd >= NOFILE || !p->fds.fd[fd])
		return -EBADF;
	struct file *f = p->fds.fd[fd];
	p->fds.fd[fd] = NULL;
	fd_set_cloexec(&p->fds, fd, false);
	if (f->vnode && f->vnode->locks)
		lock_close(p, f->vnode);
	file_put(f);
	return 0;
}

int fd_init_stdio(struct proc *p)
{
	struct file *f[3];
	int err = console_stdio(f);

	if (err)
		return err;
	for (int i = 0; i < 3; i++) {
		int fd = fd_install(p, f[i], i, false);
		KASSERT(fd == i); /* a new process's table is empty */
	}
	return 0;
}

int fd_fork(struct proc *c, const struct proc *p)
{
	for (int fd = 0; fd < NOFILE; fd++)
		if (p->fds.fd[fd])
			c->fds.fd[fd] = file_get(p->fds.fd[fd]);
	memcpy(c->fds.cloexec, p->fds.cloexec, sizeof(c->fds.cloexec));
	return 0;
}

void fd_exec(struct proc *p)
{
	for (int fd = 0; fd < NOFILE; fd++)
		if (p->fds.fd[fd] && fd_get_cloexec(&p->fds, fd))
			fd_close(p, fd);
}

void fd_exit(struct proc *p)
{
	for (int fd = 0; fd < NOFILE; fd++)
		if (p->fds.fd[fd])
			fd_close(p, fd);
}

long kern_read(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	uint32_t mode = f->flags & O_ACCMODE;

	if (mode != O_RDONLY && mode != O_RDWR)
		return -EBADF;
	if (!f->ops->read)
		return -EINVAL;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	if (!io->kernel && !uaddr_range_ok(buf, n))
		return -EFAULT;
	if (n == 0)
		return 0;
	return f->ops->read(f, io, buf, n);
}

long kern_write(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	uint32_t mode = f->flags & O_ACCMODE;

	if (mode != O_WRONLY && mode != O_RDWR)
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	if (!io->kernel && !uaddr_range_ok(buf, n))
		return -EFAULT;
	if (n == 0)
		return 0;
	return f->ops->write(f, io, buf, n);
}

/* Size arguments arrive zero-extended from a 32-bit size_t; a 64-bit guest's
 * would be full width. Either way a value, not a pointer. */
static size_t size_arg(sarg_t a)
{
	return (uint64_t)a > SIZE_MAX ? SIZE_MAX : (size_t)(uint64_t)a;
}

long sys_read(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	return kern_read(f, &io_user, (uaddr_t)a[1], size_arg(a[2]));
}

long sys_write(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	return kern_write(f, &io_user, (uaddr_t)a[1], size_arg(a[2]));
}

long iov_copyin(uaddr_t uiov, int cnt, struct wunix_iovec **out)
{
	struct wunix_iovec *iov;

	*out = NULL;
	if (cnt < 0 || cnt > WUNIX_IOV_MAX)
		return -EINVAL;
	if (cnt == 0)
		return 0;
	if (!(iov = kalloc(sizeof(*iov) * (size_t)cnt)))
		return -ENOMEM;
	if (copyin(iov, uiov, sizeof(*iov) * (size_t)cnt))
		goto efault;
	for (int i = 0; i < cnt; i++) {
		if (iov[i].iov_len > INT32_MAX) {
			kfree(iov);
			return -EINVAL;
		}
		if (!uaddr_range_ok(iov[i].iov_base, iov[i].iov_len))
			goto efault;
	}
	*out = iov;
	return 0;
efault:
	kfree(iov);
	return -EFAULT;
}

long iov_transfer(struct file *f, const struct wunix_iovec *iov, int cnt, int64_t off, bool write)
{
	long r = 0, total = 0;

	for (int i = 0; i < cnt; i++) {
		size_t len = MIN((size_t)iov[i].iov_len, (size_t)(MAX_RW_COUNT - total));
		if (len == 0 && iov[i].iov_len)
			break;
		if (off >= 0) {
			if (len == 0)
				continue;
			r = kern_prw(f, &io_user, iov[i].iov_base, len, off + total, write);
		} else {
			r = write ? kern_write(f, &io_user, iov[i].iov_base, len)
			          : kern_read(f, &io_user, iov[i].iov_base, len);
		}
		if (r < 0)
			break;
		total += r;
		if ((size_t)r < len)
			break;
	}
	return total ? total : r;
}

static long rwv(const sarg_t *a, bool write)
{
	struct file *f = fd_lookup((int)a[0]);
	int cnt = (int)a[2];
	struct wunix_iovec *iov;
	long r;

	if (!f)
		return -EBADF;
	if ((r = iov_copyin((uaddr_t)a[1], cnt, &iov)) || cnt == 0)
		return r;
	r = iov_transfer(f, iov, cnt, -1, write);
	kfree(iov);
	return r;
}

long sys_readv(const sarg_t *a)
{
	return rwv(a, false);
}

long sys_writev(const sarg_t *a)
{
	return rwv(a, true);
}

long sys_close(const sarg_t *a)
{
	return fd_close(curproc(), (int)a[0]);
}

/* Moves descriptor fd's offset: the new offset or -errno. BKL held. */
static int64_t kern_lseek(int fd, int64_t off, int whence)
{
	struct file *f = fd_lookup(fd);

	if (!f)
		return -EBADF;
	if (!f->ops->lseek)
		return -ESPIPE;
	return f->ops->lseek(f, off, whence);
}

/* A wasm32 process's long cannot hold offsets past 2 GiB: EOVERFLOW, as a
 * 32-bit Linux lseek; musl uses _llseek below instead. */
long sys_lseek(const sarg_t *a)
{
	int64_t r = kern_lseek((int)a[0], (int64_t)a[1], (int)a[2]);

	if (r > (int64_t)LONG_MAX)
		return -EOVERFLOW;
	return (long)r;
}

/* _llseek(fd, offset_high, offset_low, result, whence), as on 32-bit Linux:
 * the 64-bit result goes through memory. */
long sys__llseek(const sarg_t *a)
{
	int64_t off = (int64_t)(((uint64_t)(uint32_t)a[1] << 32) | (uint32_t)a[2]);
	int64_t r = kern_lseek((int)a[0], off, (int)a[4]);

	if (r < 0)
		return (long)r;
	return copyout((uaddr_t)a[3], &r, sizeof(r)) ? -EFAULT : 0;
}

long sys_ioctl(const sarg_t *a)
{
	int fd = (int)a[0];
	struct file *f = fd_lookup(fd);
	unsigned cmd = (unsigned)a[1];
	uaddr_t arg = (uaddr_t)a[2];

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		fd_set_cloexec(&curproc()->fds, fd, cmd == FIOCLEX);
		return 0;
	case FIONBIO: {
		int on;
		if (copyin(&on, arg, sizeof(on)))
			return -EFAULT;
		if (on)
			f->flags |= O_NONBLOCK;
		else
			f->flags &= ~(uint32_t)O_NONBLOCK;
		return 0;
	}
	}
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, arg);
}
