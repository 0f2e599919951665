/* kernel/boot.c -- k_boot: the first CPU to arrive initialises the kernel; the
 * others wait for it (docs/abi.md). */
#include "arch.h"
#include "exports.h"
#include "console.h"
#include "kalloc.h"
#include "ktime.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "vfs.h"

enum { BOOT_NONE, BOOT_RUNNING, BOOT_DONE };
static uint32_t boot_state;

/* Boots the kernel exactly once: flags (WUNIX_BOOT_*), the host terminal's size
 * (rows << 16 | cols, 0 if unknown) and the real time. Later callers wait until
 * the first has finished. Returns 0. */
KEXPORT("k_boot") int k_boot(int flags, int winsize, double rt_sec, int rt_nsec)
{
	if (atomic_cas32(&boot_state, BOOT_NONE, BOOT_RUNNING) == BOOT_NONE) {
		bkl_lock();
		kalloc_init();
		time_init(rt_sec, rt_nsec);
		console_init(flags, winsize);
		syscall_init(flags);
		proc_init();
		vfs_init();
		bkl_unlock();
		atomic_store32(&boot_state, BOOT_DONE);
		arch_notify(&boot_state, UINT32_MAX);
		return 0;
	}
	uint32_t s;
	while ((s = atomic_load32(&boot_state)) != BOOT_DONE)
		arch_wait32(&boot_state, s, -1);
	return 0;
}
