/* tests/unit/test_timer.c -- setitimer/getitimer/alarm and POSIX timers; the
 * test calls k_timer_tick itself where the irq CPU would. */
#include "fakehost.h"
#include "test.h"
#include "arch.h"
#include "child.h"
#include "exports.h"
#include "host.h"
#include "kalloc.h"
#include "lock.h"
#include "proc.h"
#include "timer.h"
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <wunix/errno.h>
#include <wunix/signal.h>
#include <wunix/time.h>
#include <wunix/timer.h>

#define BIT(s) (1ull << ((s) - 1))
#define MS 1000000ll

/* user addresses */
enum { U_NEW = 200000, U_OLD = 200100, U_SET = 200200, U_INFO = 200300, U_TS = 200500, U_EV = 200600,
       U_ID = 200700 };

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
	nanosleep(&ts, NULL);
}

static int64_t mono(void)
{
	return (int64_t)host_now_ns();
}

static void block(uint64_t set)
{
	memcpy(fh_u(U_SET), &set, 8);
	CHECK_EQ(SC4(NR_rt_sigprocmask, SIG_BLOCK, U_SET, 0, 8), 0);
}

/* Takes pending signal sig without waiting: sig, or -EAGAIN; its info at U_INFO. */
static long take(int sig)
{
	uint64_t set = BIT(sig);
	struct wunix_timespec zero = { 0, 0, 0 };
	memcpy(fh_u(U_SET), &set, 8);
	memcpy(fh_u(U_TS), &zero, sizeof(zero));
	memset(fh_u(U_INFO), 0, sizeof(struct wunix_siginfo));
	return SC4(NR_rt_sigtimedwait, U_SET, U_INFO, U_TS, 8);
}

static struct wunix_siginfo info(void)
{
	struct wunix_siginfo si;
	memcpy(&si, fh_u(U_INFO), sizeof(si));
	return si;
}

static void itv_put(uint64_t u, int32_t isec, int32_t iusec, int32_t vsec, int32_t vusec)
{
	struct wunix_itimerval32 v = { isec, iusec, vsec, vusec };
	memcpy(fh_u(u), &v, sizeof(v));
}

static struct wunix_itimerval32 itv_at(uint64_t u)
{
	struct wunix_itimerval32 v;
	memcpy(&v, fh_u(u), sizeof(v));
	return v;
}

static int64_t itv_value_ns(uint64_t u)
{
	return itv_at(u).value_sec * 1000000000ll + itv_at(u).value_usec * 1000ll;
}

static void its_put(uint64_t u, int64_t interval_ns, int64_t value_ns)
{
	struct wunix_itimerspec v = { interval_ns / 1000000000, (int32_t)(interval_ns % 1000000000), 0,
	                              value_ns / 1000000000, (int32_t)(value_ns % 1000000000), 0 };
	memcpy(fh_u(u), &v, sizeof(v));
}

static struct wunix_itimerspec its_at(uint64_t u)
{
	struct wunix_itimerspec v;
	memcpy(&v, fh_u(u), sizeof(v));
	return v;
}

static int64_t its_value_ns(uint64_t u)
{
	return its_at(u).value_sec * 1000000000ll + its_at(u).value_nsec;
}

static int64_t its_interval_ns(uint64_t u)
{
	return its_at(u).interval_sec * 1000000000ll + its_at(u).interval_nsec;
}

/* timer_create(clock, sigevent or none) → its id, or -errno */
static long create(int clock, int notify, int signo, uint32_t value, int tid)
{
	struct wunix_ksigevent ev = { value, signo, notify, tid };
	memcpy(fh_u(U_EV), &ev, sizeof(ev));
	long r = SC3(NR_timer_create, clock, notify < 0 ? 0 : U_EV, U_ID);
	if (r)
		return r;
	int32_t id;
	memcpy(&id, fh_u(U_ID), 4);
	return id;
}

static long settime(long id, int flags, int64_t interval_ns, int64_t value_ns)
{
	its_put(U_NEW, interval_ns, value_ns);
	return SC4(NR_timer_settime, id, flags, U_NEW, U_OLD);
}

