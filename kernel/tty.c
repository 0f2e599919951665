/* kernel/tty.c -- the terminal core shared by every terminal: its open
 * files (read, write, poll) over the line discipline (ldisc.c), termios and
 * the terminal ioctls, controlling terminals and the job-control checks,
 * hangups. The master side is a driver (tty.h): pty.c's masters and the host
 * console. */
#include "tty.h"
#include "ldisc.h"
#include "fd.h"
#include "klib.h"
#include "ksignal.h"
#include "ktime.h"
#include "lock.h"
#include "proc.h"
#include "usercopy.h"
#include "waitq.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/poll.h>
#include <wunix/signal.h>

static struct tty *ttys; /* every terminal */
static const struct file_ops tty_fops;


void tty_default_termios(struct wunix_termios *tio)
{
	static const uint8_t cc[] = {
		[VINTR] = 3, [VQUIT] = 28, [VERASE] = 127, [VKILL] = 21, [VEOF] = 4,
		[VTIME] = 0, [VMIN] = 1, [VSTART] = 17, [VSTOP] = 19, [VSUSP] = 26,
		[VREPRINT] = 18, [VDISCARD] = 15, [VWERASE] = 23, [VLNEXT] = 22,
	};

	memset(tio, 0, sizeof(*tio));
	tio->c_iflag = ICRNL | IXON;
	tio->c_oflag = OPOST | ONLCR;
	tio->c_cflag = B38400 | CS8 | CREAD | HUPCL;
	tio->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(tio->c_cc, cc, sizeof(cc));
	tio->c_ispeed = tio->c_ospeed = B38400;
}

void tty_init(struct tty *tp, const struct tty_driver *drv, void *priv)
{
	KASSERT(bkl_held());
	memset(tp, 0, offsetof(struct tty, ibuf));
	tp->drv = drv;
	tp->priv = priv;
	tty_default_termios(&tp->tio);
	tp->next = ttys;
	ttys = tp;
}

void tty_release(struct tty *tp)
{
	KASSERT(bkl_held() && tp->opens == 0 && !waitq_active(&tp->pollq));
	for (struct tty **pp = &ttys; *pp; pp = &(*pp)->next)
		if (*pp == tp) {
			*pp = tp->next;
			break;
		}
}

/* Controlling terminals. A session's terminal is the one whose sid is the
 * session's; a process that gave it up alone (TIOCNOTTY, not a leader) has
 * ctty_off set until it starts a session of its own. */

struct tty *tty_ctty(const struct proc *p)
{
	if (!p || p->ctty_off)
		return NULL;
	for (struct tty *tp = ttys; tp; tp = tp->next)
		if (tp->sid == p->sid)
			return tp;
	return NULL;
}

void tty_set_ctty(struct tty *tp, struct proc *p)
{
	tp->sid = p->sid;
	tp->pgrp = p->pgid;
	p->ctty_off = false;
	p->tty_old_pgrp = 0;
}

/* The session's processes lose tp (it stays open where it is open). */
static void tty_detach(struct tty *tp)
{
	tp->sid = 0;
	tp->pgrp = 0;
}

void tty_session_exit(struct proc *p)
{
	struct tty *tp = tty_ctty(p);
	int old = p->tty_old_pgrp;

	KASSERT(bkl_held());
	if (p->sid != p->pid)
		return;
	p->tty_old_pgrp = 0;
	if (!tp) {
		/* its terminal hung up: the group in the foreground then gets
		 * both (Linux's disassociate_ctty, tty_old_pgrp) */
		if (old) {
			pgrp_signal(old, SIGHUP);
			pgrp_signal(old, SIGCONT);
		}
		return;
	}
	/* Linux (pty): SIGHUP to the foreground group, no SIGCONT on exit;
	 * stopped groups get both from the orphaned-group rule */
	if (tp->pgrp)
		pgrp_signal(tp->pgrp, SIGHUP);
	tty_detach(tp);
}

/* Whether the calling thread ignores or blocks sig. */
static bool sig_shunned(int sig)
{
	struct thread *t = curthread();
	return (t->sigmask & SIGBIT(sig)) || t->proc->sig.act[sig - 1].sa_handler == SIG_IGN;
}

/* The job-control check before a background process of tp's session uses
 * it (Linux's __tty_check_change): its group gets sig (SIGTTIN, SIGTTOU) and
 * the call restarts once it is continued; EIO when the group is orphaned or,
 * for SIGTTIN, when the signal is ignored or blocked (SIGTTOU then lets the
 * call go ahead). */
