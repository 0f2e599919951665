/* kernel/lock.c -- the big kernel lock: a futex mutex on one word of kernel
 * memory (0 free, 1 held, 2 held with waiters), waiting with memory.atomic.wait32
 * (natively the futex syscall). A short spin first: most holds are sub-microsecond
 * while a wait/notify round trip costs tens of microseconds. */
#include "lock.h"
#include "arch.h"
#include "cpu.h"

#define BKL_SPIN 100

static uint32_t bkl_word;
static uint32_t bkl_owner; /* atomic: id + 1 of the holding CPU, for assertions */

static uint32_t cpu_tag(void)
{
	return cpu_self ? (uint32_t)cpu_self->id + 1 : UINT32_MAX;
}

void bkl_lock(void)
{
	uint32_t c = atomic_cas32(&bkl_word, 0, 1);

	for (int i = 0; c != 0 && i < BKL_SPIN; i++) {
		if (atomic_load32(&bkl_word) == 0)
			c = atomic_cas32(&bkl_word, 0, 1);
	}
	if (c != 0) {
		if (c != 2)
			c = atomic_xchg32(&bkl_word, 2);
		while (c != 0) {
			arch_wait32(&bkl_word, 2, -1);
			c = atomic_xchg32(&bkl_word, 2);
		}
	}
	__atomic_store_n(&bkl_owner, cpu_tag(), __ATOMIC_RELAXED);
}

void bkl_unlock(void)
{
	__atomic_store_n(&bkl_owner, 0, __ATOMIC_RELAXED);
	if (atomic_sub32(&bkl_word, 1) != 0) {
		atomic_store32(&bkl_word, 0);
		arch_notify(&bkl_word, 1);
	}
}

bool bkl_held(void)
{
	return atomic_load32(&bkl_word) != 0 &&
	       __atomic_load_n(&bkl_owner, __ATOMIC_RELAXED) == cpu_tag();
}