static size_t live_allocs(void)
{
	struct kalloc_stats st;
	bkl_lock();
	kalloc_get_stats(&st);
	bkl_unlock();
	return st.live_allocs;
}

static uint32_t word(void)
{
	return __atomic_load_n((uint32_t *)k_timer_word(), __ATOMIC_SEQ_CST);
}

TEST(timer_itimer_roundtrip)
{
	fh_proc_begin();
	memset(fh_u(U_OLD), 0xff, 16);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_REAL, U_OLD), 0);
	CHECK_EQ(itv_at(U_OLD).value_sec, 0);
	CHECK_EQ(itv_at(U_OLD).interval_usec, 0);
	itv_put(U_NEW, 1, 500000, 5, 0);
	memset(fh_u(U_OLD), 0xff, 16);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, U_OLD), 0);
	CHECK_EQ(itv_value_ns(U_OLD), 0);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_REAL, U_OLD), 0);
	CHECK_EQ(itv_at(U_OLD).interval_sec, 1);
	CHECK_EQ(itv_at(U_OLD).interval_usec, 500000);
	CHECK(itv_value_ns(U_OLD) > 4000 * MS && itv_value_ns(U_OLD) <= 5000 * MS);
	/* each timer is separate */
	itv_put(U_NEW, 0, 0, 10, 0);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_VIRTUAL, U_NEW, 0), 0);
	itv_put(U_NEW, 0, 0, 20, 0);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_PROF, U_NEW, 0), 0);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_VIRTUAL, U_OLD), 0);
	CHECK(itv_value_ns(U_OLD) > 9000 * MS && itv_value_ns(U_OLD) <= 10000 * MS);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_PROF, U_OLD), 0);
	CHECK(itv_value_ns(U_OLD) > 19000 * MS && itv_value_ns(U_OLD) <= 20000 * MS);
	/* a NULL new value disarms (Linux), reporting the old one */
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, 0, U_OLD), 0);
	CHECK(itv_value_ns(U_OLD) > 4000 * MS);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_REAL, U_OLD), 0);
	CHECK_EQ(itv_value_ns(U_OLD), 0);
	CHECK_EQ(itv_at(U_OLD).interval_sec, 0);
	/* errors */
	itv_put(U_NEW, 0, 0, 1, 0);
	CHECK_EQ(SC3(NR_setitimer, 3, U_NEW, 0), -EINVAL);
	CHECK_EQ(SC3(NR_setitimer, I32(-1), U_NEW, 0), -EINVAL);
	CHECK_EQ(SC2(NR_getitimer, 3, U_OLD), -EINVAL);
	itv_put(U_NEW, 0, 0, 1, 1000000);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0), -EINVAL);
	itv_put(U_NEW, 0, -1, 1, 0);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0), -EINVAL);
	itv_put(U_NEW, 0, 0, -1, 0);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0), -EINVAL);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_REAL, U_OLD), 0);
	CHECK_EQ(itv_value_ns(U_OLD), 0); /* nothing was armed */
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, 0xfffffff0u, 0), -EFAULT);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_REAL, 0xfffffff0u), -EFAULT);
	itv_put(U_NEW, 0, 0, 0, 0);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_VIRTUAL, U_NEW, 0), 0);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_PROF, U_NEW, 0), 0);
	fh_proc_end();
}

/* musl's alarm(): setitimer(ITIMER_REAL) and the old value rounded up to seconds */
static unsigned alarm_(unsigned sec)
{
	itv_put(U_NEW, 0, 0, (int32_t)sec, 0);
	memset(fh_u(U_OLD), 0, 16);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, U_OLD), 0);
	struct wunix_itimerval32 old = itv_at(U_OLD);
	return (unsigned)old.value_sec + !!old.value_usec;
}

TEST(timer_alarm_remaining)
{
	fh_proc_begin();
	CHECK_EQ(alarm_(5), 0);
	msleep(20);
	CHECK_EQ(alarm_(100), 5);
	CHECK_EQ(alarm_(0), 100);
	CHECK_EQ(alarm_(0), 0);
	fh_proc_end();
}

