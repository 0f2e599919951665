/* kernel/ldisc.c -- the line discipline of every terminal (POSIX "General
 * Terminal Interface", with Linux's n_tty as the reference for echo forms and
 * corner cases): output processing, and input editing, echo and ISIG.
 *
 * Input is processed when it arrives (tty_input), never at read time: editing,
 * echo and ISIG signals happen as the master writes. The input ring holds
 * [ir, icanon) complete lines and [icanon, iw) the line being edited; a
 * bitmap marks the bytes that end a line, and a marked NUL is a VEOF, which a
 * canonical read consumes without returning it. */
#include "ldisc.h"
#include "klib.h"
#include "ksignal.h"
#include "lock.h"
#include "proc.h"
#include <wunix/poll.h>
#include <wunix/signal.h>

#define IMASK (TTY_BUF - 1)
_Static_assert((TTY_BUF & IMASK) == 0, "TTY_BUF must be a power of two");

#define IF(tp, f) ((tp)->tio.c_iflag & (f))
#define OF(tp, f) ((tp)->tio.c_oflag & (f))

/* Output */

/* Control characters as the echo shows them (^X); bytes from 128 up are
 * left alone so UTF-8 echoes as typed. */
static bool is_ctl(uint8_t c)
{
	return c < 32 || c == 127;
}

static bool is_cont(const struct tty *tp, uint8_t c)
{
	return IF(tp, IUTF8) && (c & 0xc0) == 0x80;
}

/* What byte c becomes on output (OPOST): at most 8 bytes into out, and the
 * columns that follow. */
static size_t opost(const struct tty *tp, uint8_t c, uint32_t *col, uint32_t *ccol, uint8_t *out)
{
	uint32_t of = tp->tio.c_oflag;

	if (!(of & OPOST)) {
		out[0] = c;
		return 1;
	}
	switch (c) {
	case '\n':
		if (of & ONLRET)
			*col = 0;
		if (of & ONLCR) {
			*col = *ccol = 0;
			out[0] = '\r';
			out[1] = '\n';
			return 2;
		}
		*ccol = *col;
		break;
	case '\r':
		if ((of & ONOCR) && *col == 0)
			return 0;
		if (of & OCRNL) {
			c = '\n';
			if (of & ONLRET)
				*col = *ccol = 0;
			break;
		}
		*col = *ccol = 0;
		break;
	case '\t': {
		uint32_t spaces = 8 - (*col & 7);
		*col += spaces;
		if ((of & TABDLY) == TAB3) {
			memset(out, ' ', spaces);
			return spaces;
		}
		break;
	}
	case '\b':
		if (*col > 0)
			(*col)--;
		break;
	default:
		if (!is_ctl(c) && !is_cont(tp, c))
			(*col)++;
		break;
	}
	out[0] = c;
	return 1;
}

/* Emits c with OPOST if the driver has room for all of it (echoes are
 * dropped otherwise, as Linux drops what its echo buffer cannot take). */
static void echo_raw(struct tty *tp, uint8_t c)
{
	uint8_t o[8];
	uint32_t col = tp->column, ccol = tp->canon_column;
	size_t n = opost(tp, c, &col, &ccol, o);

	if (tp->drv->write_room(tp) < n)
		return;
	if (n)
		tp->drv->write(tp, o, n);
	tp->column = col;
	tp->canon_column = ccol;
}

/* Echoes c, a control character as ^X under ECHOCTL. */
static void echo_char(struct tty *tp, uint8_t c)
{
	if (LF(tp, ECHOCTL) && is_ctl(c) && c != '\t') {
		uint8_t o[2] = { '^', (uint8_t)(c ^ 0100) };
		if (tp->drv->write_room(tp) < 2)
			return;
		tp->drv->write(tp, o, 2);
		if (OF(tp, OPOST))
			tp->column += 2;
		return;
	}
	echo_raw(tp, c);
}

