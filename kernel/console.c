/* kernel/console.c -- the console device behind descriptors 0, 1 and 2 of a
 * process the host starts. Two kinds, chosen at boot:
 *
 * A terminal, when the host boots with WUNIX_BOOT_TERMINAL (its stdin and
 * stdout or stderr are a terminal, or a page's xterm.js): con.tty is a
 * terminal of tty.c (line discipline, job control) whose master is the host
 * terminal, which the host puts in raw mode. Descriptor 0 is the terminal, 1
 * and 2 when the host says they are; its output goes to the host's stdout
 * (stderr when only that is a terminal); the host pushes every
 * byte typed as it comes (k_console_input → tty_input), so ^C reaches the
 * foreground group while it computes, and the window size (k_console_winsize).
 * The first process opens it as a session leader, so it becomes that
 * session's controlling terminal with that process's group in the foreground.
 * Host streams that are not terminals stay plain (below).
 *
 * Plain streams otherwise: writes go to the host's stdout/stderr
 * (host_console_write); reads take bytes from a ring in kernel memory that
 * the irq worker fills (k_console_input). A reader finding the ring empty sets
 * the want word and notifies it, then sleeps; the host reads its stdin and
 * delivers. End of file (n == 0) is latched: the next read returns 0 and
 * consumes it. A stream on a host terminal answers the termios ioctls
 * (stored, not applied: the host terminal keeps its own line discipline).
 *
 * Console files carry /dev/console's vnode when they are a terminal, so that
 * fstat, /proc/self/fd and ttyname agree. */
#include "console.h"
#include "arch.h"
#include "exports.h"
#include "fd.h"
#include "host.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "tty.h"
#include "usercopy.h"
#include "vfs.h"
#include "waitq.h"
#include <wunix/boot.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/poll.h>
#include <wunix/termios.h>

static struct console {
	uint32_t want;       /* atomic (ABI): 1 while a reader waits for host input, or (a
	                      * terminal) while input the host holds may go in */

	/* BKL held */
	bool eof;            /* an end of file not yet returned */
	uint32_t eof_gen;    /* end-of-file deliveries so far */
	uint32_t r, w;       /* ring positions, free-running */
	bool onterm[3];      /* host stream i is a terminal */
	bool term;           /* the console is a terminal: con.tty */
	bool held;           /* the host holds input tty_input turned away */
	int out;             /* the host stream the terminal writes to (1 or 2) */
	struct tty tty;
	struct vnode *node;  /* /dev/console (a reference), once devfs made it */
	struct wunix_winsize ws;
	struct wunix_termios tio;
	struct waitq pollq;  /* poll, select and epoll waiting for input */
	uint8_t ring[CONSOLE_RING];
} con;

_Static_assert((CONSOLE_RING & (CONSOLE_RING - 1)) == 0, "ring size must be a power of two");

/* The terminal's driver: the host terminal is its master. */

static size_t term_write_room(struct tty *tp)
{
	(void)tp;
	return SIZE_MAX;
}

/* Host write errors are dropped: a terminal that went away takes nothing. */
static void term_write(struct tty *tp, const uint8_t *buf, size_t n)
{
	(void)tp;
	while (n) {
		int w = host_console_write(con.out, buf, (uint32_t)n);
		if (w <= 0)
			return;
		buf += w;
		n -= (size_t)w;
	}
}

/* Input the discipline turned away waits in the host: ask for it again. */
static void term_input_room(struct tty *tp)
{
	(void)tp;
	if (con.held && atomic_xchg32(&con.want, 1) == 0)
		arch_notify(&con.want, 1);
}

static const struct tty_driver term_driver = {
	.write_room = term_write_room,
	.write = term_write,
	.input_room = term_input_room,
};

/* Sets ws to the host's rows << 16 | cols; false (ws as it was) if a
 * dimension is 0. */
static bool set_winsize(struct wunix_winsize *ws, int winsize)
{
	uint16_t rows = (uint16_t)((uint32_t)winsize >> 16), cols = (uint16_t)winsize;

	if (!rows || !cols)
		return false;
	ws->ws_row = rows;
	ws->ws_col = cols;
	return true;
}

