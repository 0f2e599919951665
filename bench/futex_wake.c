/* measure: inside */
/* Wake-up latency between two threads: a ping-pong where each side waits
 * until the other wakes it, so every round trip is two wake-ups.
 * futex_roundtrip: raw FUTEX_WAIT/FUTEX_WAKE on one word, no spinning, so each
 * side really sleeps; cond_roundtrip: a mutex and two condition variables;
 * sem_roundtrip: two semaphores (libc may spin briefly before it sleeps).
 * Microseconds per round trip, the median of 5 batches of 500 (after 50
 * unmeasured). */
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

#define TRIPS 500
#define BATCHES 5
#define WARM 50
#define TOTAL (WARM + BATCHES * TRIPS)

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t to_b = PTHREAD_COND_INITIALIZER, to_a = PTHREAD_COND_INITIALIZER;
static long turn; /* even: a's turn, odd: b's */
static sem_t sa, sb;
static atomic_int word; /* 1: b's turn, 0: a's */
static long futex_trips;

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

static void *cond_b(void *arg)
{
	pthread_mutex_lock(&m);
	for (long i = 0; i < TOTAL; i++) {
		while (turn % 2 == 0)
			pthread_cond_wait(&to_b, &m);
		turn++;
		pthread_cond_signal(&to_a);
	}
	pthread_mutex_unlock(&m);
	return arg;
}

static void cond_trip(void)
{
	pthread_mutex_lock(&m);
	turn++;
	pthread_cond_signal(&to_b);
	while (turn % 2 == 1)
		pthread_cond_wait(&to_a, &m);
	pthread_mutex_unlock(&m);
}

static void *sem_b(void *arg)
{
	for (long i = 0; i < TOTAL; i++) {
		while (sem_wait(&sb) != 0)
			;
		sem_post(&sa);
	}
	return arg;
}

static void sem_trip(void)
{
	sem_post(&sb);
	while (sem_wait(&sa) != 0)
		;
}

static void futex_wait(int val)
{
	while (atomic_load(&word) == val)
		syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(void)
{
	syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *futex_b(void *arg)
{
	for (long i = 0; i < TOTAL; i++) {
		futex_wait(0);
		atomic_store(&word, 0);
		futex_wake();
	}
	return arg;
}

static void futex_trip(void)
{
	atomic_store(&word, 1);
	futex_wake();
	futex_wait(1);
	futex_trips++;
}

/* Median microseconds per trip of fn against a partner thread running b. */
static double measure(void *(*b)(void *), void (*fn)(void))
{
	pthread_t t;
	double per[BATCHES];
	if (pthread_create(&t, NULL, b, NULL) != 0) {
		fprintf(stderr, "pthread_create failed\n");
		exit(1);
	}
	for (int i = 0; i < WARM; i++)
		fn();
	for (int r = 0; r < BATCHES; r++) {
		double t0 = now_us();
		for (int i = 0; i < TRIPS; i++)
			fn();
		per[r] = (now_us() - t0) / TRIPS;
	}
	pthread_join(t, NULL);
	qsort(per, BATCHES, sizeof per[0], cmp);
	return per[BATCHES / 2];
}

int main(void)
{
	sem_init(&sa, 0, 0);
	sem_init(&sb, 0, 0);
	double c = measure(cond_b, cond_trip);
	if (turn != 2L * TOTAL) {
		fprintf(stderr, "turn %ld\n", turn);
		return 1;
	}
	double s = measure(sem_b, sem_trip);
	double f = measure(futex_b, futex_trip);
	printf("RESULT futex_roundtrip %.2f us\n", f);
	printf("RESULT cond_roundtrip %.2f us\n", c);
	printf("RESULT sem_roundtrip %.2f us\n", s);
	printf("CHECKSUM %ld\n", turn + futex_trips);
	return 0;
}
