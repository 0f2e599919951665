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

/* Sleeps on chan until kwakeup(chan), or until timeout_ns passed (< 0: no
 * timeout). Returns 0 when woken, -ETIMEDOUT. Callers re-check their condition.
 * BKL held; may sleep (releases the BKL meanwhile). Needs a current thread. */
int ksleep(const void *chan, int64_t timeout_ns);
/* Makes every thread sleeping on chan runnable. BKL held. */
void kwakeup(const void *chan);

#endif
