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
/* Atomic access to the aligned 32-bit word at uaddr, which the process's threads
 * change concurrently (futex.c): HOST_UATOMIC_LOAD reads it; HOST_UATOMIC_CMPXCHG
 * stores b if it holds a. Returns the old value (0 to 2^32-1), or -EFAULT for an
 * unaligned uaddr or one outside the memory: a double, so that both fit. */
#define HOST_UATOMIC_LOAD 0
#define HOST_UATOMIC_CMPXCHG 1
HOST_IMPORT("uatomic32") double host_uatomic32(int op, uint32_t uaddr, uint32_t a, uint32_t b);
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

/* hostfs (kernel/hostfs.c): host directories mounted at boot, named by index m. A path is
 * (kpath, plen) relative to mount m's directory: names joined by '/', never "." or "..", ""
 * for the directory itself. The host follows no symlink in the last component and refuses a
 * path that would leave the directory. Errors are -errno with Linux's numbers.
 * Attributes come back as struct hostfs_stat; owner ids are the host's, except the host
 * user's own uid and gid, which read as 0 (and 0 is passed back as them). */
struct hostfs_stat {
	uint32_t mode, nlink, uid, gid;
	uint64_t ino;
	int64_t size, blocks;
	int64_t atime, mtime, ctime; /* ns since the epoch */
};
/* Copies mount m's guest path (NUL-terminated, at most len bytes) to kdst: its length, or -1 when there is no mount m. */
HOST_IMPORT("hostfs_mount") int host_hostfs_mount(int m, char *kdst, uint32_t len);
/* lstat(2) of path into *kst: 0 or -errno. */
HOST_IMPORT("hostfs_stat") int host_hostfs_stat(int m, const char *kpath, uint32_t plen, struct hostfs_stat *kst);
/* fstat(2) of host descriptor fd (from hostfs_open) into *kst: 0 or -errno. */
HOST_IMPORT("hostfs_fstat") int host_hostfs_fstat(int fd, struct hostfs_stat *kst);
/* Opens path, a regular file, for acc (1 read, 2 write, 3 both), never through a symlink: a host descriptor or -errno. */
HOST_IMPORT("hostfs_open") int host_hostfs_open(int m, const char *kpath, uint32_t plen, int acc);
HOST_IMPORT("hostfs_close") void host_hostfs_close(int fd);
/* Reads or writes up to len bytes at offset off of host descriptor fd, to or from kbuf, or when kbuf is
 * NULL the current process's memory at ubuf (bounds checked as copyout/copyin): the count or -errno. */
HOST_IMPORT("hostfs_pread") int host_hostfs_pread(int fd, void *kbuf, uint32_t ubuf, uint32_t len, double off);
HOST_IMPORT("hostfs_pwrite") int host_hostfs_pwrite(int fd, const void *kbuf, uint32_t ubuf, uint32_t len, double off);
/* ftruncate(2) of host descriptor fd: 0 or -errno. */
HOST_IMPORT("hostfs_ftruncate") int host_hostfs_ftruncate(int fd, double size);
/* Entry idx (from 0; "." and ".." are left out) of directory path: its inode number (u64) at kdst, its
 * DT_* type (u8) at kdst+8 and its name from kdst+9 (len bytes in all): the name's length, 0 after the
 * last entry, or -errno. */
HOST_IMPORT("hostfs_readdir") int host_hostfs_readdir(int m, const char *kpath, uint32_t plen, uint32_t idx, void *kdst, uint32_t len);
/* Creates path: a regular file (failing if it exists), a directory, or a symlink to (ktarget, tlen), as
 * mode's type says, with permissions mode & 07777 exactly: 0 or -errno. */
HOST_IMPORT("hostfs_create") int host_hostfs_create(int m, const char *kpath, uint32_t plen, uint32_t mode, const char *ktarget, uint32_t tlen);
/* Removes path: unlink(2), or rmdir(2) when dir is 1. */
HOST_IMPORT("hostfs_unlink") int host_hostfs_unlink(int m, const char *kpath, uint32_t plen, int dir);
/* rename(2) of old to new (flags: RENAME_NOREPLACE only), or link(2) old as new. */
HOST_IMPORT("hostfs_rename") int host_hostfs_rename(int m, const char *kold, uint32_t olen, const char *knew, uint32_t nlen, uint32_t flags);
HOST_IMPORT("hostfs_link") int host_hostfs_link(int m, const char *kold, uint32_t olen, const char *knew, uint32_t nlen);
/* Copies path's symlink target (no NUL) into kdst of len bytes: its length or -errno. */
HOST_IMPORT("hostfs_readlink") int host_hostfs_readlink(int m, const char *kpath, uint32_t plen, char *kdst, uint32_t len);
/* chmod(2), lchown(2) (-1 keeps an id) and lutimes of path (times as seconds and nanoseconds): 0 or -errno. */
HOST_IMPORT("hostfs_chmod") int host_hostfs_chmod(int m, const char *kpath, uint32_t plen, uint32_t mode);
HOST_IMPORT("hostfs_chown") int host_hostfs_chown(int m, const char *kpath, uint32_t plen, int uid, int gid);
HOST_IMPORT("hostfs_utimes") int host_hostfs_utimes(int m, const char *kpath, uint32_t plen, double asec, int ansec, double msec, int mnsec);

