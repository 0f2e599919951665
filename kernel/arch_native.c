/* kernel/arch_native.c -- the native build (unit tests): futexes stand in for
 * memory.atomic.wait32/notify, an mmap'd arena for the kernel's memory, and a
 * parked CPU ends its pthread. */
#include "arch.h"
#include "param.h"
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ARENA_SIZE ((size_t)256 << 20) /* address space reserved for kernel memory */
#define ARENA_INITIAL ((size_t)1 << 20) /* usable at boot: small, so tests exercise growth */

static char *arena;
static char cpu_area[NCPU * (KSTACK_SIZE + CPU_TLS_SIZE)] __attribute__((aligned(16)));

char *arch_cpu_area(void)
{
	return cpu_area;
}
static size_t arena_top;

int arch_wait32(uint32_t *p, uint32_t expect, int64_t timeout_ns)
{
	struct timespec ts, *tsp = NULL;

	if (timeout_ns >= 0) {
		ts.tv_sec = (time_t)(timeout_ns / 1000000000);
		ts.tv_nsec = (long)(timeout_ns % 1000000000);
		tsp = &ts;
	}
	if (syscall(SYS_futex, p, FUTEX_WAIT_PRIVATE, expect, tsp, NULL, 0) == 0)
		return ARCH_WAIT_OK;
	if (errno == EAGAIN)
		return ARCH_WAIT_NOTEQUAL;
	if (errno == ETIMEDOUT)
		return ARCH_WAIT_TIMEDOUT;
	return ARCH_WAIT_OK;
}

void arch_notify(uint32_t *p, uint32_t count)
{
	syscall(SYS_futex, p, FUTEX_WAKE_PRIVATE, count > INT_MAX ? INT_MAX : (int)count, NULL, NULL, 0);
}

void arch_park(void)
{
	pthread_exit(NULL);
}

void arch_kmem_initial(uintptr_t *start, uintptr_t *end)
{
	void *p = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		abort();
	arena = p;
	arena_top = ARENA_INITIAL;
	*start = (uintptr_t)arena;
	*end = (uintptr_t)arena + arena_top;
}

uintptr_t arch_kmem_grow(size_t bytes, uintptr_t *newend)
{
	size_t grow = (bytes + 65535) & ~(size_t)65535;

	if (grow > ARENA_SIZE - arena_top)
		return 0;
	uintptr_t old = (uintptr_t)arena + arena_top;
	arena_top += grow;
	*newend = (uintptr_t)arena + arena_top;
	return old;
}
