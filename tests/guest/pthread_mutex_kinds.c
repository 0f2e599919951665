/* compare: native */
/* The mutex types behave as POSIX says. Normal: trylock of a held mutex is
 * EBUSY, also from another thread. Recursive: the owner locks it again and
 * again and must unlock as often; others see EBUSY until the last unlock;
 * unlock by a non-owner is EPERM. Error-checking: relock by the owner is
 * EDEADLK, unlock by a non-owner or of an unlocked mutex is EPERM. Robust: a
 * thread that exits holding it hands the next locker EOWNERDEAD with the lock;
 * pthread_mutex_consistent makes it usable again, and unlocking without it
 * leaves it ENOTRECOVERABLE. pthread_mutex_timedlock of a held mutex times
 * out with ETIMEDOUT. */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include "check.h"

static pthread_mutex_t mx;

static void *try_other(void *arg)
{
	(void)arg;
	return (void *)(long)pthread_mutex_trylock(&mx);
}

static void *unlock_other(void *arg)
{
	(void)arg;
	return (void *)(long)pthread_mutex_unlock(&mx);
}

static void *lock_and_exit(void *arg)
{
	(void)arg;
	return (void *)(long)pthread_mutex_lock(&mx);
}

/* fn's result when run by another thread. */
static long in_thread(void *(*fn)(void *))
{
	pthread_t t;
	void *r = (void *)-1L;
	if (pthread_create(&t, NULL, fn, NULL) != 0 || pthread_join(t, &r) != 0)
		return -1;
	return (long)r;
}

static void init(int type, int robust)
{
	pthread_mutexattr_t a;
	int got = -1;
	CHECK_EQ(pthread_mutexattr_init(&a), 0);
	CHECK_EQ(pthread_mutexattr_settype(&a, type), 0);
	CHECK_EQ(pthread_mutexattr_gettype(&a, &got), 0);
	CHECK_EQ(got, type);
	if (robust) {
		CHECK_EQ(pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST), 0);
		CHECK_EQ(pthread_mutexattr_getrobust(&a, &got), 0);
		CHECK_EQ(got, PTHREAD_MUTEX_ROBUST);
	}
	CHECK_EQ(pthread_mutex_init(&mx, &a), 0);
	CHECK_EQ(pthread_mutexattr_destroy(&a), 0);
}

static void normal(void)
{
	init(PTHREAD_MUTEX_NORMAL, 0);
	CHECK_EQ(pthread_mutex_lock(&mx), 0);
	CHECK_EQ(pthread_mutex_trylock(&mx), EBUSY);
	CHECK_EQ(in_thread(try_other), EBUSY);
	CHECK_EQ(pthread_mutex_unlock(&mx), 0);
	CHECK_EQ(in_thread(try_other), 0); /* the thread exits holding it: a normal mutex stays locked */
	CHECK_EQ(pthread_mutex_trylock(&mx), EBUSY);
	printf("normal: EBUSY while held\n");
}

static void recursive(void)
{
	init(PTHREAD_MUTEX_RECURSIVE, 0);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(pthread_mutex_lock(&mx), 0);
	CHECK_EQ(pthread_mutex_trylock(&mx), 0);
	CHECK_EQ(in_thread(try_other), EBUSY);
	CHECK_EQ(in_thread(unlock_other), EPERM);
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(pthread_mutex_unlock(&mx), 0);
		CHECK_EQ(in_thread(try_other), EBUSY);
	}
	CHECK_EQ(pthread_mutex_unlock(&mx), 0);
	CHECK_EQ(pthread_mutex_unlock(&mx), EPERM);
	CHECK_EQ(pthread_mutex_trylock(&mx), 0);
	CHECK_EQ(pthread_mutex_unlock(&mx), 0);
	CHECK_EQ(pthread_mutex_destroy(&mx), 0);
	printf("recursive: 4 locks need 4 unlocks; others EBUSY, foreign unlock EPERM\n");
}

static void errorcheck(void)
{
	init(PTHREAD_MUTEX_ERRORCHECK, 0);
	CHECK_EQ(pthread_mutex_unlock(&mx), EPERM);
	CHECK_EQ(pthread_mutex_lock(&mx), 0);
	CHECK_EQ(pthread_mutex_lock(&mx), EDEADLK);
	CHECK_EQ(pthread_mutex_trylock(&mx), EBUSY);
	CHECK_EQ(in_thread(unlock_other), EPERM);
	CHECK_EQ(pthread_mutex_unlock(&mx), 0);
	CHECK_EQ(pthread_mutex_unlock(&mx), EPERM);
	CHECK_EQ(pthread_mutex_destroy(&mx), 0);
	printf("errorcheck: relock EDEADLK, foreign or extra unlock EPERM\n");
}

static void robust(void)
{
	init(PTHREAD_MUTEX_NORMAL, 1);
	CHECK_EQ(in_thread(lock_and_exit), 0);
	CHECK_EQ(pthread_mutex_lock(&mx), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_consistent(&mx), 0);
	CHECK_EQ(pthread_mutex_unlock(&mx), 0);
	CHECK_EQ(pthread_mutex_lock(&mx), 0);
	CHECK_EQ(pthread_mutex_unlock(&mx), 0);
	CHECK_EQ(in_thread(try_other), 0); /* trylock finds the owner dead too */
	CHECK_EQ(pthread_mutex_trylock(&mx), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_unlock(&mx), 0); /* not made consistent */
	CHECK_EQ(pthread_mutex_lock(&mx), ENOTRECOVERABLE);
	CHECK_EQ(pthread_mutex_trylock(&mx), ENOTRECOVERABLE);
	CHECK_EQ(pthread_mutex_destroy(&mx), 0);

	init(PTHREAD_MUTEX_ERRORCHECK, 1);
	CHECK_EQ(in_thread(lock_and_exit), 0);
	CHECK_EQ(pthread_mutex_lock(&mx), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_lock(&mx), EDEADLK);
	CHECK_EQ(pthread_mutex_consistent(&mx), 0);
	CHECK_EQ(pthread_mutex_unlock(&mx), 0);
	CHECK_EQ(pthread_mutex_destroy(&mx), 0);
	printf("robust: EOWNERDEAD after the owner exits; consistent recovers, else ENOTRECOVERABLE\n");
}

static void timed(void)
{
	struct timespec t0, t1, dl;
	init(PTHREAD_MUTEX_NORMAL, 0);
	CHECK_EQ(pthread_mutex_lock(&mx), 0);
	clock_gettime(CLOCK_REALTIME, &t0);
	dl = t0;
	dl.tv_nsec += 30000000;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	CHECK_EQ(pthread_mutex_timedlock(&mx, &dl), ETIMEDOUT);
	clock_gettime(CLOCK_REALTIME, &t1);
	double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	CHECK(ms >= 29);
	CHECK_EQ(pthread_mutex_unlock(&mx), 0);
	CHECK_EQ(pthread_mutex_timedlock(&mx, &dl), 0); /* free: a past deadline does not matter */
	CHECK_EQ(pthread_mutex_unlock(&mx), 0);
	printf("timedlock: ETIMEDOUT on a held mutex\n");
}

int main(void)
{
	normal();
	recursive();
	errorcheck();
	robust();
	timed();
	return check_done();
}