static long job_check(struct tty *tp, int sig)
{
	struct proc *p = curproc();

	if (tty_ctty(p) != tp || !tp->pgrp || p->pgid == tp->pgrp)
		return 0;
	if (sig_shunned(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_is_orphaned(p->pgid))
		return -EIO;
	pgrp_signal(p->pgid, sig);
	return -ERESTARTSYS;
}


void tty_set_winsize(struct tty *tp, const struct wunix_winsize *ws)
{
	if (!memcmp(ws, &tp->ws, sizeof(*ws)))
		return;
	tp->ws = *ws;
	if (tp->pgrp)
		pgrp_signal(tp->pgrp, SIGWINCH);
}

void tty_hangup(struct tty *tp)
{
	KASSERT(bkl_held());
	if (tp->sid) {
		/* Linux's tty_signal_session_leader */
		struct proc *leader = proc_find(tp->sid);
		if (leader && leader->state == P_ALIVE && leader->sid == leader->pid) {
			sig_send(leader, SIGHUP);
			sig_send(leader, SIGCONT);
			leader->tty_old_pgrp = tp->pgrp;
		}
	}
	tty_detach(tp);
	tp->hup_gen++;
	ldisc_reset(tp);
	if (tp->rsleep)
		kwakeup(&tp->rsleep);
	if (tp->wsleep)
		kwakeup(&tp->wsleep);
	if (waitq_active(&tp->pollq))
		waitq_wake(&tp->pollq, POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM);
}

/* The file operations of a terminal (its slave side). f->minor holds the
 * hangup count at open: a file opened before a hangup is dead. */

static bool hung(const struct file *f)
{
	return (uint32_t)f->minor != ((struct tty *)f->priv)->hup_gen;
}


/* Waits for input: 0, -EAGAIN, -ERESTARTSYS or -ETIMEDOUT (deadline, -1: none). */
static long wait_input(struct tty *tp, struct file *f, int64_t deadline)
{
	int64_t left = -1;

	if (f->flags & O_NONBLOCK)
		return -EAGAIN;
	if (deadline >= 0 && (left = deadline - ktime_mono()) <= 0)
		return -ETIMEDOUT;
	if (tp->drv->input_room)
		tp->drv->input_room(tp); /* a console asks its host for input */
	tp->rsleep++;
	int r = ksleep_sig(&tp->rsleep, left);
	tp->rsleep--;
	return r == -ERESTARTSYS ? r : 0;
}

static long tty_read(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	struct tty *tp = f->priv;
	uint8_t kb[256];
	size_t done = 0;
	long r;

	if (hung(f))
		return 0;
	if ((r = job_check(tp, SIGTTIN)))
		return r;
	if (LF(tp, ICANON)) {
		while (!ldisc_readable(tp, false)) {
			if ((r = wait_input(tp, f, -1)))
				return r;
			if (hung(f))
				return tp->other_closed ? -EIO : 0;
			if (!LF(tp, ICANON))
				return tty_read(f, io, buf, n);
		}
		for (bool ended = false; !ended && done < n;) {
			size_t c = ldisc_read_line(tp, kb, MIN(n - done, sizeof(kb)), &ended);
			if (c && io_copyout(io, buf + done, kb, c))
				return done ? (long)done : -EFAULT;
			done += c;
		}
	} else {
		/* POSIX's four cases: MIN > 0 waits for MIN bytes, with TIME as
		 * an inter-byte timer once one came; MIN = 0 returns what there
		 * is, waiting up to TIME for one byte if there is none */
		size_t min = tp->tio.c_cc[VMIN];
		int64_t tmo = (int64_t)tp->tio.c_cc[VTIME] * 100000000ll, deadline = -1;
		if (!min) {
			min = 1;
			deadline = tmo ? ktime_mono() + tmo : 0;
		}
		for (;;) {
			size_t c = ldisc_read_raw(tp, kb, MIN(n - done, sizeof(kb)));
			if (c && io_copyout(io, buf + done, kb, c))
				return done ? (long)done : -EFAULT;
			done += c;
			if (done == n || (done >= min && tp->ir == tp->iw))
				break; /* all there is, as Linux, not one chunk */
			if (c) {
				if (tp->drv->input_room)
					tp->drv->input_room(tp);
				if (tmo && tp->tio.c_cc[VMIN])
					deadline = ktime_mono() + tmo;
				continue;
			}
			if (deadline == 0)
				break;
			r = wait_input(tp, f, deadline);
			if (r == -ETIMEDOUT)
				break;
			if (r)
				return done ? (long)done : r;
			if (hung(f)) {
				if (!done && tp->other_closed)
					return -EIO;
				break;
			}
			if (LF(tp, ICANON))
				return done ? (long)done : tty_read(f, io, buf, n);
		}
	}
	if (done && tp->drv->input_room)
		tp->drv->input_room(tp);
	return (long)done;
}

static long tty_write(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	struct tty *tp = f->priv;
	uint8_t in[256];
	size_t done = 0;
	long r;

	if (hung(f))
		return -EIO;
	if (LF(tp, TOSTOP) && (r = job_check(tp, SIGTTOU)))
		return r;
	while (done < n) {
		size_t c = MIN(n - done, sizeof(in)), i = 0;
		if (io_copyin(io, in, buf + done, c))
			return done ? (long)done : -EFAULT;
		while (i < c) {
			size_t used = ldisc_write(tp, in + i, c - i);
			i += used;
			if (used)
				continue;
			r = -EAGAIN;
			if (!(f->flags & O_NONBLOCK)) {
				tp->wsleep++;
				r = ksleep_sig(&tp->wsleep, -1);
				tp->wsleep--;
				if (hung(f))
					r = -EIO;
			}
			if (r)
				return done + i ? (long)(done + i) : r;
		}
		done += c;
	}
	return (long)done;
}

static uint32_t tty_poll(struct file *f)
{
	struct tty *tp = f->priv;
	uint32_t ev = 0;

	if (hung(f))
		return POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM;
	if (ldisc_readable(tp, true))
		ev |= POLLIN | POLLRDNORM;
	else if (tp->drv->input_room)
		tp->drv->input_room(tp);
	if (tp->drv->write_room(tp) > 0)
		ev |= POLLOUT | POLLWRNORM;
	return ev;
}

static struct waitq *tty_pollq(struct file *f)
{
	return &((struct tty *)f->priv)->pollq;
}

static void tty_close(struct file *f)
{
	struct tty *tp = f->priv;

	KASSERT(tp->opens > 0);
	if (--tp->opens == 0 && tp->drv->close)
		tp->drv->close(tp);
}

/* Whether the caller is a master (its file is not the terminal's own). */
static bool via_master(const struct file *f)
{
	return f->ops != &tty_fops;
}

static long ioctl_sctty(struct tty *tp, struct file *f, unsigned long arg)
{
	struct proc *p = curproc();
	bool root = p->cred.euid == 0;

	if (p->sid == p->pid && tp->sid == p->sid)
		return 0;
	if (p->sid != p->pid || tty_ctty(p))
		return -EPERM;
	if (tp->sid) {
		if (arg != 1 || !root)
			return -EPERM;
		tty_detach(tp); /* stolen */
	}
	if ((f->flags & O_ACCMODE) == O_WRONLY && !root)
		return -EPERM;
	tty_set_ctty(tp, p);
	return 0;
}

static long ioctl_notty(struct tty *tp)
{
	struct proc *p = curproc();

	if (tty_ctty(p) != tp)
		return -ENOTTY;
	if (p->sid != p->pid) {
		p->ctty_off = true;
		return 0;
	}
	if (tp->pgrp) {
		pgrp_signal(tp->pgrp, SIGHUP);
		pgrp_signal(tp->pgrp, SIGCONT);
	}
	tty_detach(tp);
	return 0;
}

static long ioctl_spgrp(struct tty *tp, uaddr_t arg)
{
	struct proc *p = curproc();
	int32_t pg;
	bool exists = false, ours = false;
	long r = job_check(tp, SIGTTOU);

	if (r)
		return r == -EIO ? -ENOTTY : r;
	if (tty_ctty(p) != tp || tp->sid != p->sid)
		return -ENOTTY;
	if (copyin(&pg, arg, sizeof(pg)))
		return -EFAULT;
	if (pg < 0)
		return -EINVAL;
	for (int i = 0; i < NPROC; i++) {
		const struct proc *q = &procs[i];
		if (q->state == P_UNUSED || (q->pid != pg && q->pgid != pg))
			continue;
		exists = true;
		ours |= q->pgid == pg && q->sid == p->sid;
	}
	if (!exists)
		return -ESRCH;
	if (!ours)
		return -EPERM;
	tp->pgrp = pg;
	return 0;
}

static long ioctl_termios(struct tty *tp, unsigned cmd, uaddr_t arg)
{
	struct wunix_termios t;
	long r = job_check(tp, SIGTTOU);

	if (r)
		return r;
	if (copyin(&t, arg, sizeof(t)))
		return -EFAULT;
	if (cmd == TCSETSF)
		tty_flush_input(tp);
	ldisc_set_termios(tp, &t);
	return 0;
}

long tty_ioctl(struct tty *tp, struct file *f, unsigned cmd, uaddr_t arg)
{
	struct proc *p = curproc();
	bool mine = via_master(f) || tty_ctty(p) == tp;
	int32_t v;
	long r;

	KASSERT(bkl_held());
	if (!via_master(f) && hung(f))
		return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
	if (tp->drv->ioctl && (r = tp->drv->ioctl(tp, f, cmd, arg)) != -ENOIOCTLCMD)
		return r;
	switch (cmd) {
	case TCGETS:
		return copyout(arg, &tp->tio, sizeof(tp->tio)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return ioctl_termios(tp, cmd, arg);
	case TIOCGWINSZ:
		return copyout(arg, &tp->ws, sizeof(tp->ws)) ? -EFAULT : 0;
	case TIOCSWINSZ: {
		struct wunix_winsize ws;
		if (copyin(&ws, arg, sizeof(ws)))
			return -EFAULT;
		tty_set_winsize(tp, &ws);
		return 0;
	}
	case TIOCSCTTY:
		return ioctl_sctty(tp, f, (unsigned long)arg);
	case TIOCNOTTY:
		return ioctl_notty(tp);
	case TIOCGPGRP:
		if (!mine)
			return -ENOTTY;
		v = tp->pgrp;
		return copyout(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSPGRP:
		return ioctl_spgrp(tp, arg);
	case TIOCGSID:
		if (!mine || !tp->sid)
			return -ENOTTY;
		v = tp->sid;
		return copyout(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCOUTQ:
		v = tp->drv->outq ? (int32_t)tp->drv->outq(tp) : 0;
		return copyout(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case FIONREAD:
		v = (int32_t)tty_inq(tp);
		return copyout(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TCFLSH:
		if ((r = job_check(tp, SIGTTOU)))
			return r;
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH)
			tty_flush_input(tp);
		if (arg != TCIFLUSH && tp->drv->flush_output) {
			tp->drv->flush_output(tp);
			tty_output_room(tp);
		}
		return 0;
	case TCXONC:
		if ((r = job_check(tp, SIGTTOU)))
			return r;
		if (arg > TCION)
			return -EINVAL;
		/* TCOOFF/TCOON are accepted and ignored (output never stops);
		 * TCIOFF/TCION send STOP/START to the other side, as Linux does */
		if (arg == TCIOFF || arg == TCION) {
			uint8_t c = tp->tio.c_cc[arg == TCIOFF ? VSTOP : VSTART];
			if (c && tp->drv->write_room(tp) > 0)
				tp->drv->write(tp, &c, 1);
		}
		return 0;
	case TCSBRK:
		return job_check(tp, SIGTTOU); /* tcdrain: output is never held back */
	case TIOCSTI: {
		uint8_t c;
		if (tty_ctty(p) != tp && p->cred.euid != 0)
			return -EPERM;
		if (copyin(&c, arg, 1))
			return -EFAULT;
		tty_input(tp, &c, 1);
		return 0;
	}
	default:
		return -ENOTTY;
	}
}

static long tty_file_ioctl(struct file *f, unsigned cmd, uaddr_t arg)
{
	return tty_ioctl(f->priv, f, cmd, arg);
}

static const struct file_ops tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_file_ioctl,
	.poll = tty_poll,
	.pollq = tty_pollq,
	.close = tty_close,
};

bool file_is_tty(const struct file *f)
{
	return f->ops == &tty_fops;
}

struct tty *file_tty(const struct file *f)
{
	return file_is_tty(f) ? f->priv : NULL;
}

long tty_open_file(struct tty *tp, uint32_t flags, struct file **out)
{
	struct proc *p = curproc();
	struct file *f = file_alloc(&tty_fops, flags & ~(uint32_t)O_NOCTTY, tp);

	KASSERT(bkl_held());
	if (!f)
		return -ENOMEM;
	f->minor = (int)tp->hup_gen;
	tp->opens++;
	/* Linux: a session leader without a terminal that opens one for
	 * reading, which controls no session, gets it */
	if (p && !(flags & O_NOCTTY) && !tp->noctty && p->sid == p->pid && !tp->sid && !tty_ctty(p) &&
	    (flags & O_ACCMODE) != O_WRONLY)
		tty_set_ctty(tp, p);
	*out = f;
	return 0;
}
