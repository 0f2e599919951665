/* kernel/console.c -- the console device behind descriptors 0, 1 and 2: writes
 * go to the host's stdout/stderr (host_console_write); reads take bytes from a
 * ring in kernel memory that the irq worker fills (k_console_input). A reader
 * finding the ring empty sets the want word and notifies it, then sleeps; the
 * host reads its stdin and delivers. End of file (n == 0) is latched: the next
 * read returns 0 and consumes it, so a terminal's ^D ends one read only.
 * No line discipline: the host terminal does its own until the pty issue. */
#include "console.h"
#include "arch.h"
#include "exports.h"
#include "fd.h"
#include "host.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "usercopy.h"
#include "waitq.h"
#include <wunix/boot.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/poll.h>
#include <wunix/termios.h>

static struct console {
	uint32_t want;       /* atomic (ABI): 1 while a reader waits for host input */

	/* BKL held */
	bool eof;            /* an end of file not yet returned */
	uint32_t eof_gen;    /* end-of-file deliveries so far */
	uint32_t r, w;       /* ring positions, free-running */
	bool tty[3];         /* host stream i is a terminal */
	struct wunix_winsize ws;
	struct wunix_termios tio;
	struct waitq pollq;  /* poll, select and epoll waiting for input */
	uint8_t ring[CONSOLE_RING];
} con;

_Static_assert((CONSOLE_RING & (CONSOLE_RING - 1)) == 0, "ring size must be a power of two");

void console_init(int bootflags, int winsize)
{
	static const uint8_t cc[] = {
		[VINTR] = 3, [VQUIT] = 28, [VERASE] = 127, [VKILL] = 21, [VEOF] = 4,
		[VTIME] = 0, [VMIN] = 1, [VSTART] = 17, [VSTOP] = 19, [VSUSP] = 26,
		[VREPRINT] = 18, [VDISCARD] = 15, [VWERASE] = 23, [VLNEXT] = 22,
	};

	con.tty[0] = bootflags & WUNIX_BOOT_STDIN_TTY;
	con.tty[1] = bootflags & WUNIX_BOOT_STDOUT_TTY;
	con.tty[2] = bootflags & WUNIX_BOOT_STDERR_TTY;
	con.ws.ws_row = (uint16_t)((uint32_t)winsize >> 16);
	con.ws.ws_col = (uint16_t)winsize;
	if (!con.ws.ws_row || !con.ws.ws_col) {
		con.ws.ws_row = 24;
		con.ws.ws_col = 80;
	}
	con.tio.c_iflag = ICRNL | IXON;
	con.tio.c_oflag = OPOST | ONLCR;
	con.tio.c_cflag = B38400 | CS8 | CREAD | HUPCL;
	con.tio.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(con.tio.c_cc, cc, sizeof(cc));
	con.tio.c_ispeed = con.tio.c_ospeed = B38400;
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
	int stream = f->minor ? f->minor : (con.tty[1] ? 1 : 2);
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
	bool tty = con.tty[f->minor];

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

struct file *console_open(int stream)
{
	uint32_t flags = con.tty[stream] ? O_RDWR : stream == 0 ? O_RDONLY : O_WRONLY;
	struct file *f = file_alloc(&console_ops, flags, &con);

	if (f)
		f->minor = stream;
	return f;
}

int console_input(const char *kbuf, int n)
{
	int taken = 0;

	if (n < 0)
		return -EINVAL;
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