/* Uses as much of in[0..n) as fits the driver's room: the bytes used. */
size_t ldisc_write(struct tty *tp, const uint8_t *in, size_t n)
{
	size_t room = tp->drv->write_room(tp), used = 0, o = 0;
	uint8_t out[512];

	if (!OF(tp, OPOST)) {
		used = MIN(n, room);
		if (used)
			tp->drv->write(tp, in, used);
		return used;
	}
	while (used < n) {
		uint8_t x[8];
		uint32_t col = tp->column, ccol = tp->canon_column;
		size_t k = opost(tp, in[used], &col, &ccol, x);
		if (o + k > room || o + k > sizeof(out))
			break;
		memcpy(out + o, x, k);
		o += k;
		used++;
		tp->column = col;
		tp->canon_column = ccol;
	}
	if (o)
		tp->drv->write(tp, out, o);
	return used;
}

void tty_output_room(struct tty *tp)
{
	if (tp->wsleep)
		kwakeup(&tp->wsleep);
	if (waitq_active(&tp->pollq))
		waitq_wake(&tp->pollq, POLLOUT | POLLWRNORM);
}

/* Input */

static bool is_cc(const struct tty *tp, int v, uint8_t c)
{
	return tp->tio.c_cc[v] != 0 && tp->tio.c_cc[v] == c; /* 0 is _POSIX_VDISABLE */
}

static bool delim_at(const struct tty *tp, uint32_t pos)
{
	uint32_t i = pos & IMASK;
	return tp->delim[i / 8] & (1u << (i % 8));
}

static void put_byte(struct tty *tp, uint8_t c, bool delim)
{
	uint32_t i = tp->iw & IMASK;

	tp->ibuf[i] = c;
	if (delim)
		tp->delim[i / 8] |= (uint8_t)(1u << (i % 8));
	else
		tp->delim[i / 8] &= (uint8_t)~(1u << (i % 8));
	tp->iw++;
}

static uint8_t byte_at(const struct tty *tp, uint32_t pos)
{
	return tp->ibuf[pos & IMASK];
}

/* Whether the ring can take no byte now: the master must wait for a reader. In
 * canonical mode the last byte is kept for the end of a line that fills the
 * rest, so only complete lines block (a longer line loses its bytes). */
static bool input_full(const struct tty *tp)
{
	uint32_t cnt = tp->iw - tp->ir;

	if (LF(tp, ICANON))
		return cnt >= TTY_BUF - 1 && tp->icanon != tp->ir;
	return cnt >= TTY_BUF;
}

void ldisc_reset(struct tty *tp)
{
	tp->ir = tp->icanon = tp->iw = 0;
	tp->lnext = false;
}

void tty_flush_input(struct tty *tp)
{
	ldisc_reset(tp);
	if (tp->drv->input_room)
		tp->drv->input_room(tp);
}

/* A byte that goes into the line (n_tty_receive_char). */
static void insert(struct tty *tp, uint8_t c)
{
	if (LF(tp, ICANON) && tp->iw - tp->ir >= TTY_BUF - 1)
		return; /* the line is as long as it gets */
	if (LF(tp, ECHO)) {
		if (c == '\n') {
			echo_raw(tp, '\n');
		} else {
			if (tp->icanon == tp->iw)
				tp->canon_column = tp->column;
			echo_char(tp, c);
		}
	}
	put_byte(tp, c, false);
}

/* The end of a line (c 0: VEOF): the line becomes readable. */
static void end_line(struct tty *tp, uint8_t c)
{
	put_byte(tp, c, true);
	tp->icanon = tp->iw;
}

/* Echoes the erasure of the tab just taken off the line: back to where it
 * started, counting the columns of what precedes it on the line. */
static void erase_tab(struct tty *tp)
{
	uint32_t cols = 0, pos = tp->iw, bs;
	bool after_tab = false;

	while (pos != tp->icanon) {
		uint8_t c = byte_at(tp, --pos);
		if (c == '\t') {
			after_tab = true;
			break;
		}
		if (is_ctl(c))
			cols += LF(tp, ECHOCTL) ? 2 : 0;
		else if (!is_cont(tp, c))
			cols++;
	}
	if (!after_tab)
		cols += tp->canon_column;
	bs = MIN(8 - (cols & 7), tp->column);
	if (tp->drv->write_room(tp) < bs)
		return;
	tp->column -= bs;
	while (bs--)
		tp->drv->write(tp, (const uint8_t *)"\b", 1);
}

