/* measure: inside */
/* target: mutex_uncontended <= 1.5 x */
/* An uncontended pthread mutex: 2,000,000 lock/unlock pairs by one thread of a
 * process that has a second thread (so libc cannot skip the atomics), in ns per
 * pair, the median of 5 rounds. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define PAIRS 2000000
#define ROUNDS 5

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t park = PTHREAD_MUTEX_INITIALIZER;
static volatile long counter;

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The second thread waits on a mutex main holds until the end. */
static void *parked(void *arg)
{
	pthread_mutex_lock(&park);
	pthread_mutex_unlock(&park);
	return arg;
}

int main(void)
{
	double per[ROUNDS];
	pthread_t t;
	pthread_mutex_lock(&park);
	if (pthread_create(&t, NULL, parked, NULL) != 0) {
		fprintf(stderr, "pthread_create failed\n");
		return 1;
	}
	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_ns();
		for (int i = 0; i < PAIRS; i++) {
			pthread_mutex_lock(&m);
			counter++;
			pthread_mutex_unlock(&m);
		}
		per[r] = (now_ns() - t0) / PAIRS;
	}
	pthread_mutex_unlock(&park);
	pthread_join(t, NULL);
	if (counter != (long)PAIRS * ROUNDS) {
		fprintf(stderr, "counter %ld\n", counter);
		return 1;
	}
	qsort(per, ROUNDS, sizeof per[0], cmp);
	printf("RESULT mutex_uncontended %.2f ns\n", per[ROUNDS / 2]);
	printf("CHECKSUM %ld\n", counter);
	return 0;
}
