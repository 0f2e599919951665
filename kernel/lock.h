/* kernel/lock.h -- the big kernel lock, sleep and wakeup. */
#ifndef WUNIX_LOCK_H
#define WUNIX_LOCK_H

#include "types.h"

/* Takes the big kernel lock; may wait (never while holding it). */
void bkl_lock(void);
/* Releases the big kernel lock; the calling CPU must hold it. */
void bkl_unlock(void);
/* Whether the calling CPU holds the big kernel lock. */
bool bkl_held(void);

/* Kernel-internal results of an interrupted sleep, never seen by the guest:
 * the syscall exit restarts the call if no handler ran (or the handler has
 * SA_RESTART, for ERESTARTSYS), else returns -EINTR (Linux's values). */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513 /* always restarted (the call never ran: a stopped or ending thread) */
#define ERESTARTNOHAND 514

/* Sleeps on chan until kwakeup(chan), or until timeout_ns passed (< 0: no
 * timeout). Returns 0 when woken, -ETIMEDOUT. Callers re-check their condition.
 * BKL held; may sleep (releases the BKL meanwhile). Needs a current thread. */
int ksleep(const void *chan, int64_t timeout_ns);
/* ksleep, interruptible: also ends, with -ERESTARTSYS, when a signal that
 * interrupts sleeps is pending for the thread (sig_interrupts; checked first,
 * so a signal sent before the call is not missed). Callers turn -ERESTARTSYS
 * into their result (a partial count, or the error the syscall exit turns into
 * -EINTR or a restart). BKL held; may sleep. */
int ksleep_sig(const void *chan, int64_t timeout_ns);
/* Makes every thread sleeping on chan runnable. BKL held. */
void kwakeup(const void *chan);
struct thread;
/* Makes t runnable if it sleeps (on any channel): signals and futexes use it. BKL held. */
void kwakeup_thread(struct thread *t);

#endif
