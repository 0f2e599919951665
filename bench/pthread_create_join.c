/* measure: inside */
/* target: pthread_create_join <= 2000 us */
/* Thread creation: pthread_create of a thread that returns at once, then
 * pthread_join. Microseconds per create+join pair, the median of 5 batches
 * of 50 (after 5 unmeasured ones, which may warm up the host's workers). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define PAIRS 50
#define BATCHES 5

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void *nothing(void *arg)
{
	return arg;
}

static int pair(long i)
{
	pthread_t t;
	void *r;
	if (pthread_create(&t, NULL, nothing, (void *)i) != 0 || pthread_join(t, &r) != 0 || r != (void *)i) {
		fprintf(stderr, "pthread_create/join failed\n");
		return -1;
	}
	return 0;
}

int main(void)
{
	double per[BATCHES];
	for (long i = 0; i < 5; i++)
		if (pair(i))
			return 1;
	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_us();
		for (long i = 0; i < PAIRS; i++)
			if (pair(i))
				return 1;
		per[b] = (now_us() - t0) / PAIRS;
	}
	qsort(per, BATCHES, sizeof per[0], cmp);
	printf("RESULT pthread_create_join %.1f us\n", per[BATCHES / 2]);
	return 0;
}
