/* tests/unit/fakehost.c -- the host imports of kernel/host.h for native tests. */
#define _GNU_SOURCE
#include "fakehost.h"
#include "exports.h"
#include "host.h"
#include "test.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <wunix/errno.h>

_Thread_local int fh_exit_pid, fh_exit_status;
_Thread_local uint8_t fh_last_random[256];
long fh_ucopy_calls;

static _Thread_local struct fh_umem um;
static _Thread_local jmp_buf *exit_jmp;
static _Thread_local int cpu_slot = -1;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

struct textbuf {
	char *s;
	size_t len, cap;
};
static struct textbuf console_out[3], logbuf;

static void text_append(struct textbuf *b, const char *s, size_t n)
{
	pthread_mutex_lock(&out_lock);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
	pthread_mutex_unlock(&out_lock);
}

static bool urange(uint32_t u, uint32_t n)
{
	__atomic_add_fetch(&fh_ucopy_calls, 1, __ATOMIC_RELAXED);
	return um.base && (uint64_t)u + n <= (uint64_t)um.pages * FH_PAGE;
}

int host_copyin(void *kdst, uint32_t usrc, uint32_t len)
{
	if (!urange(usrc, len))
		return -EFAULT;
	memcpy(kdst, um.base + usrc, len);
	return 0;
}

int host_copyout(uint32_t udst, const void *ksrc, uint32_t len)
{
	if (!urange(udst, len))
		return -EFAULT;
	memcpy(um.base + udst, ksrc, len);
	return 0;
}

int host_copyinstr(char *kdst, uint32_t usrc, uint32_t max)
{
	uint64_t size = (uint64_t)um.pages * FH_PAGE;

	__atomic_add_fetch(&fh_ucopy_calls, 1, __ATOMIC_RELAXED);
	for (uint32_t i = 0; i < max; i++) {
		if (usrc + (uint64_t)i >= size)
			return -EFAULT;
		kdst[i] = (char)um.base[usrc + i];
		if (!kdst[i])
			return (int)i;
	}
	return -ENAMETOOLONG;
}

int host_umemset(uint32_t udst, int byte, uint32_t len)
{
	if (!urange(udst, len))
		return -EFAULT;
	memset(um.base + udst, byte, len);
	return 0;
}

int host_umemmove(uint32_t udst, uint32_t usrc, uint32_t len)
{
	if (!urange(udst, len) || !urange(usrc, len))
		return -EFAULT;
	memmove(um.base + udst, um.base + usrc, len);
	return 0;
}

