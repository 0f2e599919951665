/* compare: native */
/* The futex system call directly. WAIT returns EAGAIN when the word differs,
 * ETIMEDOUT after a relative timeout; WAKE with no waiter returns 0 and wakes
 * at most as many as asked (three waiters, woken one by one); a signal
 * interrupts a WAIT (handler without SA_RESTART: EINTR); WAIT_BITSET takes an
 * absolute deadline on CLOCK_MONOTONIC or, with FUTEX_CLOCK_REALTIME, on
 * CLOCK_REALTIME, and WAKE_BITSET wakes only waiters whose bits match;
 * CMP_REQUEUE checks the word (EAGAIN) and moves waiters to another futex,
 * where a WAKE finds them. The private and shared forms both work. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

/* Linux's futex ABI (musl has no <linux/futex.h>). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY 0xffffffff

static long futex(atomic_int *uaddr, int op, int val, const struct timespec *ts, atomic_int *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

static double now(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static atomic_int word, other;
static const struct timespec five_s = { 5, 0 };

struct waiter {
	pthread_t t;
	int op, bits;
	long r;
	int err;
};

/* One WAIT (or WAIT_BITSET with w->bits) on word for 0, with a 5 s timeout. */
static void *wait_once(void *arg)
{
	struct waiter *w = arg;
	struct timespec abs;
	const struct timespec *ts = &five_s;
	if ((w->op & FUTEX_CMD_MASK) == FUTEX_WAIT_BITSET) {
		clock_gettime(CLOCK_MONOTONIC, &abs);
		abs.tv_sec += 5;
		ts = &abs;
	}
	errno = 0;
	w->r = futex(&word, w->op, 0, ts, NULL, w->bits);
	w->err = errno;
	return NULL;
}

static void start(struct waiter *w, int op, int bits)
{
	w->op = op;
	w->bits = bits;
	w->r = -2;
	CHECK_EQ(pthread_create(&w->t, NULL, wait_once, w), 0);
}

static volatile sig_atomic_t hits;
static void on_usr1(int sig) { (void)sig; hits++; }

static void basics(void)
{
	double t0;
	struct timespec ms20 = { 0, 20000000 };
	atomic_store(&word, 1);
	CHECK_ERRNO(futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0), EAGAIN);
	CHECK_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EAGAIN);
	atomic_store(&word, 0);
	t0 = now(CLOCK_MONOTONIC);
	CHECK_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 0, &ms20, NULL, 0), ETIMEDOUT);
	CHECK(now(CLOCK_MONOTONIC) - t0 >= 0.019);
	CHECK_EQ(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 0);
	CHECK_EQ(futex(&word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0), 0);

	struct timespec abs;
	clock_gettime(CLOCK_MONOTONIC, &abs);
	t0 = now(CLOCK_MONOTONIC);
	abs.tv_nsec += 20000000;
	if (abs.tv_nsec >= 1000000000)
		abs.tv_sec++, abs.tv_nsec -= 1000000000;
	CHECK_ERRNO(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	CHECK(now(CLOCK_MONOTONIC) - t0 >= 0.019);
	clock_gettime(CLOCK_REALTIME, &abs);
	t0 = now(CLOCK_REALTIME);
	abs.tv_nsec += 20000000;
	if (abs.tv_nsec >= 1000000000)
		abs.tv_sec++, abs.tv_nsec -= 1000000000;
	CHECK_ERRNO(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY),
		    ETIMEDOUT);
	CHECK(now(CLOCK_REALTIME) - t0 >= 0.019);
	CHECK_ERRNO(futex(&word, FUTEX_WAIT_BITSET, 0, &abs, NULL, 0), EINVAL); /* empty bitset */
	printf("WAIT: EAGAIN on a changed word, ETIMEDOUT relative and absolute (both clocks); WAKE of none: 0\n");
}

static void wake_one_by_one(void)
{
	struct waiter w[3];
	long total = 0, over = 0;
	atomic_store(&word, 0);
	for (int i = 0; i < 3; i++)
		start(&w[i], FUTEX_WAIT_PRIVATE, 0);
	for (int i = 0; i < 4000 && total < 3; i++) {
		long n = futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		over += n > 1;
		total += n > 0 ? n : 0;
		if (n <= 0)
			pause_ms(1);
	}
	int woken = 0;
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(pthread_join(w[i].t, NULL), 0);
		woken += w[i].r == 0;
	}
	CHECK_EQ(total, 3);
	CHECK_EQ(over, 0);
	CHECK_EQ(woken, 3);
	printf("WAKE 1 with three waiters: one at a time, %ld woken in all\n", total);
}

static void bitsets(void)
{
	struct waiter w;
	atomic_store(&word, 0);
	start(&w, FUTEX_WAIT_BITSET_PRIVATE, 0x1);
	long wrong = 0, right = 0;
	for (int i = 0; i < 4000 && right == 0; i++) {
		wrong += futex(&word, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, NULL, NULL, 0x6);
		right = futex(&word, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, NULL, NULL, 0x3);
		if (right == 0)
			pause_ms(1);
	}
	CHECK_EQ(pthread_join(w.t, NULL), 0);
	CHECK_EQ(wrong, 0);
	CHECK_EQ(right, 1);
	CHECK_EQ(w.r, 0);
	printf("WAKE_BITSET: bits 0x6 woke %ld, bits 0x3 woke %ld of a waiter on 0x1\n", wrong, right);
}

static void requeue(void)
{
	struct waiter w[2];
	long moved = 0;
	atomic_store(&word, 0);
	atomic_store(&other, 0);
	CHECK_ERRNO(futex(&word, FUTEX_CMP_REQUEUE, 0, (struct timespec *)(uintptr_t)INT_MAX, &other, 1), EAGAIN);
	for (int i = 0; i < 2; i++)
		start(&w[i], FUTEX_WAIT, 0);
	for (int i = 0; i < 4000 && moved < 2; i++) {
		/* wake none, move up to INT_MAX (passed in the timeout argument) */
		long n = futex(&word, FUTEX_CMP_REQUEUE, 0, (struct timespec *)(uintptr_t)INT_MAX, &other, 0);
		moved += n > 0 ? n : 0;
		if (moved < 2)
			pause_ms(1);
	}
	CHECK_EQ(moved, 2);
	CHECK_EQ(futex(&word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 0);
	CHECK_EQ(futex(&other, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 2);
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(pthread_join(w[i].t, NULL), 0);
		CHECK_EQ(w[i].r, 0);
	}
	printf("CMP_REQUEUE: EAGAIN on a changed word; moved %ld waiters, woken on the other futex\n", moved);
}

static void interrupted(void)
{
	struct waiter w;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1; /* no SA_RESTART */
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	atomic_store(&word, 0);
	start(&w, FUTEX_WAIT_PRIVATE, 0);
	/* until one lands while it waits: earlier ones only run the handler */
	for (int i = 0; i < 2000 && w.r == -2; i++) {
		pthread_kill(w.t, SIGUSR1);
		pause_ms(2);
	}
	CHECK_EQ(pthread_join(w.t, NULL), 0);
	CHECK_EQ(w.r, -1);
	CHECK_EQ(w.err, EINTR);
	CHECK(hits >= 1);
	printf("a signal interrupts WAIT: %s\n", w.r == -1 && w.err == EINTR ? "EINTR" : "no");
}

int main(void)
{
	basics();
	wake_one_by_one();
	bitsets();
	requeue();
	interrupted();
	return check_done();
}
