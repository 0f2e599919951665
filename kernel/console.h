/* kernel/console.h -- the console: the host's stdin, stdout and stderr. */
#ifndef WUNIX_CONSOLE_H
#define WUNIX_CONSOLE_H

#include "types.h"

struct file;
struct vnode;

/* Records which host streams are terminals and the terminal size. Once, at boot. */
void console_init(int bootflags, int winsize);
/* A new open file description of the console as descriptor stream (0, 1 or 2)
 * of a new process, or NULL. BKL held. */
struct file *console_open(int stream);
/* Descriptors 0, 1 and 2 of the first process, each a new reference: the
 * streams on the console terminal share one open file description, as a
 * terminal opened once and duplicated does on Linux. 0 or -ENOMEM (nothing
 * kept). BKL held. */
int console_stdio(struct file *fds[3]);
/* Opens /dev/console for flags: the console terminal (never made a
 * controlling terminal by the open), or a plain console reading the host's
 * stdin. BKL held. */
long console_dev_open(uint32_t flags, struct file **out);
/* /dev/console's vnode (a reference the console keeps), which console files
 * that are terminals carry. Once, at boot, by devfs. */
void console_set_node(struct vnode *vn);
/* Whether f is a plain console file (console_open's). */
bool file_is_console(const struct file *f);
/* Accepts n bytes of host stdin (n == 0: end of file) and wakes readers: the
 * number of bytes taken (the ring may be full), or -EINVAL. BKL held. */
int console_input(const char *kbuf, int n);

#endif
