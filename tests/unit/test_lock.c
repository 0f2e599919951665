/* tests/unit/test_lock.c -- the BKL, sleep/wakeup and the thread state word,
 * with pthreads standing in for CPUs. */
#include "fakehost.h"
#include "test.h"
#include "exports.h"
#include "ktime.h"
#include "lock.h"
#include "proc.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>
#include <wunix/errno.h>

#define NCPUS 4
#define ITERS 20000

static long counter;
static int inside;
static atomic_int overlaps;

static void *hammer(void *arg)
{
	fh_cpu_attach();
	for (int i = 0; i < ITERS; i++) {
		bkl_lock();
		if (__atomic_exchange_n(&inside, 1, __ATOMIC_RELAXED))
			overlaps++;
		long c = counter;
		if (i % 64 == 0)
			sched_yield(); /* widen the window a broken lock would leave open */
		counter = c + 1;
		__atomic_store_n(&inside, 0, __ATOMIC_RELAXED);
		bkl_unlock();
	}
	fh_cpu_detach();
	return NULL;
}

TEST(lock_mutual_exclusion)
{
	pthread_t t[NCPUS];

	counter = 0;
	overlaps = 0;
	for (int i = 0; i < NCPUS; i++)
		pthread_create(&t[i], NULL, hammer, NULL);
	for (int i = 0; i < NCPUS; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ(counter, (long)NCPUS * ITERS);
	CHECK_EQ(overlaps, 0);
}

static atomic_int held_elsewhere;

static void *probe_held(void *arg)
{
	fh_cpu_attach();
	held_elsewhere = bkl_held();
	fh_cpu_detach();
	return NULL;
}

TEST(lock_held_is_per_cpu)
{
	pthread_t t;

	CHECK(!bkl_held());
	bkl_lock();
	CHECK(bkl_held());
	held_elsewhere = -1;
	pthread_create(&t, NULL, probe_held, NULL);
	while (held_elsewhere == -1)
		usleep(1000);
	CHECK_EQ(held_elsewhere, 0);
	bkl_unlock(); /* the probe's detach takes the BKL */
	pthread_join(t, NULL);
	CHECK(!bkl_held());
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* sleep/wakeup: a sleeper on one CPU, a waker on another */
static int flag;
static atomic_int sleeper_ret = 99, sleeper_saw_flag;
static struct thread *sleeper_thread;
static atomic_int sleeper_ready;

static void *sleeper(void *arg)
{
	fh_cpu_attach();
	fh_proc_begin();
	bkl_lock();
	sleeper_thread = curthread();
	sleeper_ready = 1;
	int r = 0;
	while (!flag && r == 0)
		r = ksleep(&flag, 5000 * 1000000ll); /* bounded: a lost wakeup fails, not hangs */
	sleeper_ret = r;
	sleeper_saw_flag = flag;
	bkl_unlock();
	fh_proc_end();
	fh_cpu_detach();
	return NULL;
}

TEST(sleep_woken_by_other_cpu)
{
	pthread_t t;

	flag = 0;
	sleeper_ready = 0;
	pthread_create(&t, NULL, sleeper, NULL);
	/* wait until the sleeper really sleeps, so the wakeup path is what ends it */
	for (bool asleep = false; !asleep;) {
		usleep(1000);
		bkl_lock();
		asleep = sleeper_ready && sleeper_thread->sleeping;
		bkl_unlock();
	}
	double t0 = now_ms();
	bkl_lock();
	flag = 1;
	kwakeup(&flag);
	bkl_unlock();
	pthread_join(t, NULL);
	CHECK(now_ms() - t0 < 2500); /* woken, not timed out */
	CHECK_EQ(sleeper_ret, 0);
	CHECK_EQ(sleeper_saw_flag, 1);
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

TEST(sleep_timeout_without_busy_wait)
{
	static int chan;

	fh_proc_begin();
	bkl_lock();
	double t0 = now_ms(), c0 = cpu_ms();
	int r = ksleep(&chan, 100 * 1000000ll);
	double t1 = now_ms(), c1 = cpu_ms();
	CHECK_EQ(r, -ETIMEDOUT);
	CHECK(t1 - t0 >= 99);
	CHECK(c1 - c0 < 20); /* waited in the futex, not spinning */
	CHECK_EQ(ksleep(&chan, 0), -ETIMEDOUT);
	bkl_unlock();
	fh_proc_end();
}

static int chan_a, chan_b;

static void *wake_wrong_chan(void *arg)
{
	fh_cpu_attach();
	for (int i = 0; i < 20; i++) {
		usleep(2000);
		bkl_lock();
		kwakeup(&chan_b);
		bkl_unlock();
	}
	fh_cpu_detach();
	return NULL;
}

TEST(sleep_wakeup_matches_channel)
{
	pthread_t t;

	fh_proc_begin();
	pthread_create(&t, NULL, wake_wrong_chan, NULL);
	bkl_lock();
	int r = ksleep(&chan_a, 30 * 1000000ll);
	bkl_unlock();
	pthread_join(t, NULL);
	CHECK_EQ(r, -ETIMEDOUT);
	fh_proc_end();
}

/* ping-pong: each side waits for its turn; a lost wakeup shows as a timeout */
#define ROUNDS 3000
static int turn;
static atomic_int timeouts;
static int stop; /* BKL held */

static void *player(void *arg)
{
	int me = (int)(intptr_t)arg;

	fh_cpu_attach();
	fh_proc_begin();
	bkl_lock();
	for (int i = 0; i < ROUNDS && !stop; i++) {
		while (turn != me && !stop) {
			if (ksleep(&turn, 1000 * 1000000ll) == -ETIMEDOUT) {
				timeouts++;
				stop = 1;
				kwakeup(&turn);
			}
		}
		turn = !me;
		kwakeup(&turn);
	}
	bkl_unlock();
	fh_proc_end();
	fh_cpu_detach();
	return NULL;
}

TEST(sleep_no_lost_wakeups)
{
	pthread_t a, b;

	turn = 0;
	timeouts = 0;
	stop = 0;
	pthread_create(&a, NULL, player, (void *)0);
	pthread_create(&b, NULL, player, (void *)1);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	CHECK_EQ(timeouts, 0);
	CHECK_EQ(turn, 0); /* each side passed the turn ROUNDS times */
}

TEST(state_word_user_outside_kernel)
{
	fh_proc_begin();
	uint32_t *state = (uint32_t *)k_thread_state();
	CHECK(state != NULL);
	if (state)
		CHECK_EQ(__atomic_load_n(state, __ATOMIC_SEQ_CST), TS_USER);
	SC0(NR_getpid);
	if (state)
		CHECK_EQ(__atomic_load_n(state, __ATOMIC_SEQ_CST), TS_USER);
	fh_proc_end();
	if (state)
		CHECK_EQ(__atomic_load_n(state, __ATOMIC_SEQ_CST), TS_DEAD);
	CHECK(k_thread_state() == 0);
}

static uint32_t *victim_state;
static atomic_int victim_started, victim_returned;

static void *victim(void *arg)
{
	fh_cpu_attach();
	fh_proc_begin();
	victim_state = (uint32_t *)k_thread_state();
	victim_started = 1;
	while (__atomic_load_n(victim_state, __ATOMIC_SEQ_CST) != TS_DEAD)
		usleep(1000);
	SC0(NR_getpid); /* must park: the killer owns this thread now */
	victim_returned = 1;
	return NULL;
}

TEST(state_dead_thread_parks_at_entry)
{
	pthread_t t;

	victim_started = victim_returned = 0;
	pthread_create(&t, NULL, victim, NULL);
	while (!victim_started)
		usleep(1000);
	uint32_t expect = TS_USER;
	CHECK(__atomic_compare_exchange_n(victim_state, &expect, TS_DEAD, false, __ATOMIC_SEQ_CST,
	                                  __ATOMIC_SEQ_CST));
	pthread_join(t, NULL);
	CHECK_EQ(victim_returned, 0);
	/* the parked CPU left the BKL free */
	bkl_lock();
	CHECK(bkl_held());
	bkl_unlock();
}
