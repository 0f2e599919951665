/* kernel/procfs.h -- what the rest of the kernel tells the proc file system. */
#ifndef WUNIX_PROCFS_H
#define WUNIX_PROCFS_H

#include "types.h"

struct proc;
struct vnode;

/* Keeps a copy of p's argv and envp (kbuf: argbytes of argv strings, then
 * envbytes of envp strings) and its program exe (a reference, consumed; may be
 * NULL) for /proc/N/cmdline, environ and exe: 0 or -ENOMEM. BKL held. */
long procfs_proc_start(struct proc *p, const char *kbuf, size_t argbytes, size_t envbytes,
                       struct vnode *exe);
/* Releases what procfs_proc_start kept (exit, or a failed start). BKL held. */
void procfs_proc_exit(struct proc *p);

#endif
