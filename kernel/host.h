/* kernel/host.h -- what the kernel needs from its host.
 *
 * On wasm these are imports of module "host", implemented in JS by host/kernel.js
 * for the worker (CPU) that is running the kernel at the time. Natively they are
 * implemented by tests/unit/fakehost.c. Every argument is i32 or f64 so the JS side
 * never converts BigInts. "User" addresses are offsets in the memory of the process
 * whose thread runs on this CPU; "kernel" addresses are kernel pointers. */
#ifndef WUNIX_HOST_H
#define WUNIX_HOST_H

#include "types.h"

#ifdef __wasm__
#define HOST_IMPORT(n) __attribute__((import_module("host"), import_name(n)))
#else
#define HOST_IMPORT(n)
#endif

/* Copies between kernel memory and the current process's memory. Each checks
 * uaddr+len against the process memory's current size: 0, or -EFAULT. */
HOST_IMPORT("copyin") int host_copyin(void *kdst, uint32_t usrc, uint32_t len);
HOST_IMPORT("copyout") int host_copyout(uint32_t udst, const void *ksrc, uint32_t len);
/* Copies a NUL-terminated string of at most max bytes including the NUL. Returns
 * its length without the NUL, -EFAULT, or -ENAMETOOLONG when no NUL is in range. */
HOST_IMPORT("copyinstr") int host_copyinstr(char *kdst, uint32_t usrc, uint32_t max);
/* Fill or move inside the process memory: 0 or -EFAULT. */
HOST_IMPORT("umemset") int host_umemset(uint32_t udst, int byte, uint32_t len);
HOST_IMPORT("umemmove") int host_umemmove(uint32_t udst, uint32_t usrc, uint32_t len);
/* Process memory size in 64 KiB pages; grow by pages: old size, or -1 if it cannot. */
HOST_IMPORT("umem_size") int host_umem_size(void);
HOST_IMPORT("umem_grow") int host_umem_grow(uint32_t pages);

/* Writes len bytes to the host's stdio stream fd (1 or 2): bytes written or -errno.
 * May block the calling CPU; called with the BKL held. */
HOST_IMPORT("console_write") int host_console_write(int fd, const void *ksrc, uint32_t len);
/* Writes one diagnostic line (trace, panic), given without its newline, to the host's stderr. */
HOST_IMPORT("log") void host_log(const char *ksrc, uint32_t len);

/* Monotonic clock in nanoseconds, shared by every CPU. */
HOST_IMPORT("now_ns") double host_now_ns(void);
/* Fills len bytes of kernel memory with cryptographically strong random bytes. */
HOST_IMPORT("random") void host_random(void *kdst, uint32_t len);

/* Copies len bytes of the root filesystem image at offset off into kernel
 * memory: the count copied (short only at the end), or -1 if there is no image. */
HOST_IMPORT("rootfs_read") int host_rootfs_read(void *kdst, double off, uint32_t len);

/* The process pid has exited with the Linux wait status wstatus (onExitGroup). */
HOST_IMPORT("proc_exit") void host_proc_exit(int pid, int wstatus);
/* Ends the calling thread: unwinds the worker out of the guest and the kernel.
 * Called without the BKL, with the thread's state word already DEAD. */
HOST_IMPORT("thread_exit") __attribute__((noreturn)) void host_thread_exit(void);
/* Fatal kernel error: the host prints msg and stops everything. */
HOST_IMPORT("panic") __attribute__((noreturn)) void host_panic(const char *msg, uint32_t len);

#endif