TEST(timer_itimer_real_fires_and_reloads)
{
	fh_proc_begin();
	block(BIT(SIGALRM));
	itv_put(U_NEW, 0, 30000, 0, 30000);
	int64_t t0 = mono();
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0), 0);
	int64_t next = k_timer_tick();
	CHECK(next >= t0 + 30 * MS && next <= mono() + 30 * MS);
	CHECK_EQ(take(SIGALRM), -EAGAIN);
	msleep(40);
	CHECK(k_timer_tick() > mono()); /* reloaded: the next expiry is ahead */
	CHECK_EQ(take(SIGALRM), SIGALRM);
	CHECK_EQ(info().si_code, SI_KERNEL);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_REAL, U_OLD), 0);
	CHECK(itv_value_ns(U_OLD) > 0 && itv_value_ns(U_OLD) <= 30 * MS);
	CHECK_EQ(itv_at(U_OLD).interval_usec, 30000);
	/* one-shot: disarmed once fired */
	itv_put(U_NEW, 0, 0, 0, 1000);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0), 0);
	msleep(5);
	CHECK_EQ(k_timer_tick(), -1);
	CHECK_EQ(take(SIGALRM), SIGALRM);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_REAL, U_OLD), 0);
	CHECK_EQ(itv_value_ns(U_OLD), 0);
	fh_proc_end();
}

TEST(timer_itimer_prof_counts_cpu_time)
{
	fh_proc_begin();
	block(BIT(SIGPROF) | BIT(SIGVTALRM));
	itv_put(U_NEW, 0, 0, 0, 20000);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_PROF, U_NEW, 0), 0);
	/* this thread computes outside the kernel: CPU time by the estimate */
	int64_t t0 = mono();
	while (mono() - t0 < 40 * MS)
		;
	k_timer_tick();
	CHECK_EQ(take(SIGPROF), SIGPROF);
	CHECK_EQ(take(SIGVTALRM), -EAGAIN);
	fh_proc_end();
}

TEST(timer_word_tells_the_irq_cpu)
{
	fh_proc_begin();
	CHECK_EQ(k_timer_tick(), -1);
	uint32_t w = word();
	itv_put(U_NEW, 0, 0, 10, 0);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0), 0);
	CHECK(word() != w);
	int64_t next = k_timer_tick();
	CHECK(next > mono() + 9000 * MS);
	w = word();
	/* later than the irq CPU's deadline, or never firing: no need to tell */
	long id = create(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 0, 0);
	CHECK(id >= 0);
	CHECK_EQ(settime(id, 0, 0, 20000 * MS), 0);
	CHECK_EQ(word(), w);
	long none = create(CLOCK_MONOTONIC, SIGEV_NONE, 0, 0, 0);
	CHECK_EQ(settime(none, 0, 0, 1 * MS), 0);
	CHECK_EQ(word(), w);
	/* earlier: tell */
	CHECK_EQ(settime(id, 0, 0, 1000 * MS), 0);
	CHECK(word() != w);
	CHECK(k_timer_tick() < next);
	fh_proc_end();
	CHECK_EQ(k_timer_tick(), -1);
}

