/* kernel/time.c -- clocks and sleeping. Real time is the host's real time at
 * boot plus the monotonic time since; sleeps are atomic waits with a timeout
 * (ksleep), never polling. The CPU-time clocks are approximated by the time
 * since the process or thread started (docs/limitations.md). */
#include "ktime.h"
#include "host.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/time.h>

static int64_t boot_mono; /* written once at boot */
static int64_t rt_offset; /* real time minus monotonic time */

void time_init(double rt_sec, int rt_nsec)
{
	int64_t sec = (int64_t)rt_sec; /* a fractional rt_sec is honoured too */

	boot_mono = ktime_mono();
	rt_offset = sec * NSEC_PER_SEC + (int64_t)((rt_sec - (double)sec) * 1e9) + rt_nsec - boot_mono;
}

int64_t ktime_mono(void)
{
	return (int64_t)host_now_ns();
}

enum clock_kind { CK_INVALID, CK_REAL, CK_MONO, CK_PROCESS, CK_THREAD };

static enum clock_kind clock_kind(int clock)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		return CK_REAL;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		return CK_MONO;
	case CLOCK_PROCESS_CPUTIME_ID:
		return CK_PROCESS;
	case CLOCK_THREAD_CPUTIME_ID:
		return CK_THREAD;
	default:
		return CK_INVALID;
	}
}

/* The monotonic time at which clock reads 0. */
static int64_t clock_base(enum clock_kind k)
{
	switch (k) {
	case CK_REAL:
		return -rt_offset;
	case CK_PROCESS:
		return curproc() ? curproc()->start_ns : boot_mono;
	case CK_THREAD:
		return curthread() ? curthread()->start_ns : boot_mono;
	default:
		return 0;
	}
}

long ktime_read(int clock, int64_t *ns)
{
	enum clock_kind k = clock_kind(clock);

	if (k == CK_INVALID)
		return -EINVAL;
	*ns = ktime_mono() - clock_base(k);
	return 0;
}

static void ns_to_ts(int64_t ns, struct wunix_timespec *ts)
{
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = (int32_t)(ns % NSEC_PER_SEC);
	if (ts->tv_nsec < 0) {
		ts->tv_nsec += NSEC_PER_SEC;
		ts->tv_sec--;
	}
	ts->pad = 0;
}

/* Reads a timespec from the process: 0, -EFAULT, or -EINVAL if not normalised
 * or negative. Saturates at INT64_MAX nanoseconds. */
static long ts_copyin(uaddr_t u, int64_t *ns)
{
	struct wunix_timespec ts;

	if (copyin(&ts, u, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec >= INT64_MAX / NSEC_PER_SEC)
		*ns = INT64_MAX;
	else
		*ns = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

long sys_clock_gettime(const sarg_t *a)
{
	struct wunix_timespec ts;
	int64_t ns;
	long r = ktime_read((int)a[0], &ns);

	if (r)
		return r;
	ns_to_ts(ns, &ts);
	return copyout((uaddr_t)a[1], &ts, sizeof(ts));
}

long sys_clock_getres(const sarg_t *a)
{
	struct wunix_timespec ts = { 0, 1, 0 };

	if (clock_kind((int)a[0]) == CK_INVALID)
		return -EINVAL;
	if (a[1] && copyout((uaddr_t)a[1], &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

long sys_gettimeofday(const sarg_t *a)
{
	int64_t ns = ktime_mono() + rt_offset;

	if (a[0]) {
		struct wunix_timeval tv = { ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / 1000 };
		if (copyout((uaddr_t)a[0], &tv, sizeof(tv)))
			return -EFAULT;
	}
	if (a[1]) {
		struct wunix_timezone tz = { 0, 0 };
		if (copyout((uaddr_t)a[1], &tz, sizeof(tz)))
			return -EFAULT;
	}
	return 0;
}

/* Sleeps until the monotonic clock reaches deadline: 0, or -ERESTARTNOHAND
 * (with *left the time still to go) when a signal interrupts. A restart
 * (no handler ran) sleeps the whole relative time again. BKL held; may sleep. */
long kern_sleep_until(int64_t deadline, int64_t *left)
{
	struct thread *t = curthread();

	for (;;) {
		int64_t now = ktime_mono();
		if (now >= deadline)
			return 0;
		/* nobody wakes a thread sleeping on itself: only the timeout or a signal ends it */
		if (ksleep_sig(t, deadline - now) == -ERESTARTSYS) {
			*left = MAX(deadline - ktime_mono(), (int64_t)0);
			return -ERESTARTNOHAND;
		}
	}
}

static int64_t add_sat(int64_t a, int64_t b)
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

static long sleep_common(int64_t deadline, uaddr_t rem)
{
	int64_t left = 0;
	long r = kern_sleep_until(deadline, &left);

	if (r == -ERESTARTNOHAND && rem) {
		struct wunix_timespec ts;
		ns_to_ts(left, &ts);
		if (copyout(rem, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return r;
}

long sys_nanosleep(const sarg_t *a)
{
	int64_t ns;
	long r = ts_copyin((uaddr_t)a[0], &ns);

	if (r)
		return r;
	return sleep_common(add_sat(ktime_mono(), ns), (uaddr_t)a[1]);
}

long sys_clock_nanosleep(const sarg_t *a)
{
	int clock = (int)a[0];
	int flags = (int)a[1];
	enum clock_kind k = clock_kind(clock);
	int64_t ns;

	if (k == CK_INVALID || k == CK_THREAD)
		return -EINVAL;
	if (clock == CLOCK_MONOTONIC_RAW || clock == CLOCK_MONOTONIC_COARSE ||
	    clock == CLOCK_REALTIME_COARSE)
		return -EOPNOTSUPP;
	long r = ts_copyin((uaddr_t)a[2], &ns);
	if (r)
		return r;
	if (flags & TIMER_ABSTIME) {
		int64_t base = clock_base(k);
		int64_t deadline = ns > 0 && base > INT64_MAX - ns ? INT64_MAX : ns + base;
		return sleep_common(deadline, 0);
	}
	return sleep_common(add_sat(ktime_mono(), ns), (uaddr_t)a[3]);
}
