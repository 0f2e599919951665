/* kernel/signalfd.c -- signalfd4: a descriptor whose reads take the caller's
 * pending signals of a mask as struct signalfd_siginfo, and which polls
 * readable while one is pending. As on Linux, "the caller" is whoever reads or
 * polls: after fork the child reads its own signals. */
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "kpoll.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "waitq.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/poll.h>

/* struct signalfd_siginfo (128 bytes). */
struct sfd_info {
	uint32_t signo;
	int32_t err;
	int32_t code;
	uint32_t pid, uid;
	int32_t fd;
	uint32_t tid, band, overrun, trapno;
	int32_t status, sint;
	uint64_t ptr, utime, stime, addr;
	uint16_t addr_lsb;
	uint8_t pad[46];
};

struct sfd {
	uint64_t mask; /* the signals it reads (never SIGKILL, SIGSTOP) */
};

static const struct file_ops sfd_ops;

static void sfd_fill(struct sfd_info *o, const struct wunix_siginfo *i)
{
	memset(o, 0, sizeof(*o));
	o->signo = (uint32_t)i->si_signo;
	o->err = i->si_errno;
	o->code = i->si_code;
	if (i->si_signo == SIGCHLD && i->si_code > 0) {
		o->pid = (uint32_t)i->u.chld.pid;
		o->uid = i->u.chld.uid;
		o->status = i->u.chld.status;
	} else if (i->si_code == SI_TIMER) {
		o->tid = (uint32_t)i->u.timer.tid;
		o->overrun = (uint32_t)i->u.timer.overrun;
		o->sint = (int32_t)i->u.timer.value;
		o->ptr = i->u.timer.value;
	} else if (i->si_code <= 0) {
		o->pid = (uint32_t)i->u.kill.pid;
		o->uid = i->u.kill.uid;
		o->sint = (int32_t)i->u.kill.value;
		o->ptr = i->u.kill.value;
	} else if (i->si_signo == SIGSEGV || i->si_signo == SIGBUS || i->si_signo == SIGILL ||
	           i->si_signo == SIGFPE) {
		o->addr = i->u.fault.addr;
	}
}

static long sfd_read(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	struct sfd *s = f->priv;
	struct thread *t = curthread();
	size_t done = 0;

	if (n < sizeof(struct sfd_info))
		return -EINVAL;
	while (done + sizeof(struct sfd_info) <= n) {
		struct wunix_siginfo info;
		if (!sig_dequeue(t, s->mask, &info)) {
			if (done)
				break;
			if (f->flags & O_NONBLOCK)
				return -EAGAIN;
			if (ksleep_sig(sig_chan(t->proc), -1) == -ERESTARTSYS)
				return -ERESTARTSYS;
			continue;
		}
		struct sfd_info o;
		sfd_fill(&o, &info);
		if (io_copyout(io, buf + done, &o, sizeof(o)))
			return done ? (long)done : -EFAULT;
		done += sizeof(o);
	}
	return (long)done;
}

static uint32_t sfd_poll(struct file *f)
{
	struct sfd *s = f->priv;
	struct thread *t = curthread();

	return t && ((t->sigq.set | t->proc->sigq.set) & s->mask) ? POLLIN | POLLRDNORM : 0;
}

static struct waitq *sfd_pollq(struct file *f)
{
	struct proc *p = curproc();
	return p ? &p->sigwq : NULL;
}

static void sfd_close(struct file *f)
{
	kfree(f->priv);
}

static const struct file_ops sfd_ops = {
	.read = sfd_read,
	.poll = sfd_poll,
	.pollq = sfd_pollq,
	.close = sfd_close,
};

/* signalfd4(fd, mask, masksize, flags): a new signalfd (fd -1) or a new mask
 * for signalfd fd. */
long sys_signalfd4(const sarg_t *a)
{
	int fd = (int)a[0], flags = (int)a[3];
	uint64_t mask;

	if ((size_t)a[2] != WUNIX_SIGSET_SIZE || (flags & ~(O_CLOEXEC | O_NONBLOCK)))
		return -EINVAL;
	if (copyin(&mask, (uaddr_t)a[1], sizeof(mask)))
		return -EFAULT;
	mask &= ~SIG_UNBLOCKABLE;
	if (fd != -1) {
		struct file *f = fd_lookup(fd);
		if (!f)
			return -EBADF;
		if (f->ops != &sfd_ops)
			return -EINVAL;
		((struct sfd *)f->priv)->mask = mask;
		return fd;
	}
	struct sfd *s = kalloc(sizeof(*s));
	struct file *f;
	if (!s)
		return -ENOMEM;
	s->mask = mask;
	if (!(f = file_alloc(&sfd_ops, O_RDONLY | (flags & O_NONBLOCK), s))) {
		kfree(s);
		return -ENOMEM;
	}
	return fd_install(curproc(), f, 0, flags & O_CLOEXEC);
}
