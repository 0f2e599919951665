/* kernel/cpu.c -- CPU slots and kernel entry/exit. Every worker that runs a guest
 * thread (and the irq worker) instantiates kernel.wasm on the shared kernel
 * memory and claims a CPU: its kernel stack and TLS block live here, its
 * instance's __stack_pointer and __tls_base point into them (docs/abi.md). */
#include "cpu.h"
#include "arch.h"
#include "exports.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include <wunix/errno.h>

struct cpu cpus[NCPU];
_Thread_local struct cpu *cpu_self;

/* Slot i's stack, then its TLS block, in the CPU area (see arch.h). */
#define cpu_stack_base(i) (arch_cpu_area() + (size_t)(i) * (KSTACK_SIZE + CPU_TLS_SIZE))
#define cpu_tls_base(i) (cpu_stack_base(i) + KSTACK_SIZE)
static uint32_t park_word;

/* The lowest word of each kernel stack: nothing that stays inside its stack
 * writes it, so a changed value means an overflow into the neighbour's memory. */
#define STACK_CANARY 0x57ac4ca7u

/* Claims a free CPU slot: its index, or -EAGAIN. Uses no shadow stack: the host
 * calls it before this instance has a stack. */
KEXPORT("k_cpu_attach") int k_cpu_attach(void)
{
	for (int i = 0; i < NCPU; i++)
		if (atomic_cas32(&cpus[i].used, 0, 1) == 0)
			return i;
	return -EAGAIN;
}

/* Base of slot's TLS block (for __wasm_init_tls), or 0 for a bad slot. No shadow stack. */
KEXPORT("k_cpu_tls") uintptr_t k_cpu_tls(int slot)
{
	if (slot < 0 || slot >= NCPU)
		return 0;
	return (uintptr_t)cpu_tls_base(slot);
}

/* Top of slot's kernel stack (for __stack_pointer), or 0 for a bad slot. No shadow stack. */
KEXPORT("k_cpu_stack") uintptr_t k_cpu_stack(int slot)
{
	if (slot < 0 || slot >= NCPU)
		return 0;
	return (uintptr_t)cpu_stack_base(slot) + KSTACK_SIZE;
}

/* Makes the calling instance CPU slot, once its stack and TLS are set: 0 or -errno. */
KEXPORT("k_cpu_start") int k_cpu_start(int slot)
{
	if (slot < 0 || slot >= NCPU || atomic_load32(&cpus[slot].used) != 1)
		return -EINVAL;
#ifdef __wasm__
	if (__builtin_wasm_tls_size() > CPU_TLS_SIZE || __builtin_wasm_tls_align() > 16)
		return -ENOMEM;
#endif
	cpus[slot].id = slot;
	*(uint32_t *)cpu_stack_base(slot) = STACK_CANARY;
	cpu_self = &cpus[slot];
	return 0;
}

/* Frees CPU slot (the worker is going away): 0, -EINVAL, or -EBUSY while a
 * thread still runs on it. May be called from any CPU, the slot's own included. */
KEXPORT("k_cpu_detach") int k_cpu_detach(int slot)
{
	int r = 0;

	if (slot < 0 || slot >= NCPU || !cpu_self)
		return -EINVAL;
	struct thread *t = kentry();
	if (atomic_load32(&cpus[slot].used) != 1)
		r = -EINVAL;
	else if (cpus[slot].thread)
		r = -EBUSY;
	kexit(t);
	if (r == 0) {
		/* freed after kexit, which still uses this CPU's slot when it is slot */
		if (cpu_self == &cpus[slot])
			cpu_self = NULL;
		atomic_store32(&cpus[slot].used, 0);
	}
	return r;
}

void cpu_park(void)
{
#ifdef __wasm__
	for (;;)
		arch_wait32(&park_word, 0, -1);
#else
	(void)park_word;
	arch_park();
#endif
}

struct thread *kentry(void)
{
	struct thread *t = curthread();

	if (t && atomic_cas32(&t->state, TS_USER, TS_KERNEL) != TS_USER)
		cpu_park();
	bkl_lock();
	if (t)
		ru_kentry(t);
	return t;
}

void kexit(struct thread *t)
{
	if (*(uint32_t *)cpu_stack_base(cpu_self->id) != STACK_CANARY)
		kpanic("kernel stack overflow on CPU %d", cpu_self->id);
	if (t)
		ru_kexit(t);
	bkl_unlock();
	if (t) {
		atomic_cas32(&t->state, TS_KERNEL, TS_USER);
		/* killed after the killer saw KERNEL: it set killed first, so this
		 * load sees it (thread.c); end here rather than in user mode */
		if (atomic_load32(&t->killed)) {
			if (atomic_cas32(&t->state, TS_USER, TS_KERNEL) != TS_USER)
				cpu_park();
			bkl_lock();
			thread_exit_killed();
		}
	}
}

/* Address of the state word of the thread running on this CPU (0 if none). */
KEXPORT("k_thread_state") uintptr_t k_thread_state(void)
{
	struct thread *t = curthread();
	return t ? (uintptr_t)&t->state : 0;
}