TEST(timer_posix_create_settime_gettime_delete)
{
	fh_proc_begin();
	long id = create(CLOCK_MONOTONIC, -1, 0, 0, 0);
	CHECK(id >= 0);
	long id2 = create(CLOCK_REALTIME, SIGEV_SIGNAL, SIGUSR1, 7, 0);
	CHECK(id2 >= 0 && id2 != id);
	memset(fh_u(U_OLD), 0xff, 32);
	CHECK_EQ(SC2(NR_timer_gettime, id, U_OLD), 0);
	CHECK_EQ(its_value_ns(U_OLD), 0);
	CHECK_EQ(its_interval_ns(U_OLD), 0);
	memset(fh_u(U_OLD), 0xff, 32);
	CHECK_EQ(settime(id, 0, 1000 * MS, 5000 * MS), 0);
	CHECK_EQ(its_value_ns(U_OLD), 0);
	CHECK_EQ(SC2(NR_timer_gettime, id, U_OLD), 0);
	CHECK(its_value_ns(U_OLD) > 4000 * MS && its_value_ns(U_OLD) <= 5000 * MS);
	CHECK_EQ(its_interval_ns(U_OLD), 1000 * MS);
	CHECK_EQ(its_at(U_OLD).pad0, 0);
	CHECK_EQ(SC1(NR_timer_getoverrun, id), 0);
	/* disarm: the old setting comes back */
	CHECK_EQ(settime(id, 0, 0, 0), 0);
	CHECK(its_value_ns(U_OLD) > 4000 * MS);
	CHECK_EQ(SC2(NR_timer_gettime, id, U_OLD), 0);
	CHECK_EQ(its_value_ns(U_OLD), 0);
	/* errors */
	its_put(U_NEW, 0, 1000000000);
	memcpy(fh_u(U_NEW + 24), &(int32_t){ 1000000000 }, 4);
	CHECK_EQ(SC4(NR_timer_settime, id, 0, U_NEW, 0), -EINVAL);
	its_put(U_NEW, 0, 0);
	memcpy(fh_u(U_NEW + 16), &(int64_t){ -1 }, 8);
	CHECK_EQ(SC4(NR_timer_settime, id, 0, U_NEW, 0), -EINVAL);
	CHECK_EQ(SC4(NR_timer_settime, id, 0, 0xfffffff0u, 0), -EFAULT);
	CHECK_EQ(SC2(NR_timer_gettime, id, 0xfffffff0u), -EFAULT);
	CHECK_EQ(SC3(NR_timer_create, 99, 0, U_ID), -EINVAL);
	CHECK_EQ(SC3(NR_timer_create, I32(-6), 0, U_ID), -EINVAL);
	CHECK_EQ(SC3(NR_timer_create, CLOCK_PROCESS_CPUTIME_ID, 0, U_ID), -EOPNOTSUPP);
	CHECK_EQ(SC3(NR_timer_create, CLOCK_MONOTONIC_RAW, 0, U_ID), -EOPNOTSUPP);
	CHECK_EQ(SC3(NR_timer_create, CLOCK_MONOTONIC, 0xfffffff0u, U_ID), -EFAULT);
	size_t before = live_allocs();
	CHECK_EQ(SC3(NR_timer_create, CLOCK_MONOTONIC, 0, 0xfffffff0u), -EFAULT);
	CHECK_EQ(live_allocs(), before); /* nothing left behind */
	CHECK_EQ(create(CLOCK_MONOTONIC, 7, SIGUSR1, 0, 0), -EINVAL);
	CHECK_EQ(create(CLOCK_MONOTONIC, SIGEV_SIGNAL, 0, 0, 0), -EINVAL);
	CHECK_EQ(create(CLOCK_MONOTONIC, SIGEV_SIGNAL, 65, 0, 0), -EINVAL);
	CHECK(create(CLOCK_BOOTTIME, SIGEV_NONE, 0, 0, 0) >= 0); /* no signal needed */
	/* delete, and bad ids */
	CHECK_EQ(SC1(NR_timer_delete, id), 0);
	CHECK_EQ(SC1(NR_timer_delete, id), -EINVAL);
	CHECK_EQ(SC2(NR_timer_gettime, id, U_OLD), -EINVAL);
	CHECK_EQ(settime(id, 0, 0, MS), -EINVAL);
	CHECK_EQ(SC1(NR_timer_getoverrun, id), -EINVAL);
	CHECK_EQ(SC1(NR_timer_delete, I32(-1)), -EINVAL);
	CHECK_EQ(SC1(NR_timer_delete, 0x7fffffff), -EINVAL);
	CHECK_EQ(SC1(NR_timer_delete, id2), 0);
	fh_proc_end();
}

