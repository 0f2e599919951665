/* kernel/pipe.c -- pipes and FIFOs: a ring buffer in kernel memory shared by a
 * read end and a write end.
 *
 * A wake-up costs far more than copying (docs/decisions.md), so sleepers are
 * woken at thresholds, not per byte: a writer wakes blocked readers once per
 * write call, or once when it filled the ring and must sleep; a blocked writer
 * records how much room it waits for (its whole write if atomic, else up to
 * half the ring) and readers wake writers only once that much is free. */
#include "pipe.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "ksignal.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "waitq.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/poll.h>
#include <wunix/termios.h>

/* BKL held for every field. Blocked readers sleep on &p->r, blocked writers on
 * &p->w, FIFO opens on p. */
struct pipe {
	uint8_t *buf;
	uint32_t cap;         /* ring size, a power of two */
	uint32_t r, w;        /* free-running positions */
	int readers, writers; /* open ends (an O_RDWR FIFO file counts as both) */
	int rsleep, wsleep;   /* threads blocked in read / write */
	uint32_t wneed;       /* free bytes the blocked writers wait for (the least) */
	uint32_t rd_opens, wr_opens; /* opens of each side so far (FIFO rendezvous, POLLHUP) */
	struct pipe **slot;   /* the FIFO inode's pointer, or NULL */
	struct waitq pollq;   /* poll, select and epoll waiters */
};

_Static_assert((PIPE_DEFAULT_SIZE & (PIPE_DEFAULT_SIZE - 1)) == 0, "pipe size must be a power of two");
_Static_assert(PIPE_DEFAULT_SIZE >= PIPE_BUF, "a pipe holds at least PIPE_BUF");

static const struct file_ops pipe_ops;

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kalloc(sizeof(*p));

	if (!p)
		return NULL;
	if (!(p->buf = kalloc(PIPE_DEFAULT_SIZE))) {
		kfree(p);
		return NULL;
	}
	p->cap = PIPE_DEFAULT_SIZE;
	return p;
}

static void pipe_free_if_unused(struct pipe *p)
{
	if (p->readers || p->writers)
		return;
	KASSERT(!waitq_active(&p->pollq));
	if (p->slot)
		*p->slot = NULL;
	kfree(p->buf);
	kfree(p);
}

static uint32_t pipe_avail(const struct pipe *p)
{
	return p->w - p->r;
}

static uint32_t pipe_room(const struct pipe *p)
{
	return p->cap - (p->w - p->r);
}

