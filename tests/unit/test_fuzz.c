/* tests/unit/test_fuzz.c -- random arguments to every implemented system call:
 * the kernel must answer each with a result or an error and stay healthy
 * (under ASan/UBSan this also checks memory safety). */
#include "fakehost.h"
#include "test.h"
#include "kalloc.h"
#include "lock.h"
#include "proc.h"
#include <string.h>
#include <wunix/errno.h>
#include <wunix/termios.h>

#define CALLS 20000

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int64_t arg(void)
{
	static const int64_t special[] = {
		0, 1, 2, 3, -1, 4096, 8192, 65536, 70000, 0x7fffffff, 0x80000000ll, 0xfffffff0ll,
		0xffffffffll, 0x100000000ll, INT64_MAX, INT64_MIN, 1 << 20, 16, 64, 8, 100000,
	};
	switch (rnd() % 4) {
	case 0:
		return special[rnd() % (sizeof(special) / sizeof(special[0]))];
	case 1:
		return (int64_t)(rnd() % 300);
	case 2:
		return (int64_t)(4096 + rnd() % (2 << 20)); /* inside the process memory */
	default:
		return (int64_t)rnd();
	}
}

static bool skip(int nr, const int64_t *a)
{
	switch (nr) {
	case NR_exit:
	case NR_exit_group:
	case NR_nanosleep:
	case NR_clock_nanosleep:
		return true; /* they end the process or sleep for a random time */
	case NR_ioctl:
		return (uint32_t)a[1] == FIONBIO; /* the console must stay non-blocking */
	default:
		return false;
	}
}

TEST(fuzz_syscalls_never_crash)
{
	static const int nrs[] = {
		NR_ioctl, NR_close, NR_lseek, NR_read, NR_write, NR_readv, NR_writev, NR_set_tid_address,
		NR_clock_gettime, NR_clock_getres, NR_sched_yield, NR_rt_sigaction, NR_rt_sigprocmask,
		NR_setregid, NR_setgid, NR_setreuid, NR_setuid, NR_setresuid, NR_getresuid, NR_setresgid,
		NR_getresgid, NR_setfsuid, NR_setfsgid, NR_getgroups, NR_setgroups, NR_uname,
		NR_gettimeofday, NR_getpid, NR_getppid, NR_getuid, NR_geteuid, NR_getgid, NR_getegid,
		NR_gettid, NR_brk, NR_munmap, NR_mremap, NR_mmap, NR_mprotect, NR_madvise, NR_getrandom,
		NR_getcwd, 5000, -7,
	};
	struct kalloc_stats before, after;
	int one = 1, ok = 0, failed = 0;

	int pid = fh_proc_begin();
	memcpy(fh_u(8192), &one, sizeof(one));
	CHECK_EQ(SC3(NR_ioctl, 0, FIONBIO, 8192), 0);
	CHECK_EQ(SC3(NR_ioctl, 1, FIONBIO, 8192), 0);
	bkl_lock();
	kalloc_get_stats(&before);
	bkl_unlock();
	for (int i = 0; i < CALLS; i++) {
		int64_t a[6];
		for (int k = 0; k < 6; k++)
			a[k] = arg();
		int nr = nrs[rnd() % (sizeof(nrs) / sizeof(nrs[0]))];
		if (skip(nr, a))
			continue;
		long r = fh_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		if (r >= 0 || r < -4095)
			ok++;
		else
			failed++;
		if (i % 1000 == 0) {
			fh_console_clear();
			fh_log_clear();
		}
	}
	CHECK(ok > CALLS / 20 && failed > CALLS / 20); /* both paths were exercised */
	CHECK_EQ(SC0(NR_getpid), pid);
	CHECK(!bkl_held());
	fh_proc_end();
	bkl_lock();
	kalloc_get_stats(&after);
	bkl_unlock();
	/* the process's files and mappings went back with it */
	CHECK(after.live_allocs <= before.live_allocs);
}
