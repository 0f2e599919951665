/* kernel/ldisc.h -- the line discipline (ldisc.c), which tty.c's files read
 * and write through; its driver-side calls (tty_input, tty_output_room,
 * tty_flush_input, tty_inq) are in tty.h. BKL held for all; none sleeps. */
#ifndef WUNIX_LDISC_H
#define WUNIX_LDISC_H

#include "tty.h"

#define LF(tp, f) ((tp)->tio.c_lflag & (f))

/* Writes as much of in[0..n) as the driver has room for, after OPOST: the
 * bytes of in used. */
size_t ldisc_write(struct tty *tp, const uint8_t *in, size_t n);
/* Whether a read would find something: a complete line (canonical), else a
 * byte, or VMIN bytes for poll when VTIME is 0. */
bool ldisc_readable(const struct tty *tp, bool poll);
/* A canonical read: one line at most into kb[0..n), its VEOF left out;
 * *ended says whether the line is over. The bytes read. */
size_t ldisc_read_line(struct tty *tp, uint8_t *kb, size_t n, bool *ended);
/* A non-canonical read of what there is, at most n bytes. */
size_t ldisc_read_raw(struct tty *tp, uint8_t *kb, size_t n);
/* Drops all input, the line being edited too. */
void ldisc_reset(struct tty *tp);
/* Takes new modes (switching between canonical and raw input) and wakes
 * readers they may let go. */
void ldisc_set_termios(struct tty *tp, const struct wunix_termios *t);
/* Wakes readers and pollers of the slave side. */
void ldisc_wake_readers(struct tty *tp);

#endif
