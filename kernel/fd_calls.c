/* kernel/fd_calls.c -- system calls on descriptors themselves: dup, dup3,
 * fcntl and close_range. */
#include "fd.h"
#include "flock.h"
#include "klib.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>

/* Makes newfd refer to f (closing what it held): newfd or -errno. BKL held. */
long kern_dup3(int oldfd, int newfd, bool cloexec)
{
	struct proc *p = curproc();
	struct file *f = fd_lookup(oldfd);

	if (!f)
		return -EBADF;
	if (newfd < 0 || newfd >= proc_nofile(p))
		return -EBADF;
	if (newfd == oldfd)
		return -EINVAL;
	file_get(f);
	if (p->fds.fd[newfd])
		fd_close(p, newfd);
	int r = fd_install(p, f, newfd, cloexec);
	KASSERT(r == newfd);
	return r;
}

long sys_dup(const sarg_t *a)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	return fd_install(curproc(), file_get(f), 0, false);
}

long sys_dup3(const sarg_t *a)
{
	uint32_t flags = (uint32_t)a[2];

	if (flags & ~(uint32_t)O_CLOEXEC)
		return -EINVAL;
	return kern_dup3((int)a[0], (int)a[1], flags & O_CLOEXEC);
}

/* The flags F_SETFL may change, as on Linux. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

long sys_fcntl(const sarg_t *a)
{
	struct proc *p = curproc();
	int fd = (int)a[0], cmd = (int)a[1];
	struct file *f = fd_lookup(fd);
	long arg = (long)(int)a[2];

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0 || arg >= proc_nofile(p))
			return -EINVAL;
		return fd_install(p, file_get(f), (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fd_get_cloexec(&p->fds, fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fd_set_cloexec(&p->fds, fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return (long)(f->flags | (file_is_path(f) ? 0 : O_LARGEFILE));
	case F_SETFL:
		if (file_is_path(f))
			return -EBADF;
		f->flags = (f->flags & ~(uint32_t)SETFL_MASK) | ((uint32_t)arg & SETFL_MASK);
		return 0;
	}
	if (file_is_path(f))
		return -EBADF;
	if (fcntl_is_lock(cmd))
		return kern_fcntl_lock(f, cmd, (uaddr_t)a[2]);
	if (!f->ops->fcntl)
		return -EINVAL;
	return f->ops->fcntl(f, cmd, (unsigned long)(uint32_t)a[2]);
}

long sys_close_range(const sarg_t *a)
{
	struct proc *p = curproc();
	uint32_t first = (uint32_t)a[0], last = (uint32_t)a[1], flags = (uint32_t)a[2];

	if (flags & ~(uint32_t)(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (first > last)
		return -EINVAL;
	for (uint32_t fd = first; fd <= last && fd < NOFILE; fd++) {
		if (!p->fds.fd[fd])
			continue;
		if (flags & CLOSE_RANGE_CLOEXEC)
			fd_set_cloexec(&p->fds, (int)fd, true);
		else
			fd_close(p, (int)fd);
	}
	return 0;
}
