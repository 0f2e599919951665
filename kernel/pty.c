/* kernel/pty.c -- pseudo-terminals: /dev/ptmx makes a pair, /dev/pts/N is its
 * slave, a terminal of tty.c; the master is the terminal's driver. What the
 * slave writes (after OPOST) waits in a ring for the master to read; what the
 * master writes goes through the line discipline at once (tty_input), and the
 * master waits when the slave's input is full.
 *
 * As on Linux: the slave cannot be opened while locked (TIOCSPTLCK, musl's
 * unlockpt) or after the master closed; the master's close hangs the slave
 * up (tty_hangup) and removes /dev/pts/N; once the slave has been opened and
 * all its files closed, master reads fail with EIO after the buffered output
 * and poll says POLLHUP. The pair goes when both sides are closed. Output
 * the ring holds counts as delivered: flushing the slave's output (ISIG,
 * TCOFLUSH) leaves it, as Linux keeps what its master already received. */
#include "pty.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "tty.h"
#include "usercopy.h"
#include "vfs.h"
#include "waitq.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/poll.h>

_Static_assert(NPTY <= 256, "pts minors are 8 bits");

/* BKL held for every field. */
struct pty {
	struct tty tty;        /* the slave */
	int index;             /* N of /dev/pts/N */
	int masters;           /* open master files */
	bool locked;           /* TIOCSPTLCK: the slave cannot be opened */
	bool slave_closed;     /* the slave was open and all its files closed */
	struct vnode *node;    /* /dev/pts/N (a reference), NULL once removed */
	uint32_t r, w;         /* the output ring, free-running */
	int rsleep, wsleep;    /* master readers / writers blocked */
	struct waitq pollq;    /* the master's pollers */
	uint8_t out[PTY_BUF];
};

_Static_assert((PTY_BUF & (PTY_BUF - 1)) == 0, "PTY_BUF must be a power of two");

static struct pty *ptys[NPTY];
static struct vnode *ptsdir; /* /dev/pts */

static struct pty *pty_of(struct tty *tp)
{
	return tp->priv;
}

/* The slave's driver: the master side. */

static size_t drv_write_room(struct tty *tp)
{
	struct pty *pt = pty_of(tp);
	return PTY_BUF - (pt->w - pt->r);
}

static void drv_write(struct tty *tp, const uint8_t *buf, size_t n)
{
	struct pty *pt = pty_of(tp);

	KASSERT(n <= PTY_BUF - (pt->w - pt->r));
	for (size_t i = 0; i < n; i++)
		pt->out[pt->w++ & (PTY_BUF - 1)] = buf[i];
	if (pt->rsleep)
		kwakeup(&pt->rsleep);
	if (waitq_active(&pt->pollq))
		waitq_wake(&pt->pollq, POLLIN | POLLRDNORM);
}

static size_t drv_outq(struct tty *tp)
{
	struct pty *pt = pty_of(tp);
	return pt->w - pt->r;
}

static void drv_input_room(struct tty *tp)
{
	struct pty *pt = pty_of(tp);

	if (pt->wsleep)
		kwakeup(&pt->wsleep);
	if (waitq_active(&pt->pollq))
		waitq_wake(&pt->pollq, POLLOUT | POLLWRNORM);
}

static void pty_free_if_unused(struct pty *pt)
{
	if (pt->masters || pt->tty.opens)
		return;
	KASSERT(!waitq_active(&pt->pollq) && !pt->node);
	tty_release(&pt->tty);
	ptys[pt->index] = NULL;
	kfree(pt);
}

static void drv_close(struct tty *tp)
{
	struct pty *pt = pty_of(tp);

	pt->slave_closed = true;
	if (pt->rsleep)
		kwakeup(&pt->rsleep);
	if (pt->wsleep)
		kwakeup(&pt->wsleep);
	if (waitq_active(&pt->pollq))
		waitq_wake(&pt->pollq, POLLHUP | POLLIN);
	pty_free_if_unused(pt);
}

static const struct tty_driver pty_driver = {
	.write_room = drv_write_room,
	.write = drv_write,
	.outq = drv_outq,
	.input_room = drv_input_room,
	.close = drv_close,
};

/* The master's file. */

static long master_read(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	struct pty *pt = f->priv;
	size_t done = 0;

	while (pt->w == pt->r) {
		if (pt->slave_closed)
			return -EIO;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		pt->rsleep++;
		int r = ksleep_sig(&pt->rsleep, -1);
		pt->rsleep--;
		if (r == -ERESTARTSYS)
			return r;
	}
	n = MIN(n, (size_t)(pt->w - pt->r));
	while (done < n) {
		uint32_t off = pt->r & (PTY_BUF - 1);
		size_t c = MIN(n - done, (size_t)(PTY_BUF - off));
		if (io_copyout(io, buf + done, pt->out + off, c))
			break;
		pt->r += (uint32_t)c;
		done += c;
	}
	if (done)
		tty_output_room(&pt->tty);
	return done ? (long)done : -EFAULT;
}