/* VERASE, VWERASE and VKILL (n_tty's eraser). */
static void erase(struct tty *tp, uint8_t c)
{
	enum { ERASE, WERASE, KILL } kind;
	int alnums = 0;

	if (tp->iw == tp->icanon)
		return;
	if (is_cc(tp, VERASE, c)) {
		kind = ERASE;
	} else if (is_cc(tp, VWERASE, c)) {
		kind = WERASE;
	} else {
		if (!LF(tp, ECHO)) {
			tp->iw = tp->icanon;
			return;
		}
		if (!LF(tp, ECHOK) || !LF(tp, ECHOKE) || !LF(tp, ECHOE)) {
			tp->iw = tp->icanon;
			echo_char(tp, c);
			if (LF(tp, ECHOK))
				echo_raw(tp, '\n');
			return;
		}
		kind = KILL;
	}
	while (tp->iw != tp->icanon) {
		uint32_t head = tp->iw;
		uint8_t b;
		do
			b = byte_at(tp, --head);
		while (is_cont(tp, b) && head != tp->icanon);
		if (is_cont(tp, b))
			break;
		if (kind == WERASE) {
			bool word = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
			if (word)
				alnums++;
			else if (alnums)
				break;
		}
		tp->iw = head;
		if (LF(tp, ECHO)) {
			if (kind == ERASE && !LF(tp, ECHOE)) {
				echo_char(tp, c);
			} else if (b == '\t') {
				erase_tab(tp);
			} else {
				int times = is_ctl(b) ? (LF(tp, ECHOCTL) ? 2 : 0) : 1;
				while (times--) {
					echo_raw(tp, '\b');
					echo_raw(tp, ' ');
					echo_raw(tp, '\b');
				}
			}
		}
		if (kind == ERASE)
			break;
	}
}

/* ISIG: the signal to the foreground group; input and output are dropped
 * unless NOFLSH; the character echoes. */
static void isig(struct tty *tp, int sig, uint8_t c)
{
	if (!LF(tp, NOFLSH)) {
		ldisc_reset(tp);
		if (tp->drv->flush_output)
			tp->drv->flush_output(tp);
	}
	if (tp->pgrp)
		pgrp_signal(tp->pgrp, sig);
	if (LF(tp, ECHO))
		echo_char(tp, c);
}

/* VREPRINT: the line being edited, again on a line of its own. */
static void reprint(struct tty *tp, uint8_t c)
{
	echo_char(tp, c);
	echo_raw(tp, '\n');
	tp->canon_column = tp->column;
	for (uint32_t pos = tp->icanon; pos != tp->iw; pos++)
		echo_char(tp, byte_at(tp, pos));
}

/* One byte typed at the master (n_tty_receive_char_special). */
static void receive(struct tty *tp, uint8_t c)
{
	if (IF(tp, ISTRIP))
		c &= 0x7f;
	if (tp->lnext) {
		tp->lnext = false;
		insert(tp, c);
		return;
	}
	/* flow control is accepted and ignored: output never stops */
	if (IF(tp, IXON) && (is_cc(tp, VSTOP, c) || is_cc(tp, VSTART, c)))
		return;
	if (LF(tp, ISIG)) {
		int sig = is_cc(tp, VINTR, c) ? SIGINT : is_cc(tp, VQUIT, c) ? SIGQUIT : is_cc(tp, VSUSP, c) ? SIGTSTP : 0;
		if (sig) {
			isig(tp, sig, c);
			return;
		}
	}
	if (c == '\r') {
		if (IF(tp, IGNCR))
			return;
		if (IF(tp, ICRNL))
			c = '\n';
	} else if (c == '\n' && IF(tp, INLCR)) {
		c = '\r';
	}
	if (LF(tp, ICANON)) {
		if (is_cc(tp, VERASE, c) || is_cc(tp, VKILL, c) || (is_cc(tp, VWERASE, c) && LF(tp, IEXTEN))) {
			erase(tp, c);
			return;
		}
		if (is_cc(tp, VLNEXT, c) && LF(tp, IEXTEN)) {
			tp->lnext = true;
			if (LF(tp, ECHO) && LF(tp, ECHOCTL)) {
				echo_raw(tp, '^');
				echo_raw(tp, '\b');
			}
			return;
		}
		if (is_cc(tp, VREPRINT, c) && LF(tp, ECHO) && LF(tp, IEXTEN)) {
			reprint(tp, c);
			return;
		}
		if (c == '\n') {
			if (LF(tp, ECHO) || LF(tp, ECHONL))
				echo_raw(tp, '\n');
			end_line(tp, c);
			return;
		}
		if (is_cc(tp, VEOF, c)) {
			end_line(tp, 0);
			return;
		}
		if (is_cc(tp, VEOL, c) || (is_cc(tp, VEOL2, c) && LF(tp, IEXTEN))) {
			if (LF(tp, ECHO)) {
				if (tp->icanon == tp->iw)
					tp->canon_column = tp->column;
				echo_char(tp, c);
			}
			end_line(tp, c);
			return;
		}
	}
	insert(tp, c);
}