TEST(timer_posix_signal_info)
{
	fh_proc_begin();
	block(BIT(SIGUSR1) | BIT(SIGALRM));
	long id = create(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 0xabcd, 0);
	CHECK_EQ(settime(id, 0, 0, 10 * MS), 0);
	CHECK_EQ(take(SIGUSR1), -EAGAIN);
	msleep(20);
	CHECK_EQ(k_timer_tick(), -1);
	CHECK_EQ(take(SIGUSR1), SIGUSR1);
	struct wunix_siginfo si = info();
	CHECK_EQ(si.si_code, SI_TIMER);
	CHECK_EQ(si.u.timer.tid, id);
	CHECK_EQ(si.u.timer.overrun, 0);
	CHECK_EQ(si.u.timer.value, 0xabcd);
	CHECK_EQ(SC2(NR_timer_gettime, id, U_OLD), 0);
	CHECK_EQ(its_value_ns(U_OLD), 0); /* one-shot: done */
	/* no sigevent: SIGALRM with the id as its value */
	long dflt = create(CLOCK_MONOTONIC, -1, 0, 0, 0);
	CHECK_EQ(settime(dflt, 0, 0, 1), 0);
	msleep(2);
	k_timer_tick();
	CHECK_EQ(take(SIGALRM), SIGALRM);
	CHECK_EQ(info().si_code, SI_TIMER);
	CHECK_EQ(info().u.timer.tid, dflt);
	CHECK_EQ(info().u.timer.value, (uint32_t)dflt);
	fh_proc_end();
}

TEST(timer_posix_abstime)
{
	fh_proc_begin();
	block(BIT(SIGUSR1) | BIT(SIGUSR2));
	long id = create(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 0, 0);
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_MONOTONIC, U_TS), 0);
	struct wunix_timespec ts;
	memcpy(&ts, fh_u(U_TS), sizeof(ts));
	int64_t now = ts.tv_sec * 1000000000ll + ts.tv_nsec;
	CHECK_EQ(settime(id, TIMER_ABSTIME, 0, now + 15 * MS), 0);
	CHECK_EQ(SC2(NR_timer_gettime, id, U_OLD), 0);
	CHECK(its_value_ns(U_OLD) > 0 && its_value_ns(U_OLD) <= 15 * MS);
	k_timer_tick();
	CHECK_EQ(take(SIGUSR1), -EAGAIN);
	msleep(25);
	k_timer_tick();
	CHECK_EQ(take(SIGUSR1), SIGUSR1);
	/* real time, an hour ahead */
	long rid = create(CLOCK_REALTIME, SIGEV_SIGNAL, SIGUSR2, 0, 0);
	CHECK_EQ(SC2(NR_clock_gettime, CLOCK_REALTIME, U_TS), 0);
	memcpy(&ts, fh_u(U_TS), sizeof(ts));
	CHECK_EQ(settime(rid, TIMER_ABSTIME, 0, (ts.tv_sec + 3600) * 1000000000ll + ts.tv_nsec), 0);
	CHECK_EQ(SC2(NR_timer_gettime, rid, U_OLD), 0);
	CHECK(its_value_ns(U_OLD) > 3599000 * MS && its_value_ns(U_OLD) <= 3600000 * MS);
	/* in the past: fires at once, without a tick */
	CHECK_EQ(settime(rid, TIMER_ABSTIME, 0, 1000000000ll), 0);
	CHECK_EQ(take(SIGUSR2), SIGUSR2);
	CHECK_EQ(SC2(NR_timer_gettime, rid, U_OLD), 0);
	CHECK_EQ(its_value_ns(U_OLD), 0);
	fh_proc_end();
}

/* A real-time signal would be queued once per send: the expirations while one
 * is pending must become overruns instead. */
TEST(timer_posix_overruns)
{
	const int sig = SIGRTMIN + 8;

	fh_proc_begin();
	block(BIT(sig));
	long id = create(CLOCK_MONOTONIC, SIGEV_SIGNAL, sig, 0, 0);
	CHECK_EQ(settime(id, 0, 5 * MS, 5 * MS), 0);
	msleep(30);
	k_timer_tick(); /* several periods passed: one signal, the rest overruns */
	msleep(30);
	k_timer_tick(); /* still pending: more overruns, no second signal */
	CHECK_EQ(take(sig), sig);
	int first = info().u.timer.overrun;
	CHECK(first >= 5 && first < 1000);
	CHECK_EQ(take(sig), -EAGAIN);
	CHECK_EQ(SC1(NR_timer_getoverrun, id), first);
	/* a fresh signal after delivery; until it is taken, getoverrun reports the delivered one */
	msleep(7);
	k_timer_tick();
	CHECK_EQ(SC1(NR_timer_getoverrun, id), first);
	CHECK_EQ(take(sig), sig);
	int second = info().u.timer.overrun;
	CHECK(second < first);
	CHECK_EQ(SC1(NR_timer_getoverrun, id), second);
	CHECK_EQ(SC1(NR_timer_delete, id), 0);
	fh_proc_end();
}

