/* kernel/cpu.h -- CPUs (one per worker running kernel.wasm) and kernel entry/exit. */
#ifndef WUNIX_CPU_H
#define WUNIX_CPU_H

#include "types.h"

struct thread;

struct cpu {
	uint32_t used;          /* atomic: slot claimed by k_cpu_attach */
	int id;                 /* index in cpus[]; written once by k_cpu_start */
	struct thread *thread;  /* BKL held to change; owner CPU may read: the thread it runs */
};

extern struct cpu cpus[];
/* The CPU this code runs on (per-instance TLS on wasm, per-pthread natively). */
extern _Thread_local struct cpu *cpu_self;

static inline struct thread *curthread(void)
{
	return cpu_self ? cpu_self->thread : NULL;
}

/* Enters the kernel on behalf of the CPU's thread (USER→KERNEL; parks forever if
 * the thread is DEAD), or for the host when the CPU runs no thread; takes the BKL. */
struct thread *kentry(void);
/* Leaves the kernel: releases the BKL and moves the thread back to USER. */
void kexit(struct thread *t);
/* Never returns: the CPU waits to be terminated by the host. Holds no lock. */
__attribute__((noreturn)) void cpu_park(void);

#endif