void console_init(int bootflags, int winsize)
{
	con.onterm[0] = bootflags & WUNIX_BOOT_STDIN_TTY;
	con.onterm[1] = bootflags & WUNIX_BOOT_STDOUT_TTY;
	con.onterm[2] = bootflags & WUNIX_BOOT_STDERR_TTY;
	con.ws.ws_row = 24;
	con.ws.ws_col = 80;
	set_winsize(&con.ws, winsize);
	tty_default_termios(&con.tio);
	con.term = bootflags & WUNIX_BOOT_TERMINAL;
	if (con.term) {
		con.onterm[0] = true;
		con.out = con.onterm[1] || !con.onterm[2] ? 1 : 2;
		tty_init(&con.tty, &term_driver, &con);
		tty_set_winsize(&con.tty, &con.ws);
	}
}

void console_set_node(struct vnode *vn)
{
	con.node = vn;
}

static long con_read(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	(void)f;
	for (;;) {
		uint32_t avail = con.w - con.r;
		if (avail) {
			size_t done = 0;
			while (done < n && con.w != con.r) {
				uint32_t off = con.r % CONSOLE_RING;
				size_t c = MIN(n - done, (size_t)MIN(con.w - con.r, CONSOLE_RING - off));
				if (io_copyout(io, buf + done, &con.ring[off], c))
					return done ? (long)done : -EFAULT;
				con.r += (uint32_t)c;
				done += c;
			}
			return (long)done;
		}
		if (con.eof) {
			con.eof = false;
			return 0;
		}
		if (atomic_xchg32(&con.want, 1) == 0)
			arch_notify(&con.want, 1);
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		uint32_t gen = con.eof_gen;
		if (ksleep_sig(&con, -1) == -ERESTARTSYS)
			return -ERESTARTSYS;
		if (con.eof_gen != gen && con.w == con.r) {
			con.eof = false;
			return 0;
		}
	}
}

static long con_write(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	char kbuf[KIOBUF];
	int stream = f->minor ? f->minor : (con.onterm[1] ? 1 : 2);
	size_t done = 0;

	while (done < n) {
		size_t c = MIN(n - done, sizeof(kbuf));
		const char *src = kbuf;
		if (io->kernel)
			src = (const char *)(uintptr_t)(buf + done);
		else if (copyin(kbuf, buf + done, c))
			return done ? (long)done : -EFAULT;
		int w = host_console_write(stream, src, (uint32_t)c);
		if (w <= 0)
			return done ? (long)done : (w ? w : -EIO);
		done += (size_t)w;
		if ((size_t)w < c)
			break;
	}
	return (long)done;
}

static long con_ioctl(struct file *f, unsigned cmd, uaddr_t arg)
{
	bool tty = con.onterm[f->minor];

	switch (cmd) {
	case TCGETS:
		if (!tty)
			return -ENOTTY;
		return copyout(arg, &con.tio, sizeof(con.tio));
	case TCSETS:
	case TCSETSW:
	case TCSETSF: {
		struct wunix_termios t;
		if (!tty)
			return -ENOTTY;
		if (copyin(&t, arg, sizeof(t)))
			return -EFAULT;
		con.tio = t; /* kept, not yet acted on: the host terminal stays as it is */
		return 0;
	}
	case TIOCGWINSZ:
		if (!tty)
			return -ENOTTY;
		return copyout(arg, &con.ws, sizeof(con.ws));
	case TIOCSWINSZ:
		if (!tty)
			return -ENOTTY;
		return copyin(&con.ws, arg, sizeof(con.ws));
	case FIONREAD: {
		int32_t n = (int32_t)(con.w - con.r);
		return copyout(arg, &n, sizeof(n));
	}
	default:
		return -ENOTTY;
	}
}

/* Input is ready when bytes are buffered or an end of file is latched; a
 * poller that would wait asks the host for input, as a blocked read does. */
static uint32_t con_poll(struct file *f)
{
	uint32_t ev = 0, mode = f->flags & O_ACCMODE;

	if (mode != O_WRONLY) {
		if (con.w != con.r || con.eof)
			ev |= POLLIN | POLLRDNORM;
		else if (atomic_xchg32(&con.want, 1) == 0)
			arch_notify(&con.want, 1);
	}
	if (mode != O_RDONLY)
		ev |= POLLOUT | POLLWRNORM;
	return ev;
}

