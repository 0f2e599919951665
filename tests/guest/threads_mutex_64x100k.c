/* compare: native */
/* 64 threads each make 100,000 increments of one counter under one mutex,
 * running at the same time (they start together from a barrier): the final
 * count is exactly 6,400,000, each thread did its own 100,000, and a second
 * counter updated with a deliberately split read-modify-write under the lock
 * lost nothing either. */
#include <pthread.h>
#include <stdint.h>
#include "check.h"

#define THREADS 64
#define ITERS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start;
static long count;
static volatile long split;
static long mine[THREADS];

static void *worker(void *arg)
{
	long id = (intptr_t)arg;
	pthread_barrier_wait(&start);
	for (int i = 0; i < ITERS; i++) {
		pthread_mutex_lock(&lock);
		count++;
		long v = split; /* a read and a write apart: a lost update shows */
		split = v + 1;
		pthread_mutex_unlock(&lock);
		mine[id]++;
	}
	return (void *)(id + 1000);
}

int main(void)
{
	pthread_t t[THREADS];
	CHECK_EQ(pthread_barrier_init(&start, NULL, THREADS), 0);
	for (long i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i), 0);
	int good = 0;
	for (long i = 0; i < THREADS; i++) {
		void *ret = NULL;
		CHECK_EQ(pthread_join(t[i], &ret), 0);
		CHECK(ret == (void *)(i + 1000));
		CHECK_EQ(mine[i], ITERS);
		good += mine[i] == ITERS;
	}
	CHECK_EQ(count, (long)THREADS * ITERS);
	CHECK_EQ(split, (long)THREADS * ITERS);
	CHECK_EQ(pthread_mutex_trylock(&lock), 0);
	CHECK_EQ(pthread_mutex_unlock(&lock), 0);
	printf("%d threads x %d increments: count %ld, split %ld, %d threads did all theirs\n",
	       THREADS, ITERS, count, (long)split, good);
	return check_done();
}
