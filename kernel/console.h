/* kernel/console.h -- the console: the host's stdin, stdout and stderr. */
#ifndef WUNIX_CONSOLE_H
#define WUNIX_CONSOLE_H

#include "types.h"

struct file;

/* Records which host streams are terminals and the terminal size. Once, at boot. */
void console_init(int bootflags, int winsize);
/* A new open file description of the console as descriptor stream (0, 1 or 2)
 * of a new process, or NULL. BKL held. */
struct file *console_open(int stream);
/* Whether f is a console file (console_open's). */
bool file_is_console(const struct file *f);
/* Accepts n bytes of host stdin (n == 0: end of file) and wakes readers: the
 * number of bytes taken (the ring may be full), or -EINVAL. BKL held. */
int console_input(const char *kbuf, int n);

#endif
