/* kernel/pty.h -- pseudo-terminals (pty.c): /dev/ptmx and /dev/pts/N. */
#ifndef WUNIX_PTY_H
#define WUNIX_PTY_H

#include "types.h"

struct file;
struct vnode;

#define PTMX_MAJOR 5   /* /dev/ptmx is (5, 2), as on Linux */
#define PTMX_MINOR 2
#define PTS_MAJOR 136  /* /dev/pts/N is (136, N) */

/* A new pair: its master's file, /dev/pts/N made and locked. -ENOSPC when
 * NPTY pairs exist. BKL held. */
long pty_open_master(uint32_t flags, struct file **out);
/* Opens the slave of pair index: -EIO when there is none, its master is
 * closed, or it is locked. BKL held. */
long pty_open_slave(int index, uint32_t flags, struct file **out);
/* Whether f is a pty master. */
bool file_is_pty_master(const struct file *f);
/* Where the slaves' nodes go (/dev/pts). Once, at boot. */
void pty_init(struct vnode *ptsdir);

#endif