/* Program images (exec, spawn; kernel/image.c). The host compiles a program
 * (or finds it in its cache of compiled modules by the file identity dev, ino,
 * ctime and size), instantiates it in a fresh process memory and returns a
 * handle > 0 with the instance's initial stack pointer in out[0] and its
 * __heap_base in out[1]; or -ENOEXEC (not a wunix program), -ENOMEM, or with
 * kbuf NULL -ENOENT when the module is not cached (then call again with the
 * file's len bytes at kbuf). Called without the BKL. */
HOST_IMPORT("image_prepare") int host_image_prepare(const void *kbuf, uint32_t len, double dev, double ino,
                                                    double ctime, double size, uint32_t *out);
/* onResolveSpawn: a program at path (plen bytes, no NUL) that the file system
 * does not have, to be run with the argc strings at kargs. Returns an image
 * handle as image_prepare does (out[0] stack top, out[1] heap base) when the
 * host has the program; 0 with out[0] = 0 when it has nothing (ENOENT); 0 with
 * out[0] = n > 0 when it rewrote argv: n strings in out[1] bytes at kout (of
 * outlen), to resolve in the file system instead; or -errno. Called without
 * the BKL. */
HOST_IMPORT("resolve") int host_resolve(const char *kpath, uint32_t plen, const char *kargs, uint32_t argc,
                                        char *kout, uint32_t outlen, uint32_t *out);
/* From now on copyin/copyout and friends reach image handle's memory; 0: the
 * current process's own memory again. */
HOST_IMPORT("image_use") void host_image_use(int handle);
/* Forgets a prepared image that will not run. */
HOST_IMPORT("image_drop") void host_image_drop(int handle);
/* exec's end: the calling thread leaves its old instance and runs image handle
 * from _start with stack pointer sp (onExec). Called without the BKL, the
 * thread's state word USER. */
HOST_IMPORT("exec") __attribute__((noreturn)) void host_exec(int handle, uint32_t sp);
/* spawn's end: thread tid of a new process (not yet run) runs image handle
 * from _start with stack pointer sp on another CPU (onSpawn). Consumes handle. */
HOST_IMPORT("spawn") void host_spawn(int handle, int tid, uint32_t sp);

/* Threads and signals (thread.c, signal.c; docs/abi.md). clone's end: thread
 * tid of the current process (not yet run) starts on another CPU in the same
 * memory, with stack pointer sp and thread pointer tls (onClone). */
HOST_IMPORT("clone") void host_clone(int tid, uint32_t sp, uint32_t tls);
/* The thread running on CPU slot was killed in user mode (its state word is
 * DEAD): the host stops that worker, then has another CPU call k_cpu_reclaim
 * (onThreadExit for process pid). */
HOST_IMPORT("cpu_kill") void host_cpu_kill(int slot, int pid);
/* The current thread's user stack pointer. */
HOST_IMPORT("user_sp") uint32_t host_user_sp(void);
/* Runs the handler of the frame at frame (struct wunix_sigframe) on the
 * current thread, with its stack pointer at frame; returns when the handler
 * does (a handler that longjmps out never returns here). Called without the
 * BKL, the state word USER. */
HOST_IMPORT("sig_handler") void host_sig_handler(uint32_t frame);

/* Process pid is about to exit with the Linux wait status wstatus (onExitGroup):
 * nothing of it has been released yet. */
HOST_IMPORT("exit_group") void host_exit_group(int pid, int wstatus);
/* The process pid has exited with the Linux wait status wstatus and is a zombie (onExit). */
HOST_IMPORT("proc_exit") void host_proc_exit(int pid, int wstatus);
/* Ends the calling thread: unwinds the worker out of the guest and the kernel.
 * Called without the BKL, with the thread's state word already DEAD. */
HOST_IMPORT("thread_exit") __attribute__((noreturn)) void host_thread_exit(void);
/* Fatal kernel error: the host prints msg and stops everything. */
HOST_IMPORT("panic") __attribute__((noreturn)) void host_panic(const char *msg, uint32_t len);

#endif