/* Whether a read would find something: a complete line (canonical), else a
 * byte, or VMIN bytes for poll when VTIME is 0 (Linux's input_available_p). */
bool ldisc_readable(const struct tty *tp, bool poll)
{
	if (LF(tp, ICANON))
		return tp->icanon != tp->ir;
	uint32_t want = poll && !tp->tio.c_cc[VTIME] && tp->tio.c_cc[VMIN] ? tp->tio.c_cc[VMIN] : 1;
	return tp->iw - tp->ir >= want;
}

void ldisc_wake_readers(struct tty *tp)
{
	if (tp->rsleep)
		kwakeup(&tp->rsleep);
	if (waitq_active(&tp->pollq))
		waitq_wake(&tp->pollq, POLLIN | POLLRDNORM);
}

size_t tty_input(struct tty *tp, const uint8_t *buf, size_t n)
{
	uint32_t icanon = tp->icanon, iw = tp->iw, ir = tp->ir;
	size_t i;

	KASSERT(bkl_held());
	for (i = 0; i < n && !input_full(tp); i++)
		receive(tp, buf[i]);
	if (tp->ir != ir && tp->drv->input_room)
		tp->drv->input_room(tp); /* a signal character flushed the input */
	if (LF(tp, ICANON) ? tp->icanon != icanon : tp->iw != iw)
		ldisc_wake_readers(tp);
	return i;
}

size_t tty_inq(const struct tty *tp)
{
	if (!LF(tp, ICANON))
		return tp->iw - tp->ir;
	size_t n = 0;
	for (uint32_t pos = tp->ir; pos != tp->icanon; pos++)
		n += !(delim_at(tp, pos) && byte_at(tp, pos) == 0);
	return n;
}

/* A canonical read: one line at most, its VEOF left out; *ended says
 * whether the line is over. */
size_t ldisc_read_line(struct tty *tp, uint8_t *kb, size_t n, bool *ended)
{
	size_t done = 0;

	*ended = true;
	while (tp->ir != tp->icanon) {
		uint8_t c = byte_at(tp, tp->ir);
		bool d = delim_at(tp, tp->ir);
		if (done == n) {
			/* a VEOF right behind a full buffer goes with it (Linux) */
			if (d && c == 0)
				tp->ir++;
			else
				*ended = false;
			return done;
		}
		tp->ir++;
		if (d && c == 0)
			return done;
		kb[done++] = c;
		if (d)
			return done;
	}
	return done;
}

size_t ldisc_read_raw(struct tty *tp, uint8_t *kb, size_t n)
{
	size_t done = 0;

	while (done < n && tp->ir != tp->iw)
		kb[done++] = byte_at(tp, tp->ir++);
	return done;
}

void ldisc_set_termios(struct tty *tp, const struct wunix_termios *t)
{
	bool was_canon = LF(tp, ICANON);

	tp->tio = *t;
	if (was_canon != !!LF(tp, ICANON)) {
		tp->lnext = false;
		if (LF(tp, ICANON) && tp->iw != tp->ir) {
			/* what is waiting becomes a line (Linux) */
			uint32_t i = (tp->iw - 1) & IMASK;
			tp->delim[i / 8] |= (uint8_t)(1u << (i % 8));
		}
		tp->icanon = LF(tp, ICANON) ? tp->iw : tp->ir;
	}
	ldisc_wake_readers(tp); /* the mode, VMIN or VTIME may let a reader go */
}
