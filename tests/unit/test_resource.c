/* tests/unit/test_resource.c -- prlimit64, getrlimit, setrlimit: defaults,
 * validation, permissions, RLIMIT_NOFILE (EMFILE, EBADF, EINVAL) and
 * RLIMIT_NPROC; getrusage and times. */
#include "child.h"
#include "exports.h"
#include "fakehost.h"
#include "test.h"
#include "lock.h"
#include "proc.h"
#include <string.h>
#include <time.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/resource.h>
#include <wunix/time.h>

#define OLD 8192 /* user addresses in the test process's memory (8-aligned) */
#define NEW 8320
#define RU 8448
#define TMS 8704
#define FDS 8832
#define BAD 0xfffffff0u
#define INF WUNIX_RLIM_INFINITY

static struct wunix_rlimit lim(int pid, int res)
{
	struct wunix_rlimit r = { 1, 1 };

	if (SC4(NR_prlimit64, pid, res, 0, OLD) == 0)
		memcpy(&r, fh_u(OLD), sizeof(r));
	return r;
}

static long set(int pid, int res, uint64_t cur, uint64_t max)
{
	struct wunix_rlimit r = { cur, max };

	memcpy(fh_u(NEW), &r, sizeof(r));
	return SC4(NR_prlimit64, pid, res, NEW, 0);
}

TEST(rlimit_defaults)
{
	fh_proc_begin();
	CHECK_EQ(lim(0, WUNIX_RLIMIT_NOFILE).rlim_cur, 256);
	CHECK_EQ(lim(0, WUNIX_RLIMIT_NOFILE).rlim_max, 256);
	CHECK_EQ(lim(0, WUNIX_RLIMIT_STACK).rlim_cur, 8 << 20);
	CHECK(lim(0, WUNIX_RLIMIT_STACK).rlim_max == INF);
	CHECK_EQ(lim(0, WUNIX_RLIMIT_CORE).rlim_cur, 0);
	CHECK_EQ(lim(0, WUNIX_RLIMIT_NPROC).rlim_cur, NPROC);
	CHECK(lim(0, WUNIX_RLIMIT_CPU).rlim_cur == INF);
	CHECK(lim(0, WUNIX_RLIMIT_AS).rlim_max == INF);
	CHECK_EQ(lim(0, WUNIX_RLIMIT_NICE).rlim_max, 0);
	CHECK_EQ(lim(SC0(NR_getpid), WUNIX_RLIMIT_NOFILE).rlim_cur, 256);
	/* the 32-bit calls: infinity is 0xffffffff */
	CHECK_EQ(SC2(NR_getrlimit, WUNIX_RLIMIT_STACK, OLD), 0);
	struct wunix_rlimit32 *r32 = fh_u(OLD);
	CHECK_EQ(r32->rlim_cur, 8 << 20);
	CHECK_EQ(r32->rlim_max, 0xffffffffu);
	*(struct wunix_rlimit32 *)fh_u(NEW) = (struct wunix_rlimit32){ 1 << 20, 0xffffffffu };
	CHECK_EQ(SC2(NR_setrlimit, WUNIX_RLIMIT_STACK, NEW), 0);
	CHECK_EQ(lim(0, WUNIX_RLIMIT_STACK).rlim_cur, 1 << 20);
	CHECK(lim(0, WUNIX_RLIMIT_STACK).rlim_max == INF);
	CHECK_EQ(SC2(NR_getrlimit, WUNIX_RLIM_NLIMITS, OLD), -EINVAL);
	CHECK_EQ(SC2(NR_getrlimit, WUNIX_RLIMIT_STACK, BAD), -EFAULT);
	CHECK_EQ(SC2(NR_setrlimit, WUNIX_RLIMIT_STACK, BAD), -EFAULT);
	fh_proc_end();
}