static struct waitq *con_pollq(struct file *f)
{
	(void)f;
	return &con.pollq;
}

static const struct file_ops console_ops = {
	.read = con_read,
	.write = con_write,
	.ioctl = con_ioctl,
	.poll = con_poll,
	.pollq = con_pollq,
};

bool file_is_console(const struct file *f)
{
	return f->ops == &console_ops;
}

/* The terminal's vnode on f, for fstat and ttyname. */
static struct file *with_node(struct file *f)
{
	if (f && con.node)
		f->vnode = vnode_get(con.node);
	return f;
}

struct file *console_open(int stream)
{
	uint32_t flags = con.onterm[stream] ? O_RDWR : stream == 0 ? O_RDONLY : O_WRONLY;
	struct file *f;

	if (con.term && con.onterm[stream])
		return tty_open_file(&con.tty, O_RDWR, &f) ? NULL : with_node(f);
	f = file_alloc(&console_ops, flags, &con);
	if (f)
		f->minor = stream;
	return con.onterm[stream] ? with_node(f) : f;
}

int console_stdio(struct file *fds[3])
{
	struct file *term = NULL;

	for (int i = 0; i < 3; i++) {
		bool shared = con.term && con.onterm[i];
		fds[i] = shared && term ? file_get(term) : console_open(i);
		if (!fds[i]) {
			while (i-- > 0)
				file_put(fds[i]);
			return -ENOMEM;
		}
		if (shared)
			term = fds[i];
	}
	return 0;
}

long console_dev_open(uint32_t flags, struct file **out)
{
	struct file *f;

	/* Linux: opening /dev/console never makes it a controlling terminal */
	if (con.term)
		return tty_open_file(&con.tty, flags | O_NOCTTY, out);
	if (!(f = file_alloc(&console_ops, flags & ~(uint32_t)O_NOCTTY, &con)))
		return -ENOMEM;
	*out = f;
	return 0;
}

int console_input(const char *kbuf, int n)
{
	int taken = 0;

	if (n < 0)
		return -EINVAL;
	if (con.term) {
		/* A terminal's end of file: the host stops reading, nothing more. */
		atomic_store32(&con.want, 0);
		taken = (int)tty_input(&con.tty, (const uint8_t *)kbuf, (size_t)n);
		con.held = taken < n;
		return taken;
	}
	if (n == 0) {
		con.eof = true;
		con.eof_gen++;
	}
	while (taken < n && con.w - con.r < CONSOLE_RING) {
		uint32_t off = con.w % CONSOLE_RING;
		uint32_t c = MIN((uint32_t)(n - taken), MIN(CONSOLE_RING - (con.w - con.r), CONSOLE_RING - off));
		memcpy(&con.ring[off], kbuf + taken, c);
		con.w += c;
		taken += (int)c;
	}
	atomic_store32(&con.want, 0);
	kwakeup(&con);
	if (waitq_active(&con.pollq))
		waitq_wake(&con.pollq, POLLIN | POLLRDNORM);
	return taken;
}

/* Address of the console's want word: 1 (and notified) while a reader waits. */
KEXPORT("k_console_want") uintptr_t k_console_want(void)
{
	return (uintptr_t)&con.want;
}

/* The host's stdin delivered n bytes at kbuf (n == 0: end of file); clears the
 * want word. Returns how many bytes the kernel took: the host keeps the rest
 * for the next time the want word is set. */
KEXPORT("k_console_input") int k_console_input(const char *kbuf, int n)
{
	struct thread *t = kentry();
	int r = console_input(kbuf, n);
	kexit(t);
	return r;
}

/* The host terminal's size changed to rows << 16 | cols: SIGWINCH to the
 * console terminal's foreground group. Nothing for a plain console. */
KEXPORT("k_console_winsize") void k_console_winsize(int winsize)
{
	struct thread *t = kentry();

	if (set_winsize(&con.ws, winsize) && con.term)
		tty_set_winsize(&con.tty, &con.ws);
	kexit(t);
}