static bool can_read(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

static bool can_write(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

/* A new file on p for one side; counts it as a reader and/or writer. */
static struct file *pipe_file(struct pipe *p, uint32_t flags)
{
	struct file *f = file_alloc(&pipe_ops, flags & (O_ACCMODE | O_NONBLOCK), p);

	if (!f)
		return NULL;
	if (can_read(f)) {
		p->readers++;
		p->rd_opens++;
	}
	if (can_write(f)) {
		p->writers++;
		p->wr_opens++;
	}
	/* poll's POLLHUP waits for a writer this reader has not seen yet (FIFO) */
	f->minor = (int)p->wr_opens;
	return f;
}

static void wake_readers(struct pipe *p)
{
	if (p->rsleep)
		kwakeup(&p->r);
	if (waitq_active(&p->pollq))
		waitq_wake(&p->pollq, POLLIN | POLLRDNORM);
}

static void wake_writers(struct pipe *p, uint32_t room_before)
{
	uint32_t room = pipe_room(p);

	if (p->wsleep && room >= p->wneed) {
		p->wneed = UINT32_MAX; /* every writer re-records its need */
		kwakeup(&p->w);
	}
	if (room_before < PIPE_BUF && room >= PIPE_BUF && waitq_active(&p->pollq))
		waitq_wake(&p->pollq, POLLOUT | POLLWRNORM);
}

static long pipe_read(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	struct pipe *p = f->priv;
	size_t done = 0;

	while (pipe_avail(p) == 0) {
		if (!p->writers)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		p->rsleep++;
		int r = ksleep_sig(&p->r, -1);
		p->rsleep--;
		if (r == -ERESTARTSYS)
			return r;
	}
	uint32_t room_before = pipe_room(p);
	n = MIN(n, (size_t)pipe_avail(p));
	while (done < n) {
		uint32_t off = p->r & (p->cap - 1);
		size_t c = MIN(n - done, (size_t)(p->cap - off));
		if (io_copyout(io, buf + done, p->buf + off, c))
			break;
		p->r += (uint32_t)c;
		done += c;
	}
	if (done)
		wake_writers(p, room_before);
	return done ? (long)done : -EFAULT;
}

static long pipe_write(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	struct pipe *p = f->priv;
	bool atomic = n <= PIPE_BUF; /* POSIX: not interleaved with other writers */
	size_t done = 0, unannounced = 0;
	long err = 0;

	for (;;) {
		if (!p->readers) {
			sig_send_thread(curthread(), SIGPIPE);
			err = -EPIPE;
			break;
		}
		size_t left = n - done;
		uint32_t room = pipe_room(p);
		if (room && (!atomic || room >= left)) {
			size_t c = MIN(left, (size_t)room), moved = 0;
			while (moved < c) {
				uint32_t off = p->w & (p->cap - 1);
				size_t piece = MIN(c - moved, (size_t)(p->cap - off));
				if (io_copyin(io, p->buf + off, buf + done + moved, piece))
					break;
				p->w += (uint32_t)piece;
				moved += piece;
			}
			done += moved;
			unannounced += moved;
			if (moved < c) {
				err = -EFAULT;
				break;
			}
			if (done == n)
				break;
			continue;
		}
		if (f->flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (unannounced) {
			wake_readers(p);
			unannounced = 0;
		}
		uint32_t need = atomic ? (uint32_t)left : (uint32_t)MIN(left, (size_t)p->cap / 2);
		if (!p->wsleep || need < p->wneed)
			p->wneed = need;
		p->wsleep++;
		int r = ksleep_sig(&p->w, -1);
		p->wsleep--;
		if (r == -ERESTARTSYS) {
			err = r;
			break;
		}
	}
	if (unannounced)
		wake_readers(p);
	return done ? (long)done : err;
}

static long pipe_ioctl(struct file *f, unsigned cmd, uaddr_t arg)
{
	struct pipe *p = f->priv;

	if (cmd != FIONREAD)
		return -ENOTTY;
	int32_t n = (int32_t)pipe_avail(p);
	return copyout(arg, &n, sizeof(n));
}

/* F_SETPIPE_SZ: Linux's rounding (at least a page, a power of two); beyond
 * PIPE_MAX_SIZE is EPERM, below what the pipe holds EBUSY. */
static long pipe_resize(struct pipe *p, unsigned long arg)
{
	uint32_t size = UPAGE;

	if (arg > (1ul << 31))
		return -EINVAL;
	while (size < arg)
		size <<= 1;
	if (size == p->cap)
		return size;
	if (size > PIPE_MAX_SIZE)
		return -EPERM;
	uint32_t avail = pipe_avail(p);
	if (avail > size)
		return -EBUSY;
	uint8_t *nbuf = kalloc(size);
	if (!nbuf)
		return -ENOMEM;
	uint32_t room_before = pipe_room(p);
	for (uint32_t i = 0; i < avail; i++)
		nbuf[i] = p->buf[(p->r + i) & (p->cap - 1)];
	kfree(p->buf);
	p->buf = nbuf;
	p->cap = size;
	p->r = 0;
	p->w = avail;
	wake_writers(p, room_before);
	return size;
}

static long pipe_fcntl(struct file *f, int cmd, unsigned long arg)
{
	struct pipe *p = f->priv;

	switch (cmd) {
	case F_GETPIPE_SZ:
		return p->cap;
	case F_SETPIPE_SZ:
		return pipe_resize(p, arg);
	default:
		return -EINVAL;
	}
}

static uint32_t pipe_poll(struct file *f)
{
	struct pipe *p = f->priv;
	uint32_t ev = 0;

	if (can_read(f)) {
		if (pipe_avail(p))
			ev |= POLLIN | POLLRDNORM;
		if (!p->writers && (uint32_t)f->minor != p->wr_opens)
			ev |= POLLHUP;
	}
	if (can_write(f)) {
		if (pipe_room(p) >= PIPE_BUF)
			ev |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			ev |= POLLERR;
	}
	return ev;
}

static struct waitq *pipe_pollq(struct file *f)
{
	return &((struct pipe *)f->priv)->pollq;
}

static void pipe_close(struct file *f)
{
	struct pipe *p = f->priv;

	if (can_read(f) && --p->readers == 0) {
		if (p->wsleep)
			kwakeup(&p->w);
		if (waitq_active(&p->pollq))
			waitq_wake(&p->pollq, POLLERR);
	}
	if (can_write(f) && --p->writers == 0) {
		if (p->rsleep)
			kwakeup(&p->r);
		if (waitq_active(&p->pollq))
			waitq_wake(&p->pollq, POLLHUP);
	}
	pipe_free_if_unused(p);
}

static const struct file_ops pipe_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.fcntl = pipe_fcntl,
	.poll = pipe_poll,
	.pollq = pipe_pollq,
	.close = pipe_close,
};

bool file_is_pipe(const struct file *f)
{
	return f->ops == &pipe_ops;
}

long pipe_create(uint32_t flags, struct file **rd, struct file **wr)
{
	struct pipe *p = pipe_alloc();

	KASSERT(bkl_held());
	*rd = *wr = NULL;
	if (!p)
		return -ENOMEM;
	if (!(*rd = pipe_file(p, O_RDONLY | (flags & O_NONBLOCK))))
		goto fail;
	if (!(*wr = pipe_file(p, O_WRONLY | (flags & O_NONBLOCK))))
		goto fail;
	return 0;
fail:
	if (*rd)
		file_put(*rd);
	else
		pipe_free_if_unused(p);
	*rd = NULL;
	return -ENOMEM;
}

long fifo_open(struct pipe **slot, uint32_t flags, struct file **out)
{
	uint32_t mode = flags & O_ACCMODE;
	struct pipe *p = *slot;

	KASSERT(bkl_held());
	*out = NULL;
	if (mode == O_ACCMODE)
		return -EINVAL;
	if (mode == O_WRONLY && (flags & O_NONBLOCK) && (!p || !p->readers))
		return -ENXIO;
	if (!p) {
		if (!(p = pipe_alloc()))
			return -ENOMEM;
		p->slot = slot;
		*slot = p;
	}
	struct file *f = pipe_file(p, flags);
	if (!f) {
		pipe_free_if_unused(p);
		return -ENOMEM;
	}
	kwakeup(p); /* a partner blocked in open */
	/* opening one end waits for the other (interruptibly, as on Linux) */
	int r = 0;
	if (mode == O_RDONLY && !(flags & O_NONBLOCK)) {
		uint32_t seen = p->wr_opens;
		while (!p->writers && p->wr_opens == seen && r != -ERESTARTSYS)
			r = ksleep_sig(p, -1);
	} else if (mode == O_WRONLY) {
		uint32_t seen = p->rd_opens;
		while (!p->readers && p->rd_opens == seen && r != -ERESTARTSYS)
			r = ksleep_sig(p, -1);
	}
	if (r == -ERESTARTSYS) {
		file_put(f);
		return r;
	}
	*out = f;
	return 0;
}

long sys_pipe2(const sarg_t *a)
{
	uaddr_t ufds = (uaddr_t)a[0];
	uint32_t flags = (uint32_t)a[1];
	struct proc *p = curproc();
	struct file *rd, *wr;
	int32_t fds[2] = { -1, -1 };
	long r;

	if (flags & ~(uint32_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (!uaddr_range_ok(ufds, sizeof(fds)))
		return -EFAULT;
	if ((r = pipe_create(flags, &rd, &wr)))
		return r;
	fds[0] = fd_install(p, rd, 0, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		file_put(wr);
		return fds[0];
	}
	fds[1] = fd_install(p, wr, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		r = fds[1];
		goto fail;
	}
	if (copyout(ufds, fds, sizeof(fds))) {
		r = -EFAULT;
		goto fail;
	}
	return 0;
fail:
	if (fds[1] >= 0)
		fd_close(p, fds[1]);
	fd_close(p, fds[0]);
	return r;
}
