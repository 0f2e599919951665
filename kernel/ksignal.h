/* kernel/ksignal.h -- signal dispositions, masks, queues and delivery (signal.c). */
#ifndef WUNIX_KSIGNAL_H
#define WUNIX_KSIGNAL_H

#include "types.h"
#include <wunix/signal.h>

/* sigset bit of signal s (1..64) */
#define SIGBIT(s) ((uint64_t)1 << ((s) - 1))
/* signals that cannot be caught, ignored or blocked */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
/* the stop signals whose default action stops the process */
#define SIG_STOPS (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

/* A process's dispositions. BKL held. */
struct sigacts {
	struct wunix_sigaction act[WUNIX_NSIG]; /* act[s - 1] */
};

/* A pending signal's information: what a handler's siginfo_t, sigtimedwait and
 * signalfd see. A standard signal has at most one; a real-time one (>= SIGRTMIN)
 * one per send, delivered in order. */
struct ksiginfo {
	struct ksiginfo *next;
	struct wunix_siginfo info;
};

/* Pending signals: the set (what the fast paths test) and the infos in order
 * of arrival. BKL held. */
struct sigqueue {
	uint64_t set;
	struct ksiginfo *head;
};

/* Every signal at its default disposition. */
void sig_init(struct sigacts *sa);

/* exec: caught signals go back to SIG_DFL, ignored ones stay ignored, and
 * every flag is cleared (POSIX exec). */
void sig_exec(struct sigacts *sa);

struct proc;
struct thread;

/* Frees every queued info of q and empties it. BKL held. */
void sigqueue_flush(struct sigqueue *q);

/* t is ending: its pending signals go. BKL held. */
void sig_thread_exit(struct thread *t);

/* Sends info->si_signo (info filled by the sender: code, pid, uid, value...)
 * to process p (any thread not blocking it takes it) or to thread t. An
 * ignored, unblocked signal is discarded; SIGKILL and fatal or stopping
 * default actions take effect at once, even on threads computing in user mode
 * (exit.c's proc_zap, the job-control stop). Returns 0, or -EAGAIN when a
 * real-time signal cannot be queued. BKL held. */
int sig_send_info(struct proc *p, const struct wunix_siginfo *info);
int sig_send_thread_info(struct thread *t, const struct wunix_siginfo *info);
/* The same for a signal the kernel raises (si_code SI_KERNEL). */
void sig_send(struct proc *p, int sig);
void sig_send_thread(struct thread *t, int sig);
/* Takes the lowest pending signal of set for t (its own before its process's)
 * into *info (may be NULL): its number, or 0 if none is pending. BKL held. */
int sig_dequeue(struct thread *t, uint64_t set, struct wunix_siginfo *info);
/* The pending signals t may take now (not blocked). BKL held. */
uint64_t sig_pending(const struct thread *t);
/* Whether an interruptible sleep of t should end (ksleep_sig): a pending,
 * unblocked signal that is not ignored (caught, or fatal). BKL held. */
bool sig_interrupts(const struct thread *t);
/* Where a thread waiting for a signal to become pending for p sleeps
 * (sigsuspend, sigtimedwait): sending wakes it. */
const void *sig_chan(const struct proc *p);
/* The wait status of p's death by sig (the core flag as Linux sets it). */
int sig_death_status(const struct proc *p, int sig);
/* The kill(2) permission rule: may process me signal process them? */
bool sig_permitted(const struct proc *me, const struct proc *them, int sig);
/* Sets p's action for sig (1..NSIG, not SIGKILL or SIGSTOP; SIGKILL and
 * SIGSTOP are taken out of its mask); a pending sig it now ignores is dropped.
 * BKL held. */
void sig_set_action(struct proc *p, int sig, const struct wunix_sigaction *act);
/* Whether address sp is on t's alternate signal stack. */
bool sig_on_altstack(const struct thread *t, uaddr_t sp);

/* The system call exit. sig_exit_work says, cheaply, whether there is work:
 * a pending signal, a stop, a mask to restore. sig_syscall_exit then applies
 * default actions (terminate: does not return; stop: sleeps until SIGCONT),
 * and for a caught signal writes the handler's frame on the user stack and
 * returns its address (the caller runs the handler through the host, then
 * calls sig_return), or 0 when nothing is left to deliver. *r is the system
 * call's result: -ERESTARTSYS/-ERESTARTNOHAND become -EINTR when a handler
 * runs (unless SA_RESTART allows ERESTARTSYS); *restart says whether to
 * re-issue the call. BKL held. */
bool sig_exit_work(const struct thread *t);
uaddr_t sig_syscall_exit(struct thread *t, long *r, bool *restart);
/* After the handler whose frame is at frame returned: restores the mask its
 * ucontext holds. Returns whether the handler asked (mc_intr) that the call
 * it interrupted fail with EINTR rather than restart. BKL held. */
bool sig_return(struct thread *t, uaddr_t frame);

#endif
