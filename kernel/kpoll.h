/* kernel/kpoll.h -- what poll.c shares with epoll.c. */
#ifndef WUNIX_KPOLL_H
#define WUNIX_KPOLL_H

#include "types.h"

struct file;
struct waitq;

/* The POLL* events that hold for f now (files without a poll op: always
 * readable and writable). BKL held. */
uint32_t file_poll(struct file *f);
/* The queue woken when f's readiness may change, or NULL. BKL held. */
struct waitq *file_pollq(struct file *f);
/* Reads a 16-byte timespec (64-bit tv_sec; tv_nsec's upper half ignored, as
 * Linux does for 32-bit callers): 0, -EFAULT or -EINVAL. */
long poll_ts_copyin(uaddr_t u, int64_t *ns);
/* Writes ns as a 16-byte timespec; a fault is ignored. */
void poll_ts_copyout(uaddr_t u, int64_t ns);
/* Installs the mask at umask (if not 0) for the rest of this system call; the
 * old one returns on syscall exit: 0, -EINVAL (size) or -EFAULT. BKL held. */
long poll_set_sigmask(uaddr_t umask, sarg_t size);
/* The monotonic deadline of a timeout: -1 for none (< 0), 0 for no wait. */
int64_t poll_deadline(int64_t timeout_ns);

#endif
