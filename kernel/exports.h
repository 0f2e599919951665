/* kernel/exports.h -- the functions kernel.wasm exports to the host (docs/abi.md). */
#ifndef WUNIX_EXPORTS_H
#define WUNIX_EXPORTS_H

#include "types.h"

int k_cpu_attach(void);
uintptr_t k_cpu_tls(int slot);
uintptr_t k_cpu_stack(int slot);
int k_cpu_start(int slot);
int k_cpu_detach(int slot);
int k_boot(int flags, int winsize, double rt_sec, int rt_nsec);
long wunix_syscall(int nr, sarg_t a0, sarg_t a1, sarg_t a2, sarg_t a3, sarg_t a4, sarg_t a5);
uintptr_t k_kalloc(uint32_t n);
void k_kfree(uintptr_t p);
long k_proc_start(const char *kbuf, int argc, int envc, uint32_t stack_top, uint32_t heap_base);
int k_proc_pid(void);
/* What k_file_load tells about the file besides its bytes: its length and the
 * identity the host's module cache uses (as host_image_prepare). */
struct file_info {
	uint32_t len, pad;
	double dev, ino, ctime, size;
};
long k_file_load(const char *path, struct file_info *info);
long k_fork(uint32_t sp, uint32_t *ranges, uint32_t max);
int k_thread_resume(int tid);
__attribute__((noreturn)) void k_thread_trap(int sig);
uintptr_t k_console_want(void);
int k_console_input(const char *kbuf, int n);
void k_console_winsize(int winsize);
uintptr_t k_thread_state(void);
int64_t k_timer_tick(void);
uintptr_t k_timer_word(void);

#endif