TEST(timer_posix_sigev_none)
{
	fh_proc_begin();
	block(BIT(SIGALRM));
	long id = create(CLOCK_MONOTONIC, SIGEV_NONE, 0, 0, 0);
	CHECK(id >= 0);
	CHECK_EQ(settime(id, 0, 0, 5 * MS), 0);
	CHECK_EQ(k_timer_tick(), -1); /* nothing for the irq CPU to do */
	CHECK_EQ(SC2(NR_timer_gettime, id, U_OLD), 0);
	CHECK(its_value_ns(U_OLD) > 0);
	msleep(10);
	k_timer_tick();
	CHECK_EQ(take(SIGALRM), -EAGAIN);
	CHECK_EQ(SC2(NR_timer_gettime, id, U_OLD), 0);
	CHECK_EQ(its_value_ns(U_OLD), 0); /* expired */
	/* periodic: the value runs down to the next period */
	CHECK_EQ(settime(id, 0, 10 * MS, 10 * MS), 0);
	msleep(25);
	CHECK_EQ(SC2(NR_timer_gettime, id, U_OLD), 0);
	CHECK(its_value_ns(U_OLD) > 0 && its_value_ns(U_OLD) <= 10 * MS);
	CHECK_EQ(its_interval_ns(U_OLD), 10 * MS);
	fh_proc_end();
}

TEST(timer_posix_thread_id)
{
	fh_proc_begin();
	block(BIT(SIGUSR2));
	long tid = SC0(NR_gettid);
	long id = create(CLOCK_MONOTONIC, SIGEV_THREAD_ID, SIGUSR2, 3, (int)tid);
	CHECK(id >= 0);
	CHECK_EQ(settime(id, 0, 0, 1 * MS), 0);
	msleep(3);
	k_timer_tick();
	bkl_lock();
	struct thread *t = curthread();
	CHECK(t->sigq.set & BIT(SIGUSR2)); /* sent to the thread, not the process */
	CHECK(!(t->proc->sigq.set & BIT(SIGUSR2)));
	bkl_unlock();
	CHECK_EQ(take(SIGUSR2), SIGUSR2);
	CHECK_EQ(info().u.timer.value, 3);
	/* a thread of another process, none at all, or no tid */
	int child = child_fork();
	CHECK(child > 0);
	CHECK_EQ(create(CLOCK_MONOTONIC, SIGEV_THREAD_ID, SIGUSR2, 0, child), -EINVAL);
	child_exit(child, 0);
	CHECK_EQ(SC4(NR_wait4, child, 0, 0, 0), child);
	CHECK_EQ(create(CLOCK_MONOTONIC, SIGEV_THREAD_ID, SIGUSR2, 0, 30000), -EINVAL);
	CHECK_EQ(create(CLOCK_MONOTONIC, SIGEV_THREAD_ID, SIGUSR2, 0, 0), -EINVAL);
	CHECK_EQ(create(CLOCK_MONOTONIC, SIGEV_THREAD_ID, 0, 0, (int)tid), -EINVAL);
	fh_proc_end();
}