TEST(rlimit_validation_and_privilege)
{
	fh_proc_begin();
	CHECK_EQ(set(0, WUNIX_RLIM_NLIMITS, 1, 1), -EINVAL);
	CHECK_EQ(set(0, I32(-1), 1, 1), -EINVAL);
	CHECK_EQ(set(0, WUNIX_RLIMIT_FSIZE, 2, 1), -EINVAL);  /* soft above hard */
	CHECK_EQ(set(0, WUNIX_RLIMIT_NOFILE, 10, 257), -EPERM); /* past the table, even for root */
	CHECK_EQ(set(0, WUNIX_RLIMIT_NOFILE, 10, INF), -EPERM);
	CHECK_EQ(set(99999, WUNIX_RLIMIT_FSIZE, 1, 1), -ESRCH);
	CHECK_EQ(SC4(NR_prlimit64, 0, WUNIX_RLIMIT_FSIZE, BAD, 0), -EFAULT);
	CHECK_EQ(SC4(NR_prlimit64, 0, WUNIX_RLIMIT_FSIZE, 0, BAD), -EFAULT);
	/* old and new in one call: old is the limit before */
	CHECK_EQ(set(0, WUNIX_RLIMIT_FSIZE, 100, 1000), 0);
	struct wunix_rlimit r = { 50, 500 };
	memcpy(fh_u(NEW), &r, sizeof(r));
	CHECK_EQ(SC4(NR_prlimit64, 0, WUNIX_RLIMIT_FSIZE, NEW, OLD), 0);
	CHECK_EQ(((struct wunix_rlimit *)fh_u(OLD))->rlim_cur, 100);
	CHECK_EQ(((struct wunix_rlimit *)fh_u(OLD))->rlim_max, 1000);
	CHECK_EQ(lim(0, WUNIX_RLIMIT_FSIZE).rlim_max, 500);
	/* root raises a hard limit; others only lower it */
	CHECK_EQ(set(0, WUNIX_RLIMIT_FSIZE, 50, INF), 0);
	CHECK_EQ(set(0, WUNIX_RLIMIT_FSIZE, 50, 400), 0);
	int rootkid = child_fork();
	CHECK_EQ(lim(rootkid, WUNIX_RLIMIT_FSIZE).rlim_max, 400); /* inherited */
	CHECK_EQ(SC1(NR_setuid, 1000), 0);
	CHECK_EQ(set(0, WUNIX_RLIMIT_FSIZE, 60, 300), 0);
	CHECK_EQ(set(0, WUNIX_RLIMIT_FSIZE, 60, 301), -EPERM);
	CHECK_EQ(set(0, WUNIX_RLIMIT_FSIZE, 300, 300), 0);
	/* another process: only with the same ids */
	CHECK_EQ(SC4(NR_prlimit64, rootkid, WUNIX_RLIMIT_FSIZE, 0, OLD), -EPERM);
	int kid = child_fork();
	CHECK_EQ(set(kid, WUNIX_RLIMIT_FSIZE, 7, 7), 0);
	CHECK_EQ(lim(kid, WUNIX_RLIMIT_FSIZE).rlim_cur, 7);
	CHECK_EQ(lim(0, WUNIX_RLIMIT_FSIZE).rlim_cur, 300);
	child_exit(rootkid, 0);
	child_exit(kid, 0);
	fh_proc_end();
}

TEST(rlimit_nofile_enforced)
{
	fh_proc_begin();
	CHECK_EQ(SC3(NR_dup3, 0, 100, 0), 100);
	CHECK_EQ(set(0, WUNIX_RLIMIT_NOFILE, 8, 256), 0);
	for (int fd = 3; fd < 8; fd++)
		CHECK_EQ(SC1(NR_dup, 0), fd);
	CHECK_EQ(SC1(NR_dup, 0), -EMFILE);
	CHECK_EQ(SC2(NR_pipe2, FDS, 0), -EMFILE);
	strcpy(fh_u(FDS + 16), "/");
	CHECK_EQ(SC4(NR_openat, I32(AT_FDCWD), FDS + 16, O_RDONLY, 0), -EMFILE);
	CHECK_EQ(SC3(NR_dup3, 0, 8, 0), -EBADF);
	CHECK_EQ(SC3(NR_dup3, 0, 7, 0), 7);
	CHECK_EQ(SC3(NR_fcntl, 0, F_DUPFD, 8), -EINVAL);
	CHECK_EQ(SC3(NR_fcntl, 0, F_DUPFD, 7), -EMFILE);
	CHECK_EQ(SC5(NR_ppoll, FDS, 9, 0, 0, 8), -EINVAL);
	/* a descriptor above the limit still works */
	CHECK_EQ(SC3(NR_fcntl, 100, F_GETFD, 0), 0);
	CHECK_EQ(SC1(NR_close, 100), 0);
	CHECK_EQ(SC1(NR_close, 7), 0);
	CHECK_EQ(SC2(NR_pipe2, FDS, 0), -EMFILE); /* one free slot: not enough, and nothing leaks */
	CHECK_EQ(SC1(NR_dup, 0), 7);
	CHECK_EQ(SC1(NR_close, 6), 0);
	CHECK_EQ(SC1(NR_close, 7), 0);
	CHECK_EQ(SC2(NR_pipe2, FDS, 0), 0);
	CHECK_EQ(((int32_t *)fh_u(FDS))[0], 6);
	CHECK_EQ(((int32_t *)fh_u(FDS))[1], 7);
	CHECK_EQ(set(0, WUNIX_RLIMIT_NOFILE, 256, 256), 0);
	CHECK_EQ(SC3(NR_fcntl, 0, F_DUPFD, 200), 200);
	fh_proc_end();
}

