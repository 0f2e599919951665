/* kernel/ksignal.h -- signal dispositions and masks (delivery comes later). */
#ifndef WUNIX_KSIGNAL_H
#define WUNIX_KSIGNAL_H

#include "types.h"
#include <wunix/signal.h>

/* sigset bit of signal s (1..64) */
#define SIGBIT(s) ((uint64_t)1 << ((s) - 1))
/* signals that cannot be caught, ignored or blocked */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* A process's dispositions. BKL held. */
struct sigacts {
	struct wunix_sigaction act[WUNIX_NSIG]; /* act[s - 1] */
};

/* Every signal at its default disposition. */
void sig_init(struct sigacts *sa);

/* exec: caught signals go back to SIG_DFL, ignored ones stay ignored, and
 * every flag is cleared (POSIX exec). */
void sig_exec(struct sigacts *sa);

struct proc;
struct thread;

/* Makes sig pending for thread t (thread-directed: SIGPIPE, traps) or for the
 * whole process p; discarded at once if ignored and not blocked. BKL held. */
void sig_send_thread(struct thread *t, int sig);
void sig_send(struct proc *p, int sig);
/* The pending signals t may take now (not blocked). BKL held. */
uint64_t sig_pending(const struct thread *t);
/* On the way out of a system call: applies the default action of pending,
 * unblocked signals at SIG_DFL (terminate: the process dies; ignore: dropped),
 * drops those at SIG_IGN, leaves caught ones pending (no handlers yet), then
 * restores a mask saved by ppoll/pselect6/epoll_pwait. BKL held; may not return. */
void sig_syscall_exit(struct thread *t);
/* Whether a blocking call of t should give up with -EINTR: a pending,
 * unblocked signal whose action ends the process. (Caught ones wait for
 * handlers, which come with the signals issue.) BKL held. */
bool sig_interrupts(const struct thread *t);
/* Whether sig_syscall_exit has work for t (cheap: on every syscall). BKL held. */
bool sig_exit_work(const struct thread *t);

#endif