TEST(timer_exec_and_exit_free_everything)
{
	fh_proc_begin();
	size_t base = live_allocs();
	for (int i = 0; i < 3; i++) {
		long id = create(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 0, 0);
		CHECK_EQ(settime(id, 0, 0, 1000 * MS), 0);
	}
	itv_put(U_NEW, 0, 0, 100, 0);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0), 0);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_PROF, U_NEW, 0), 0);
	CHECK_EQ(live_allocs(), base + 5);
	/* exec: POSIX timers go, the interval timers stay */
	bkl_lock();
	timer_exec(curproc());
	bkl_unlock();
	CHECK_EQ(live_allocs(), base + 2);
	CHECK_EQ(SC1(NR_timer_getoverrun, 0), -EINVAL);
	CHECK_EQ(SC2(NR_getitimer, ITIMER_REAL, U_OLD), 0);
	CHECK(itv_value_ns(U_OLD) > 99000 * MS);
	/* exit: everything goes (a forked child is a new process: it has none) */
	for (int i = 0; i < 2; i++) {
		long id = create(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 0, 0);
		CHECK_EQ(settime(id, 0, 0, 1000 * MS), 0);
	}
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0), 0);
	CHECK(k_timer_tick() > 0);
	bkl_lock();
	timer_exit(curproc());
	bkl_unlock();
	CHECK_EQ(live_allocs(), base);
	CHECK_EQ(SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0), 0);
	fh_proc_end();
	CHECK_EQ(k_timer_tick(), -1); /* the exit deleted the alarm */
}

/* ---- with an irq CPU: a pthread that runs the loop host/irq.js runs ---- */

static atomic_bool irq_stop;

static void *irq_cpu(void *arg)
{
	uint32_t *w = (uint32_t *)k_timer_word();

	fh_cpu_attach();
	while (!irq_stop) {
		uint32_t seen = __atomic_load_n(w, __ATOMIC_SEQ_CST);
		int64_t next = k_timer_tick();
		int64_t wait = next < 0 ? -1 : next - mono();
		if (next < 0 || wait > 0)
			arch_wait32(w, seen, wait);
	}
	fh_cpu_detach();
	return NULL;
}

static void irq_begin(pthread_t *th)
{
	irq_stop = false;
	pthread_create(th, NULL, irq_cpu, NULL);
}

static void irq_end(pthread_t th)
{
	uint32_t *w = (uint32_t *)k_timer_word();
	irq_stop = true;
	__atomic_add_fetch(w, 1, __ATOMIC_SEQ_CST);
	arch_notify(w, 1);
	pthread_join(th, NULL);
}

/* The irq CPU fires the timer while the process sleeps in sigtimedwait. */
TEST(timer_irq_fires_while_process_sleeps)
{
	pthread_t th;

	irq_begin(&th);
	fh_proc_begin();
	block(BIT(SIGUSR1));
	long id = create(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 0, 0);
	CHECK_EQ(settime(id, 0, 0, 20 * MS), 0);
	uint64_t set = BIT(SIGUSR1);
	struct wunix_timespec two = { 2, 0, 0 };
	memcpy(fh_u(U_SET), &set, 8);
	memcpy(fh_u(U_TS), &two, sizeof(two));
	int64_t t0 = mono();
	CHECK_EQ(SC4(NR_rt_sigtimedwait, U_SET, U_INFO, U_TS, 8), SIGUSR1);
	int64_t took = mono() - t0;
	CHECK(took >= 15 * MS && took < 1500 * MS);
	CHECK_EQ(info().si_code, SI_TIMER);
	fh_proc_end();
	irq_end(th);
}

static void alarm_then_sleep(void *arg)
{
	struct wunix_timespec ts = { 5, 0, 0 };
	itv_put(U_NEW, 0, 0, 0, 20000);
	SC3(NR_setitimer, ITIMER_REAL, U_NEW, 0);
	memcpy(fh_u(U_TS), &ts, sizeof(ts));
	SC2(NR_nanosleep, U_TS, 0);
}

/* alarm's default action ends a sleeping process, from the irq CPU. */
TEST(timer_irq_alarm_ends_sleep)
{
	pthread_t th;

	irq_begin(&th);
	fh_proc_begin();
	int64_t t0 = mono();
	CHECK_EQ(fh_run_until_exit(alarm_then_sleep, NULL), 1);
	CHECK(mono() - t0 < 2000 * MS);
	CHECK_EQ(fh_exit_status, SIGALRM); /* killed by the signal */
	fh_umem_free();
	irq_end(th);
	CHECK_EQ(k_timer_tick(), -1);
}