TEST(rlimit_nproc)
{
	uint32_t ranges[9];

	fh_proc_begin();
	CHECK_EQ(set(0, WUNIX_RLIMIT_NPROC, 0, 2), 0);
	int a = child_fork(); /* root is exempt */
	CHECK_EQ(SC3(NR_setresuid, 1000, 1000, 1000), 0);
	CHECK_EQ(k_fork(60000, ranges, 4), -EAGAIN); /* uid 1000 has 1 process: the limit is 0 */
	CHECK_EQ(set(0, WUNIX_RLIMIT_NPROC, 2, 2), 0);
	int b = child_fork();
	CHECK_EQ(k_fork(60000, ranges, 4), -EAGAIN); /* 2 of 2 */
	bkl_lock();
	CHECK_EQ(proc_check_nproc(curproc()), -EAGAIN);
	bkl_unlock();
	child_exit(b, 0);
	CHECK_EQ(k_fork(60000, ranges, 4), -EAGAIN); /* a zombie counts */
	CHECK_EQ(SC4(NR_wait4, b, 0, 0, 0), b);
	int c = child_fork();
	child_exit(c, 0);
	fh_proc_end();
	child_exit(a, 0);
}

static void spin_ms(int ms)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do
		clock_gettime(CLOCK_MONOTONIC, &t);
	while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
}

static void spin_30(void *arg)
{
	spin_ms(30);
}

static int64_t cpu_us(int who, int32_t *utime_us)
{
	CHECK_EQ(SC2(NR_getrusage, who, RU), 0);
	const struct wunix_rusage *ru = fh_u(RU);
	CHECK(ru->ru_utime_usec >= 0 && ru->ru_utime_usec < 1000000);
	CHECK(ru->ru_stime_usec >= 0 && ru->ru_stime_usec < 1000000);
	if (utime_us)
		*utime_us = ru->ru_utime_sec * 1000000 + ru->ru_utime_usec;
	return (int64_t)(ru->ru_utime_sec + ru->ru_stime_sec) * 1000000 + ru->ru_utime_usec + ru->ru_stime_usec;
}

TEST(rusage_user_time_not_sleep)
{
	int32_t ut;

	fh_proc_begin();
	int64_t before = cpu_us(WUNIX_RUSAGE_SELF, &ut);
	spin_ms(30);
	int64_t spun = cpu_us(WUNIX_RUSAGE_SELF, &ut);
	CHECK(spun - before >= 25000);
	CHECK(ut >= 25000);
	CHECK(((struct wunix_rusage *)fh_u(RU))->ru_maxrss >= 2048); /* 32 pages of 64 KiB */
	struct wunix_timespec ts = { 0, 50000000, 0 };
	memcpy(fh_u(NEW), &ts, sizeof(ts));
	CHECK_EQ(SC2(NR_nanosleep, NEW, 0), 0);
	int64_t slept = cpu_us(WUNIX_RUSAGE_SELF, NULL);
	CHECK(slept - spun < 25000); /* asleep is not on a CPU */
	CHECK(cpu_us(WUNIX_RUSAGE_THREAD, NULL) >= spun);
	CHECK_EQ(cpu_us(WUNIX_RUSAGE_CHILDREN, NULL), 0);
	CHECK_EQ(SC2(NR_getrusage, 2, RU), -EINVAL);
	CHECK_EQ(SC2(NR_getrusage, I32(-2), RU), -EINVAL);
	CHECK_EQ(SC2(NR_getrusage, WUNIX_RUSAGE_SELF, BAD), -EFAULT);
	fh_proc_end();
}

TEST(rusage_times)
{
	struct timespec now;

	fh_proc_begin();
	spin_ms(30);
	int a = child_fork();
	struct child c = { .pid = a, .fn = spin_30 };
	child_start(&c);
	child_join(&c);
	CHECK_EQ(SC4(NR_wait4, a, 0, 0, 0), a);
	long r = SC1(NR_times, TMS);
	clock_gettime(CLOCK_MONOTONIC, &now);
	int32_t ticks = (int32_t)(uint32_t)((now.tv_sec * 1000000000ll + now.tv_nsec) / 10000000);
	CHECK(r <= ticks && r >= ticks - 1);
	const struct wunix_tms *t = fh_u(TMS);
	CHECK(t->tms_utime + t->tms_stime >= 2);
	CHECK(t->tms_cutime + t->tms_cstime >= 2);
	CHECK(SC1(NR_times, 0) >= r);
	CHECK_EQ(SC1(NR_times, BAD), -EFAULT);
	fh_proc_end();
}

/* A child made by fork waits for a worker before it runs: no CPU time. */
TEST(rusage_unstarted_child)
{
	fh_proc_begin();
	int a = child_fork();
	struct wunix_timespec ts = { 0, 60000000, 0 };
	memcpy(fh_u(NEW), &ts, sizeof(ts));
	CHECK_EQ(SC2(NR_nanosleep, NEW, 0), 0);
	child_exit(a, 0);
	CHECK_EQ(SC4(NR_wait4, a, 0, 0, RU), a);
	const struct wunix_rusage *ru = fh_u(RU);
	CHECK(ru->ru_utime_sec == 0 && ru->ru_stime_sec == 0 && ru->ru_utime_usec + ru->ru_stime_usec < 30000);
	fh_proc_end();
}