double host_uatomic32(int op, uint32_t uaddr, uint32_t a, uint32_t b)
{
	if ((uaddr & 3) || !urange(uaddr, 4))
		return -EFAULT;
	uint32_t *w = (uint32_t *)(um.base + uaddr);
	if (op == HOST_UATOMIC_LOAD)
		return __atomic_load_n(w, __ATOMIC_SEQ_CST);
	if (op != HOST_UATOMIC_CMPXCHG)
		return -EINVAL;
	__atomic_compare_exchange_n(w, &a, b, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return a;
}

int host_umem_size(void)
{
	return (int)um.pages;
}

int host_umem_grow(uint32_t pages)
{
	if (pages > um.max_pages - um.pages)
		return -1;
	int old = (int)um.pages;
	um.pages += pages;
	return old;
}

int host_console_write(int fd, const void *ksrc, uint32_t len)
{
	if (fd != 1 && fd != 2)
		return -EBADF;
	text_append(&console_out[fd], ksrc, len);
	return (int)len;
}

void host_log(const char *ksrc, uint32_t len)
{
	text_append(&logbuf, ksrc, len);
	text_append(&logbuf, "\n", 1);
	if (getenv("FH_VERBOSE"))
		fprintf(stderr, "%.*s\n", (int)len, ksrc);
}

double host_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

void host_random(void *kdst, uint32_t len)
{
	if (getrandom(kdst, len, 0) != (ssize_t)len)
		memset(kdst, 0x5a, len);
	memcpy(fh_last_random, kdst, len < sizeof(fh_last_random) ? len : sizeof(fh_last_random));
}

const uint8_t *fh_rootfs;
size_t fh_rootfs_len;

int host_rootfs_read(void *kdst, double off, uint32_t len)
{
	if (!fh_rootfs)
		return -1;
	if (off >= (double)fh_rootfs_len)
		return 0;
	size_t o = (size_t)off, n = len < fh_rootfs_len - o ? len : fh_rootfs_len - o;
	memcpy(kdst, fh_rootfs + o, n);
	return (int)n;
}

/* Program images: the fake host runs no programs, so it finds none. */
int host_image_prepare(const void *kbuf, uint32_t len, double dev, double ino, double ctime, double size,
                       uint32_t *out)
{
	return kbuf ? -ENOEXEC : -ENOENT;
}

int host_resolve(const char *kpath, uint32_t plen, const char *kargs, uint32_t argc, char *kout,
                 uint32_t outlen, uint32_t *out)
{
	out[0] = 0;
	return 0;
}

void host_image_use(int handle)
{
}

void host_image_drop(int handle)
{
}

void host_exec(int handle, uint32_t sp)
{
	fprintf(stderr, "fakehost: host_exec without an image\n");
	abort();
}

void host_spawn(int handle, int tid, uint32_t sp)
{
	fprintf(stderr, "fakehost: host_spawn without an image\n");
	abort();
}

void host_exit_group(int pid, int wstatus)
{
}

_Thread_local struct fh_clone fh_last_clone;
_Thread_local int fh_kill_slot = -1, fh_kill_pid;
_Thread_local uint32_t fh_user_sp = 60000;
_Thread_local void (*fh_sig_hook)(uint32_t frame);
_Thread_local int fh_sig_calls;

void host_clone(int tid, uint32_t sp, uint32_t tls)
{
	fh_last_clone = (struct fh_clone){ tid, sp, tls };
}

void host_cpu_kill(int slot, int pid)
{
	fh_kill_slot = slot;
	fh_kill_pid = pid;
}

uint32_t host_user_sp(void)
{
	return fh_user_sp;
}

void host_sig_handler(uint32_t frame)
{
	fh_sig_calls++;
	if (fh_sig_hook)
		fh_sig_hook(frame);
}

void host_proc_exit(int pid, int wstatus)
{
	fh_exit_pid = pid;
	fh_exit_status = wstatus;
}

void host_thread_exit(void)
{
	if (!exit_jmp) {
		fprintf(stderr, "fakehost: host_thread_exit outside fh_run_until_exit\n");
		abort();
	}
	longjmp(*exit_jmp, 1);
}

void host_panic(const char *msg, uint32_t len)
{
	fprintf(stderr, "kernel panic: %.*s\n", (int)len, msg);
	abort();
}

void fh_boot(void)
{
	k_boot(FH_BOOTFLAGS, FH_WINSIZE, FH_RT_SEC, 0);
}

int fh_cpu_attach(void)
{
	int slot = k_cpu_attach();

	if (slot < 0 || k_cpu_start(slot)) {
		fprintf(stderr, "fakehost: no CPU slot\n");
		abort();
	}
	cpu_slot = slot;
	return slot;
}

void fh_cpu_detach(void)
{
	if (cpu_slot >= 0 && k_cpu_detach(cpu_slot) == 0)
		cpu_slot = -1;
}

void fh_umem_init(uint32_t pages, uint32_t max_pages)
{
	fh_umem_free();
	void *p = mmap(NULL, (size_t)max_pages * FH_PAGE, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		abort();
	um.base = p;
	um.pages = pages;
	um.max_pages = max_pages;
}

void fh_umem_free(void)
{
	if (um.base)
		munmap(um.base, (size_t)um.max_pages * FH_PAGE);
	memset(&um, 0, sizeof(um));
}

struct fh_umem *fh_umem(void)
{
	return &um;
}

void *fh_u(uint64_t u)
{
	return um.base + u;
}

long fh_start(const char *const *argv, const char *const *envp, uint32_t stack_top, uint32_t heap_base)
{
	size_t len = 0;
	int argc = 0, envc = 0;

	for (; argv && argv[argc]; argc++)
		len += strlen(argv[argc]) + 1;
	for (; envp && envp[envc]; envc++)
		len += strlen(envp[envc]) + 1;
	char *kbuf = (char *)k_kalloc((uint32_t)(len ? len : 1));
	if (!kbuf)
		return -ENOMEM;
	char *p = kbuf;
	for (int i = 0; i < argc; i++)
		p = stpcpy(p, argv[i]) + 1;
	for (int i = 0; i < envc; i++)
		p = stpcpy(p, envp[i]) + 1;
	long sp = k_proc_start(kbuf, argc, envc, stack_top, heap_base);
	k_kfree((uintptr_t)kbuf);
	return sp;
}

int fh_proc_begin(void)
{
	static const char *const argv[] = { "test", NULL };
	static const char *const envp[] = { "HOME=/", NULL };

	fh_umem_init(32, 64);
	long sp = fh_start(argv, envp, 65536, 70000);
	if (sp < 0) {
		test_fail(__FILE__, __LINE__, "fh_proc_begin: k_proc_start = %ld", sp);
		return -1;
	}
	return (int)SC0(NR_getpid);
}

static void do_exit_group(void *arg)
{
	SC1(NR_exit_group, 0);
}

void fh_proc_end(void)
{
	if (!fh_run_until_exit(do_exit_group, NULL))
		test_fail(__FILE__, __LINE__, "exit_group returned");
	fh_umem_free();
}

int fh_run_until_exit(void (*fn)(void *), void *arg)
{
	jmp_buf jb;
	jmp_buf *saved = exit_jmp;

	exit_jmp = &jb;
	if (setjmp(jb) == 0) {
		fn(arg);
		exit_jmp = saved;
		return 0;
	}
	exit_jmp = saved;
	return 1;
}

const char *fh_console(int fd)
{
	return console_out[fd].s ? console_out[fd].s : "";
}

void fh_console_clear(void)
{
	pthread_mutex_lock(&out_lock);
	for (int i = 0; i < 3; i++)
		console_out[i].len = 0;
	for (int i = 0; i < 3; i++)
		if (console_out[i].s)
			console_out[i].s[0] = 0;
	pthread_mutex_unlock(&out_lock);
}

int fh_log_has(const char *needle)
{
	pthread_mutex_lock(&out_lock);
	int r = logbuf.s && strstr(logbuf.s, needle);
	pthread_mutex_unlock(&out_lock);
	return r;
}

void fh_log_clear(void)
{
	pthread_mutex_lock(&out_lock);
	logbuf.len = 0;
	if (logbuf.s)
		logbuf.s[0] = 0;
	pthread_mutex_unlock(&out_lock);
}

long fh_syscall(int nr, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f)
{
	return wunix_syscall(nr, a, b, c, d, e, f);
}
