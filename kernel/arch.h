/* kernel/arch.h -- what differs between the wasm kernel and the native test build:
 * exports, atomic wait/notify, and growth of kernel memory. */
#ifndef WUNIX_ARCH_H
#define WUNIX_ARCH_H

#include "types.h"

/* Wait results: the word was notified, did not hold the expected value, or timed out. */
#define ARCH_WAIT_OK 0
#define ARCH_WAIT_NOTEQUAL 1
#define ARCH_WAIT_TIMEDOUT 2

#ifdef __wasm__

#define KEXPORT(name) __attribute__((export_name(name)))

static inline int arch_wait32(uint32_t *p, uint32_t expect, int64_t timeout_ns)
{
	return __builtin_wasm_memory_atomic_wait32((int *)p, (int)expect, timeout_ns);
}

static inline void arch_notify(uint32_t *p, uint32_t count)
{
	__builtin_wasm_memory_atomic_notify((int *)p, count);
}

#else

#define KEXPORT(name) __attribute__((visibility("default")))

/* Futex wait on *p while it holds expect; timeout_ns < 0 waits forever. */
int arch_wait32(uint32_t *p, uint32_t expect, int64_t timeout_ns);
/* Wakes up to count waiters of p. */
void arch_notify(uint32_t *p, uint32_t count);
/* Ends the calling pthread: a parked CPU of the native build. */
__attribute__((noreturn)) void arch_park(void);

#endif

/* Per-CPU kernel stacks and TLS blocks: NCPU * (KSTACK_SIZE + CPU_TLS_SIZE) bytes,
 * 16-aligned. On wasm they lie between __heap_base and the kernel heap, so the
 * linker's start code does not zero 8 MiB of .bss at every boot. Uses no stack. */
#ifdef __wasm__
extern char __heap_base;
static inline char *arch_cpu_area(void)
{
	return (char *)(((uintptr_t)&__heap_base + 15) & ~(uintptr_t)15);
}
#else
char *arch_cpu_area(void);
#endif

/* The kernel heap's initial extent [*start, *end), after the CPU area. Called once, at boot. */
void arch_kmem_initial(uintptr_t *start, uintptr_t *end);
/* Extends kernel memory by at least bytes; returns the old end (the new region's
 * start), or 0. Sets *newend. BKL held. */
uintptr_t arch_kmem_grow(size_t bytes, uintptr_t *newend);

/* Kernel-heap poisoning for the native ASan build (the arena is plain mmap'd
 * memory ASan knows nothing about); nothing elsewhere. */
#if defined(__SANITIZE_ADDRESS__)
#define ARCH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARCH_ASAN 1
#endif
#endif
#ifdef ARCH_ASAN
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#define arch_poison(p, n) __asan_poison_memory_region((p), (n))
#define arch_unpoison(p, n) __asan_unpoison_memory_region((p), (n))
#else
#define arch_poison(p, n) ((void)(p), (void)(n))
#define arch_unpoison(p, n) ((void)(p), (void)(n))
#endif

static inline uint32_t atomic_load32(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static inline void atomic_store32(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* Returns the old value; the swap happened if it equals expect. */
static inline uint32_t atomic_cas32(uint32_t *p, uint32_t expect, uint32_t v)
{
	__atomic_compare_exchange_n(p, &expect, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return expect;
}

static inline uint32_t atomic_xchg32(uint32_t *p, uint32_t v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

static inline uint32_t atomic_add32(uint32_t *p, uint32_t v)
{
	return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST);
}

static inline uint32_t atomic_sub32(uint32_t *p, uint32_t v)
{
	return __atomic_sub_fetch(p, v, __ATOMIC_SEQ_CST);
}

#endif
