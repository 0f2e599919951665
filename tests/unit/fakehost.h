/* tests/unit/fakehost.h -- the kernel's host, faked for native unit tests: each
 * pthread is a CPU with a process memory of its own (a mmap'd buffer); console
 * output and log lines are captured in buffers. */
#ifndef FAKEHOST_H
#define FAKEHOST_H

#include <setjmp.h>
#include <stdint.h>
#include <stddef.h>

#define FH_PAGE 65536u

/* The boot parameters every test run uses. */
#define FH_BOOTFLAGS (1 | 2 | 4) /* trace; stdin and stdout are terminals, stderr not */
#define FH_WINSIZE ((50 << 16) | 132)
#define FH_RT_SEC 1700000000.0

/* The calling pthread's process memory, as the host sees it. */
struct fh_umem {
	uint8_t *base;
	uint32_t pages, max_pages;
};

/* Boots the kernel (once per program) from the calling thread's CPU. */
void fh_boot(void);
/* Makes the calling pthread a CPU (attach + start); aborts if none is free. */
int fh_cpu_attach(void);
void fh_cpu_detach(void);
/* Gives the calling thread a fresh process memory of pages 64 KiB pages
 * growing up to max_pages. */
void fh_umem_init(uint32_t pages, uint32_t max_pages);
void fh_umem_free(void);
struct fh_umem *fh_umem(void);
/* Pointer to user address u of the calling thread's process memory. */
void *fh_u(uint64_t u);
/* Starts a process on this CPU through k_kalloc + k_proc_start: sp or -errno. */
long fh_start(const char *const *argv, const char *const *envp, uint32_t stack_top, uint32_t heap_base);
/* A process with a 2 MiB memory, stack top 64 KiB, heap base 70000: its pid. */
int fh_proc_begin(void);
/* Ends the current process with exit_group(0); checks that it ended. */
void fh_proc_end(void);
/* Runs fn(arg) until the kernel ends the thread (host_thread_exit): 1 if it
 * did, 0 if fn returned. */
int fh_run_until_exit(void (*fn)(void *), void *arg);

/* Last host_proc_exit seen by this thread. */
extern _Thread_local int fh_exit_pid, fh_exit_status;
/* Threads and signals: the last host_clone and host_cpu_kill of this thread;
 * the user stack pointer host_user_sp reports; a hook host_sig_handler calls
 * with the frame (the handler "runs" there), and how often it was called. */
struct fh_clone {
	int tid;
	uint32_t sp, tls;
};
extern _Thread_local struct fh_clone fh_last_clone;
extern _Thread_local int fh_kill_slot, fh_kill_pid;
extern _Thread_local uint32_t fh_user_sp;
extern _Thread_local void (*fh_sig_hook)(uint32_t frame);
extern _Thread_local int fh_sig_calls;
/* Calls of the user-memory imports so far, all threads. */
extern long fh_ucopy_calls;
/* The root filesystem image host_rootfs_read serves (NULL: none), set before boot. */
extern const uint8_t *fh_rootfs;
extern size_t fh_rootfs_len;
/* The host directory the fake hostfs mounts at /mnt/host (fakehost_hostfs.c). */
extern char fh_hostfs_dir[64];
/* The last bytes host_random produced on this thread (up to 256). */
extern _Thread_local uint8_t fh_last_random[256];

/* Captured console output of host stream fd (1 or 2), and the log. */
const char *fh_console(int fd);
void fh_console_clear(void);
/* Whether some log line contains needle. */
int fh_log_has(const char *needle);
void fh_log_clear(void);

/* System call with up to six arguments, as the guest makes it. */
long fh_syscall(int nr, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f);
#define SC0(n) fh_syscall(n, 0, 0, 0, 0, 0, 0)
#define SC1(n, a) fh_syscall(n, (int64_t)(a), 0, 0, 0, 0, 0)
#define SC2(n, a, b) fh_syscall(n, (int64_t)(a), (int64_t)(b), 0, 0, 0, 0)
#define SC3(n, a, b, c) fh_syscall(n, (int64_t)(a), (int64_t)(b), (int64_t)(c), 0, 0, 0)
#define SC4(n, a, b, c, d) fh_syscall(n, (int64_t)(a), (int64_t)(b), (int64_t)(c), (int64_t)(d), 0, 0)
#define SC5(n, a, b, c, d, e) \
	fh_syscall(n, (int64_t)(a), (int64_t)(b), (int64_t)(c), (int64_t)(d), (int64_t)(e), 0)
#define SC6(n, a, b, c, d, e, f) \
	fh_syscall(n, (int64_t)(a), (int64_t)(b), (int64_t)(c), (int64_t)(d), (int64_t)(e), (int64_t)(f))

/* Syscall numbers: NR_write, ... */
enum {
#define SYS(nr, name, nargs) NR_##name = nr,
#define NOSYS(nr, name) NR_##name = nr,
#include "syscalls.def"
#undef SYS
#undef NOSYS
};

/* A guest int argument as musl passes it: zero-extended from 32 bits. */
#define I32(x) ((int64_t)(uint32_t)(int32_t)(x))

#endif
