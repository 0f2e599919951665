/* tests/unit/test_time.c -- clocks and sleeping. */
#include "fakehost.h"
#include "test.h"
#include <string.h>
#include <time.h>
#include <wunix/errno.h>
#include <wunix/time.h>

/* process memory holds the structures at arbitrary alignment: copy them */
static struct wunix_timespec ts_at(uint64_t u)
{
	struct wunix_timespec ts;
	memcpy(&ts, fh_u(u), sizeof(ts));
	return ts;
}

static int64_t ns_of(uint64_t u)
{
	return ts_at(u).tv_sec * 1000000000ll + ts_at(u).tv_nsec;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void set_ts(uint64_t u, int64_t sec, int32_t nsec)
{
	struct wunix_timespec ts = { sec, nsec, 0 };
	memcpy(fh_u(u), &ts, sizeof(ts));
}

TEST(time_clock_gettime)
{
	fh_proc_begin();
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_MONOTONIC, 9192), 0);
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_MONOTONIC, 9292), 0);
	CHECK(ns_of(9292) >= ns_of(9192));
	CHECK(ts_at(9192).tv_nsec >= 0 && ts_at(9192).tv_nsec < 1000000000);
	/* real time: the boot's real time plus the time since */
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_REALTIME, 9392), 0);
	CHECK(ts_at(9392).tv_sec >= (int64_t)FH_RT_SEC && ts_at(9392).tv_sec < (int64_t)FH_RT_SEC + 3600);
	CHECK_EQ(SC2(NR_gettimeofday, 9492, 9592), 0);
	struct wunix_timeval tv;
	memcpy(&tv, fh_u(9492), sizeof(tv));
	CHECK(tv.tv_sec - ts_at(9392).tv_sec <= 1 && tv.tv_sec >= ts_at(9392).tv_sec);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	CHECK_EQ(SC2(NR_gettimeofday, 0, 0), 0);
	for (int c = 0; c <= 11; c++)
		CHECK_EQ(SC2(NR_clock_gettime, c, 9692), c == 10 ? -EINVAL : 0);
	/* CPU time: approximated by the time since the process started */
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, 9792), 0);
	CHECK(ns_of(9792) >= 0 && ns_of(9792) < 10 * 1000000000ll);
	CHECK_EQ(SC2(NR_clock_gettime, 99, 9692), -EINVAL);
	CHECK_EQ(SC2(NR_clock_gettime, I32(-6), 9692), -EINVAL);
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_MONOTONIC, 0xfffffff8u), -EFAULT);
	CHECK_EQ(SC2(NR_clock_getres, CLOCK_MONOTONIC, 9892), 0);
	CHECK_EQ(ns_of(9892), 1);
	CHECK_EQ(SC2(NR_clock_getres, CLOCK_REALTIME, 0), 0);
	CHECK_EQ(SC2(NR_clock_getres, 42, 9892), -EINVAL);
	fh_proc_end();
}

TEST(time_nanosleep_sleeps_without_spinning)
{
	fh_proc_begin();
	set_ts(10192, 0, 80 * 1000000);
	double t0 = now_ms(), c0 = cpu_ms();
	CHECK_EQ(SC2(NR_nanosleep, 10192, 10292), 0);
	double t1 = now_ms(), c1 = cpu_ms();
	CHECK(t1 - t0 >= 79);
	CHECK(c1 - c0 < 20);
	set_ts(10192, 0, 0);
	CHECK_EQ(SC2(NR_nanosleep, 10192, 0), 0);
	set_ts(10192, 0, 1000000000);
	CHECK_EQ(SC2(NR_nanosleep, 10192, 0), -EINVAL);
	set_ts(10192, -1, 0);
	CHECK_EQ(SC2(NR_nanosleep, 10192, 0), -EINVAL);
	set_ts(10192, 0, -1);
	CHECK_EQ(SC2(NR_nanosleep, 10192, 0), -EINVAL);
	CHECK_EQ(SC2(NR_nanosleep, 0, 0), -EFAULT);
	fh_proc_end();
}

TEST(time_clock_nanosleep)
{
	fh_proc_begin();
	/* absolute: until the monotonic clock passes now + 50 ms */
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_MONOTONIC, 11192), 0);
	int64_t deadline = ns_of(11192) + 50 * 1000000ll;
	set_ts(11292, deadline / 1000000000, (int32_t)(deadline % 1000000000));
	CHECK_EQ(SC4(NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, 11292, 0), 0);
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_MONOTONIC, 11392), 0);
	CHECK(ns_of(11392) >= deadline);
	/* absolute in the past: at once */
	double t0 = now_ms();
	set_ts(11292, 1, 0);
	CHECK_EQ(SC4(NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, 11292, 0), 0);
	CHECK_EQ(SC4(NR_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, 11292, 0), 0);
	CHECK(now_ms() - t0 < 20);
	/* real time, absolute */
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_REALTIME, 11192), 0);
	deadline = ns_of(11192) + 30 * 1000000ll;
	set_ts(11292, deadline / 1000000000, (int32_t)(deadline % 1000000000));
	t0 = now_ms();
	CHECK_EQ(SC4(NR_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, 11292, 0), 0);
	CHECK(now_ms() - t0 >= 25);
	/* relative */
	set_ts(11292, 0, 30 * 1000000);
	t0 = now_ms();
	CHECK_EQ(SC4(NR_clock_nanosleep, CLOCK_BOOTTIME, 0, 11292, 11392), 0);
	CHECK(now_ms() - t0 >= 29);
	CHECK_EQ(SC4(NR_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, 11292, 0), -EINVAL);
	CHECK_EQ(SC4(NR_clock_nanosleep, 77, 0, 11292, 0), -EINVAL);
	set_ts(11292, 0, 2000000000);
	CHECK_EQ(SC4(NR_clock_nanosleep, CLOCK_MONOTONIC, 0, 11292, 0), -EINVAL);
	fh_proc_end();
}
