/* kernel/tty.h -- terminals: the line discipline (canonical editing, echo,
 * ISIG, VMIN/VTIME, OPOST; ldisc.c), termios and the terminal ioctls,
 * controlling terminals and job control (tty.c), shared by every terminal. A
 * terminal's "master" side is a driver: a pty master (pty.c), the host console.
 *
 * The driver side of the API, for a new kind of terminal:
 *   tty_init(tp, drv, priv)     once, before anything else; tty_release at the end
 *   tty_input(tp, bytes, n)     bytes typed at the master: the discipline runs now
 *   tty_output_room(tp)         the driver can take output again: wakes writers
 *   tty_set_winsize(tp, ws)     the size changed: SIGWINCH to the foreground group
 *   tty_hangup(tp)              the master went away (Linux's vhangup)
 *   tty_open_file(tp, fl, out)  a new open file on the terminal (the slave side)
 * Everything is called with the BKL held; only tty_open_file and the file
 * operations may sleep. */
#ifndef WUNIX_TTY_H
#define WUNIX_TTY_H

#include "param.h"
#include "types.h"
#include "waitq.h"
#include <wunix/termios.h>

struct file;
struct proc;
struct tty;

/* What a terminal's master side does. BKL held; none may sleep. */
struct tty_driver {
	/* Bytes of output (after OPOST) the driver takes now; SIZE_MAX: no limit. */
	size_t (*write_room)(struct tty *tp);
	/* Takes n bytes of output, n <= write_room (echoes included). */
	void (*write)(struct tty *tp, const uint8_t *buf, size_t n);
	/* Output taken but not yet delivered (TIOCOUTQ). May be NULL: 0. */
	size_t (*outq)(struct tty *tp);
	/* Drops undelivered output (TCOFLUSH, ISIG without NOFLSH). May be NULL. */
	void (*flush_output)(struct tty *tp);
	/* The input buffer has room again, or a reader waits for input: a master
	 * that tty_input turned away (it returned short) may deliver now. May be NULL. */
	void (*input_room)(struct tty *tp);
	/* The last open file of the terminal went away. May be NULL. */
	void (*close)(struct tty *tp);
	/* Commands the driver answers itself (TIOCGPTN...) before the common
	 * ones: -ENOIOCTLCMD to fall through. May be NULL. */
	long (*ioctl)(struct tty *tp, struct file *f, unsigned cmd, uaddr_t arg);
};

#define ENOIOCTLCMD 515 /* kernel-internal: "not mine", never seen by a guest */

/* A terminal. BKL held for every field. */
struct tty {
	const struct tty_driver *drv;
	void *priv;              /* the driver's */
	struct tty *next;        /* every terminal (controlling-terminal lookups) */
	struct wunix_termios tio;
	struct wunix_winsize ws;
	int sid;                 /* the session it controls, 0: none */
	int pgrp;                /* its foreground process group, 0: none */
	int opens;               /* open files (tty_open_file's) */
	uint32_t hup_gen;        /* hangups so far: files opened before one are dead */
	bool noctty;             /* never becomes a controlling terminal by open (a master) */
	bool other_closed;       /* a pty whose master closed: a read asleep at the hangup
	                            fails with EIO, later ones read 0 (Linux's TTY_OTHER_CLOSED) */

	/* input: [ir, icanon) complete lines a canonical read may take, [icanon, iw)
	 * the line being edited; a non-canonical read takes all of [ir, iw). */
	uint32_t ir, icanon, iw; /* free-running positions in ibuf */
	bool lnext;              /* the next byte is taken literally (VLNEXT) */
	uint32_t column;         /* output column: tabs, and erasing echoes */
	uint32_t canon_column;   /* the column where the line being edited began */
	int rsleep, wsleep;      /* threads blocked reading / writing */
	struct waitq pollq;      /* poll, select and epoll waiters of the slave side */
	uint8_t ibuf[TTY_BUF];
	uint8_t delim[TTY_BUF / 8]; /* ibuf[i] ends a line; a NUL that does is a VEOF */
};

/* Makes tp a terminal with Linux's defaults (cooked, echo, 24x80 unless ws
 * says otherwise later) run by drv, and lists it. */
void tty_init(struct tty *tp, const struct tty_driver *drv, void *priv);
/* Fills tio with Linux's defaults for a new terminal (cooked, echo, ^C...). */
void tty_default_termios(struct wunix_termios *tio);
/* Takes tp off the list; no file may be open on it. */
void tty_release(struct tty *tp);

/* Runs the line discipline on n bytes typed at the master: editing, echo,
 * signals to the foreground group. Returns how many it took: short when the
 * input buffer is full (the rest waits for drv->input_room). */
size_t tty_input(struct tty *tp, const uint8_t *buf, size_t n);
/* The driver can take output again: wakes blocked writers and pollers. */
void tty_output_room(struct tty *tp);
/* Sets the window size; a change sends SIGWINCH to the foreground group. */
void tty_set_winsize(struct tty *tp, const struct wunix_winsize *ws);
/* The master went away: the session leader gets SIGHUP and SIGCONT (and
 * remembers the foreground group for its exit), the session loses its
 * controlling terminal, files open on tp read 0 (EIO for a read asleep now
 * when other_closed is set) and fail writes and ioctls with EIO; input is
 * dropped (Linux's tty_vhangup). */
void tty_hangup(struct tty *tp);
/* Drops buffered input (TCIFLUSH) and wakes the master's writers. */
void tty_flush_input(struct tty *tp);
/* Bytes a read may take now (FIONREAD): complete lines in canonical mode. */
size_t tty_inq(const struct tty *tp);

/* A new open file on tp for flags (O_ACCMODE, O_NONBLOCK, O_NOCTTY). A
 * session leader without a controlling terminal that opens tp for reading
 * without O_NOCTTY makes it its controlling terminal, if tp controls no
 * session yet (Linux). Returns 0 or -ENOMEM. */
long tty_open_file(struct tty *tp, uint32_t flags, struct file **out);
/* Whether f is an open file of a terminal (tty_open_file's); its terminal. */
bool file_is_tty(const struct file *f);
struct tty *file_tty(const struct file *f);
/* The common terminal ioctls on tp through file f (a master passes its
 * slave's tty): 0 / a result, or -errno (-ENOTTY for unknown commands). */
long tty_ioctl(struct tty *tp, struct file *f, unsigned cmd, uaddr_t arg);

/* Process p's controlling terminal, or NULL. */
struct tty *tty_ctty(const struct proc *p);
/* Makes tp the controlling terminal of p's session, p's group in the
 * foreground (what a session leader's open does; the console's first process). */
void tty_set_ctty(struct tty *tp, struct proc *p);
/* Session leader p exits: its controlling terminal's foreground group gets
 * SIGHUP, and the terminal is free for another session (exit.c). */
void tty_session_exit(struct proc *p);

#endif
