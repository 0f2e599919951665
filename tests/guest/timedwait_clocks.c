/* compare: native */
/* pthread_cond_timedwait measures its deadline on the condition variable's
 * clock: CLOCK_REALTIME by default, CLOCK_MONOTONIC when set in the attribute
 * (a monotonic deadline is far in the realtime past, so a wrong clock returns
 * at once). Either way it returns ETIMEDOUT no earlier than the deadline,
 * holding the mutex; a deadline already past times out at once; a signal from
 * another thread before the deadline returns 0; a bad tv_nsec is EINVAL. */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include "check.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static int flag;

static struct timespec after_ms(clockid_t clk, long ms)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += ms % 1000 * 1000000L; /* long is 32 bits on wasm32 */
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return ts;
}

static double ms_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1e3 + (b->tv_nsec - a->tv_nsec) / 1e6;
}

/* One timeout on clk: ETIMEDOUT, not before the deadline, mutex held. */
static void times_out(clockid_t clk, const char *name)
{
	struct timespec t0, t1, dl;
	clock_gettime(clk, &t0);
	dl = after_ms(clk, 40);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	int r;
	do
		r = pthread_cond_timedwait(&cv, &m, &dl);
	while (r == 0); /* a spurious wakeup may come; the deadline stays */
	CHECK_EQ(r, ETIMEDOUT);
	clock_gettime(clk, &t1);
	CHECK_EQ(pthread_mutex_trylock(&m), EBUSY); /* still ours */
	CHECK(ms_between(&dl, &t1) >= 0);
	CHECK(ms_between(&t0, &t1) >= 39);
	CHECK(ms_between(&t0, &t1) < 5000);
	/* a past deadline: at once */
	dl = t0;
	dl.tv_sec -= 2;
	CHECK_EQ(pthread_cond_timedwait(&cv, &m, &dl), ETIMEDOUT);
	dl.tv_nsec = 1000000000;
	CHECK_EQ(pthread_cond_timedwait(&cv, &m, &dl), EINVAL);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	printf("%s: ETIMEDOUT at the deadline, at once when past, EINVAL for a bad one\n", name);
}

static void *signaller(void *arg)
{
	(void)arg;
	struct timespec ts = { 0, 10000000 };
	nanosleep(&ts, NULL);
	pthread_mutex_lock(&m);
	flag = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&m);
	return NULL;
}

static void signalled(clockid_t clk, const char *name)
{
	pthread_t t;
	struct timespec dl = after_ms(clk, 4000), t1;
	flag = 0;
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_create(&t, NULL, signaller, NULL), 0);
	int r = 0;
	while (!flag && r == 0)
		r = pthread_cond_timedwait(&cv, &m, &dl);
	CHECK_EQ(r, 0);
	CHECK_EQ(flag, 1);
	clock_gettime(clk, &t1);
	CHECK(ms_between(&t1, &dl) > 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	printf("%s: signalled before the deadline: 0\n", name);
}

int main(void)
{
	pthread_condattr_t a;
	clockid_t clk = -1;

	CHECK_EQ(pthread_condattr_init(&a), 0);
	CHECK_EQ(pthread_condattr_getclock(&a, &clk), 0);
	CHECK_EQ(clk, CLOCK_REALTIME);
	CHECK_EQ(pthread_cond_init(&cv, &a), 0);
	times_out(CLOCK_REALTIME, "CLOCK_REALTIME");
	signalled(CLOCK_REALTIME, "CLOCK_REALTIME");
	CHECK_EQ(pthread_cond_destroy(&cv), 0);

	CHECK_EQ(pthread_condattr_setclock(&a, CLOCK_MONOTONIC), 0);
	CHECK_EQ(pthread_condattr_getclock(&a, &clk), 0);
	CHECK_EQ(clk, CLOCK_MONOTONIC);
	CHECK_EQ(pthread_condattr_setclock(&a, CLOCK_PROCESS_CPUTIME_ID), EINVAL);
	CHECK_EQ(pthread_cond_init(&cv, &a), 0);
	times_out(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	signalled(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	CHECK_EQ(pthread_cond_destroy(&cv), 0);
	CHECK_EQ(pthread_condattr_destroy(&a), 0);
	return check_done();
}