static long master_write(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	struct pty *pt = f->priv;
	uint8_t kb[256];
	size_t done = 0;

	while (done < n) {
		size_t c = MIN(n - done, sizeof(kb)), used = 0;
		if (io_copyin(io, kb, buf + done, c))
			return done ? (long)done : -EFAULT;
		while (used < c) {
			size_t k = tty_input(&pt->tty, kb + used, c - used);
			used += k;
			if (k)
				continue;
			long r = -EAGAIN;
			if (!(f->flags & O_NONBLOCK)) {
				pt->wsleep++;
				r = ksleep_sig(&pt->wsleep, -1);
				pt->wsleep--;
			}
			if (r)
				return done + used ? (long)(done + used) : r;
		}
		done += c;
	}
	return (long)done;
}

static long open_peer(struct pty *pt, uint32_t flags)
{
	struct file *f;
	long r;

	if (flags & ~(uint32_t)(O_ACCMODE | O_NOCTTY | O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	if (!pt->node)
		return -EIO;
	if ((r = tty_open_file(&pt->tty, flags & ~(uint32_t)O_CLOEXEC, &f)))
		return r;
	f->vnode = vnode_get(pt->node);
	pt->slave_closed = false;
	return fd_install(curproc(), f, 0, flags & O_CLOEXEC);
}

static long master_ioctl(struct file *f, unsigned cmd, uaddr_t arg)
{
	struct pty *pt = f->priv;
	int32_t v;

	switch (cmd) {
	case TIOCGPTN:
		v = pt->index;
		return copyout(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSPTLCK:
		if (copyin(&v, arg, sizeof(v)))
			return -EFAULT;
		pt->locked = v != 0;
		return 0;
	case TIOCGPTLCK:
		v = pt->locked;
		return copyout(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCGPTPEER:
		return open_peer(pt, (uint32_t)arg);
	case FIONREAD:
		v = (int32_t)(pt->w - pt->r);
		return copyout(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TCFLSH:
		/* the master's input is the slave's output, and the other way round */
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {
			pt->r = pt->w;
			tty_output_room(&pt->tty);
		}
		if (arg != TCIFLUSH)
			tty_flush_input(&pt->tty);
		return 0;
	default:
		return tty_ioctl(&pt->tty, f, cmd, arg);
	}
}

static uint32_t master_poll(struct file *f)
{
	struct pty *pt = f->priv;
	uint32_t ev = 0;

	if (pt->w != pt->r)
		ev |= POLLIN | POLLRDNORM;
	if (pt->slave_closed)
		ev |= POLLHUP;
	if (pt->tty.iw - pt->tty.ir < TTY_BUF - 1)
		ev |= POLLOUT | POLLWRNORM;
	return ev;
}

static struct waitq *master_pollq(struct file *f)
{
	return &((struct pty *)f->priv)->pollq;
}

/* Removes /dev/pts/N. */
static void unlink_node(struct pty *pt)
{
	char name[8];

	if (!pt->node)
		return;
	ksnprintf(name, sizeof(name), "%d", pt->index);
	ptsdir->ops->unlink(ptsdir, name, strlen(name), pt->node);
	vnode_put(pt->node);
	pt->node = NULL;
}

static void master_close(struct file *f)
{
	struct pty *pt = f->priv;

	if (--pt->masters)
		return;
	unlink_node(pt);
	pt->tty.other_closed = true;
	tty_hangup(&pt->tty);
	pty_free_if_unused(pt);
}

static const struct file_ops master_ops = {
	.read = master_read,
	.write = master_write,
	.ioctl = master_ioctl,
	.poll = master_poll,
	.pollq = master_pollq,
	.close = master_close,
};

long pty_open_master(uint32_t flags, struct file **out)
{
	char name[8];
	struct pty *pt;
	struct file *f;
	int i;

	KASSERT(bkl_held() && ptsdir);
	for (i = 0; i < NPTY && ptys[i]; i++)
		;
	if (i == NPTY)
		return -ENOSPC; /* musl's posix_openpt makes it EAGAIN */
	if (!(pt = kalloc(sizeof(*pt))))
		return -ENOMEM;
	if (!(f = file_alloc(&master_ops, flags & ~(uint32_t)O_NOCTTY, pt))) {
		kfree(pt);
		return -ENOMEM;
	}
	tty_init(&pt->tty, &pty_driver, pt);
	pt->index = i;
	pt->locked = true;
	pt->masters = 1;
	ptys[i] = pt;
	ksnprintf(name, sizeof(name), "%d", i);
	long r = ptsdir->ops->create(ptsdir, name, strlen(name), S_IFCHR | 0620, MKDEV(PTS_MAJOR, i), NULL,
	                             &pt->node);
	if (r) {
		pt->node = NULL;
		file_put(f);
		return r;
	}
	*out = f;
	return 0;
}

long pty_open_slave(int index, uint32_t flags, struct file **out)
{
	struct pty *pt = index >= 0 && index < NPTY ? ptys[index] : NULL;
	long r;

	if (!pt || !pt->masters || pt->locked)
		return -EIO;
	if ((r = tty_open_file(&pt->tty, flags, out)))
		return r;
	pt->slave_closed = false;
	return 0;
}

bool file_is_pty_master(const struct file *f)
{
	return f->ops == &master_ops;
}

void pty_init(struct vnode *dir)
{
	ptsdir = vnode_get(dir);
}
