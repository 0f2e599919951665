/* compare: native */
/* 8 threads meet at a barrier 2 x 300 times: after each meeting every thread
 * sees every other thread's write from before it, exactly one thread per
 * meeting gets PTHREAD_BARRIER_SERIAL_THREAD, and the barrier is reusable
 * round after round. A barrier of count 1 never blocks; count 0 is EINVAL. */
#include <pthread.h>
#include <stdint.h>
#include "check.h"

#define THREADS 8
#define ROUNDS 300

static pthread_barrier_t bar;
static volatile int slot[THREADS];
static int serial, others, stale;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void count(int r)
{
	pthread_mutex_lock(&m);
	if (r == PTHREAD_BARRIER_SERIAL_THREAD)
		serial++;
	else if (r == 0)
		others++;
	pthread_mutex_unlock(&m);
}

static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg, bad = 0;
	for (int r = 1; r <= ROUNDS; r++) {
		slot[id] = r;
		count(pthread_barrier_wait(&bar));
		for (int j = 0; j < THREADS; j++)
			bad += slot[j] != r;
		count(pthread_barrier_wait(&bar)); /* nobody writes round r+1 before all read r */
	}
	pthread_mutex_lock(&m);
	stale += bad;
	pthread_mutex_unlock(&m);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	pthread_barrier_t one;
	CHECK_EQ(pthread_barrier_init(&one, NULL, 0), EINVAL);
	CHECK_EQ(pthread_barrier_init(&one, NULL, 1), 0);
	CHECK_EQ(pthread_barrier_wait(&one), PTHREAD_BARRIER_SERIAL_THREAD);
	CHECK_EQ(pthread_barrier_wait(&one), PTHREAD_BARRIER_SERIAL_THREAD);
	CHECK_EQ(pthread_barrier_destroy(&one), 0);

	CHECK_EQ(pthread_barrier_init(&bar, NULL, THREADS), 0);
	for (int i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i), 0);
	for (int i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(serial, 2 * ROUNDS);
	CHECK_EQ(others, 2 * ROUNDS * (THREADS - 1));
	CHECK_EQ(stale, 0);
	CHECK_EQ(pthread_barrier_destroy(&bar), 0);
	printf("%d threads, %d meetings: %d serial, %d others, %d stale reads\n",
	       THREADS, 2 * ROUNDS, serial, others, stale);
	return check_done();
}
