/* kernel/sched.c -- sleep and wakeup, xv6 style, on atomics: a sleeping thread
 * records its channel, releases the BKL and waits on its own wake word; wakeup
 * (under the BKL) marks sleepers of a channel runnable and notifies their word.
 * Because the channel is recorded before the BKL is released and the wait
 * checks the word atomically, no wakeup is lost. */
#include "lock.h"
#include "arch.h"
#include "klib.h"
#include "ktime.h"
#include "proc.h"
#include "syscall.h"
#include <wunix/errno.h>

static int sleep_on(const void *chan, int64_t timeout_ns, bool intr)
{
	struct thread *t = curthread();
	int64_t deadline = 0;

	KASSERT(t && chan && bkl_held());
	int64_t now = ru_sleep_begin(t);
	if (timeout_ns >= 0)
		deadline = timeout_ns > INT64_MAX - now ? INT64_MAX : now + timeout_ns;
	t->chan = chan;
	t->sleeping = true;
	t->sleep_intr = intr;
	atomic_store32(&t->wake, 0);
	bkl_unlock();
	while (atomic_load32(&t->wake) == 0) {
		int64_t left = -1;
		if (timeout_ns >= 0 && (left = deadline - ktime_mono()) <= 0)
			break;
		arch_wait32(&t->wake, 0, left);
	}
	int64_t woke = ktime_mono();
	bkl_lock();
	ru_sleep_end(t, woke);
	bool woken = !t->sleeping;
	t->sleeping = false;
	t->sleep_intr = false;
	t->chan = NULL;
	if (intr && sig_interrupts(t))
		return -ERESTARTSYS;
	return woken ? 0 : -ETIMEDOUT;
}

int ksleep(const void *chan, int64_t timeout_ns)
{
	return sleep_on(chan, timeout_ns, false);
}

int ksleep_sig(const void *chan, int64_t timeout_ns)
{
	if (sig_interrupts(curthread()))
		return -ERESTARTSYS;
	return sleep_on(chan, timeout_ns, true);
}

static void wake(struct thread *t)
{
	t->sleeping = false;
	atomic_store32(&t->wake, 1);
	arch_notify(&t->wake, 1);
}

void kwakeup_thread(struct thread *t)
{
	KASSERT(bkl_held());
	if (t->used && t->sleeping)
		wake(t);
}

void kwakeup(const void *chan)
{
	KASSERT(bkl_held());
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *t = &threads[i];
		if (t->used && t->sleeping && t->chan == chan)
			wake(t);
	}
}

long sys_sched_yield(const sarg_t *a)
{
	(void)a;
	/* every thread has a CPU of its own: leaving the kernel lets others in */
	return 0;
}
