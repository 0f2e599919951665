/* compare: native */
/* Read-write locks: readers share (a second reader gets in, a writer gets
 * EBUSY or ETIMEDOUT), a writer excludes everyone; 4 writers and 4 readers at
 * once never let a reader see a half-done update. Spinlocks: trylock of a held
 * one is EBUSY; 4 threads x 20,000 increments lose none. Unnamed semaphores:
 * trywait of 0 is EAGAIN, post/getvalue count, a bounded buffer between a
 * producer and a consumer passes every item in order, and sem_timedwait on 0
 * times out with ETIMEDOUT (not early), at once for a past deadline, EINVAL
 * for a bad one. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <time.h>
#include "check.h"

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;

static void *try_read(void *arg)
{
	(void)arg;
	int r = pthread_rwlock_tryrdlock(&rw);
	if (r == 0)
		pthread_rwlock_unlock(&rw);
	return (void *)(intptr_t)r;
}

static void *try_write(void *arg)
{
	(void)arg;
	int r = pthread_rwlock_trywrlock(&rw);
	if (r == 0)
		pthread_rwlock_unlock(&rw);
	return (void *)(intptr_t)r;
}

static struct timespec after_ms(clockid_t clk, long ms)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += ms % 1000 * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return ts;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_REALTIME, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void *timed_write(void *arg)
{
	(void)arg;
	struct timespec dl = after_ms(CLOCK_REALTIME, 20);
	int r = pthread_rwlock_timedwrlock(&rw, &dl);
	if (r == 0)
		pthread_rwlock_unlock(&rw);
	return (void *)(intptr_t)r;
}

static long in_thread(void *(*fn)(void *))
{
	pthread_t t;
	void *r = (void *)-1L;
	if (pthread_create(&t, NULL, fn, NULL) != 0 || pthread_join(t, &r) != 0)
		return -1;
	return (long)r;
}

#define RW_ITERS 5000
static long a, b; /* writers keep a == b, readers check it */
static int torn;

static void *rw_writer(void *arg)
{
	(void)arg;
	for (int i = 0; i < RW_ITERS; i++) {
		pthread_rwlock_wrlock(&rw);
		a++;
		for (volatile int k = 0; k < 20; k++)
			;
		b++;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static void *rw_reader(void *arg)
{
	(void)arg;
	int bad = 0;
	for (int i = 0; i < RW_ITERS; i++) {
		pthread_rwlock_rdlock(&rw);
		bad += *(volatile long *)&a != *(volatile long *)&b;
		pthread_rwlock_unlock(&rw);
	}
	return (void *)(intptr_t)bad;
}

static void rwlocks(void)
{
	CHECK_EQ(pthread_rwlock_rdlock(&rw), 0);
	CHECK_EQ(pthread_rwlock_tryrdlock(&rw), 0);
	CHECK_EQ(in_thread(try_read), 0);
	CHECK_EQ(in_thread(try_write), EBUSY);
	CHECK_EQ(in_thread(timed_write), ETIMEDOUT);
	CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
	CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
	CHECK_EQ(pthread_rwlock_wrlock(&rw), 0);
	CHECK_EQ(in_thread(try_read), EBUSY);
	CHECK_EQ(in_thread(try_write), EBUSY);
	CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
	CHECK_EQ(in_thread(try_write), 0);

	pthread_t t[8];
	for (int i = 0; i < 8; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, i % 2 ? rw_reader : rw_writer, NULL), 0);
	for (int i = 0; i < 8; i++) {
		void *r;
		CHECK_EQ(pthread_join(t[i], &r), 0);
		torn += (int)(intptr_t)r;
	}
	CHECK_EQ(a, 4 * RW_ITERS);
	CHECK_EQ(b, 4 * RW_ITERS);
	CHECK_EQ(torn, 0);
	printf("rwlock: readers share, writers exclude; %ld writes, %d torn reads\n", a, torn);
}

#define SPIN_ITERS 20000
static pthread_spinlock_t spin;
static long spun;

static void *spinner(void *arg)
{
	(void)arg;
	for (int i = 0; i < SPIN_ITERS; i++) {
		pthread_spin_lock(&spin);
		long v = *(volatile long *)&spun;
		*(volatile long *)&spun = v + 1;
		pthread_spin_unlock(&spin);
	}
	return NULL;
}

static void *spin_try(void *arg)
{
	(void)arg;
	int r = pthread_spin_trylock(&spin);
	if (r == 0)
		pthread_spin_unlock(&spin);
	return (void *)(intptr_t)r;
}

static void spinlocks(void)
{
	CHECK_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
	CHECK_EQ(pthread_spin_lock(&spin), 0);
	CHECK_EQ(pthread_spin_trylock(&spin), EBUSY);
	CHECK_EQ(in_thread(spin_try), EBUSY);
	CHECK_EQ(pthread_spin_unlock(&spin), 0);
	CHECK_EQ(in_thread(spin_try), 0);
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, spinner, NULL), 0);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(spun, 4 * SPIN_ITERS);
	CHECK_EQ(pthread_spin_destroy(&spin), 0);
	printf("spinlock: %ld increments\n", spun);
}

#define ITEMS 2000
#define SLOTS 8
static sem_t empty, full;
static int ring[SLOTS];

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITEMS; i++) {
		while (sem_wait(&empty) != 0)
			;
		ring[i % SLOTS] = i;
		sem_post(&full);
	}
	return NULL;
}

static void semaphores(void)
{
	sem_t s;
	int v = -1;
	CHECK_EQ(sem_init(&s, 0, 0), 0);
	CHECK_ERRNO(sem_trywait(&s), EAGAIN);
	CHECK_EQ(sem_post(&s), 0);
	CHECK_EQ(sem_post(&s), 0);
	CHECK_EQ(sem_getvalue(&s, &v), 0);
	CHECK_EQ(v, 2);
	CHECK_EQ(sem_trywait(&s), 0);
	CHECK_EQ(sem_wait(&s), 0);
	CHECK_ERRNO(sem_trywait(&s), EAGAIN);

	struct timespec t0, dl;
	clock_gettime(CLOCK_REALTIME, &t0);
	dl = after_ms(CLOCK_REALTIME, 30);
	CHECK_ERRNO(sem_timedwait(&s, &dl), ETIMEDOUT);
	double ms = ms_since(&t0);
	CHECK(ms >= 29);
	clock_gettime(CLOCK_REALTIME, &t0);
	dl = t0;
	dl.tv_sec -= 1;
	CHECK_ERRNO(sem_timedwait(&s, &dl), ETIMEDOUT);
	CHECK(ms_since(&t0) < 1000);
	dl.tv_nsec = 1000000000;
	CHECK_ERRNO(sem_timedwait(&s, &dl), EINVAL);
	CHECK_EQ(sem_post(&s), 0);
	dl = after_ms(CLOCK_REALTIME, 1000);
	CHECK_EQ(sem_timedwait(&s, &dl), 0);
	CHECK_EQ(sem_destroy(&s), 0);

	CHECK_EQ(sem_init(&empty, 0, SLOTS), 0);
	CHECK_EQ(sem_init(&full, 0, 0), 0);
	pthread_t t;
	CHECK_EQ(pthread_create(&t, NULL, producer, NULL), 0);
	int out_of_order = 0;
	for (int i = 0; i < ITEMS; i++) {
		while (sem_wait(&full) != 0)
			;
		out_of_order += ring[i % SLOTS] != i;
		sem_post(&empty);
	}
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(out_of_order, 0);
	CHECK_EQ(sem_getvalue(&empty, &v), 0);
	CHECK_EQ(v, SLOTS);
	printf("semaphores: counts, timedwait ETIMEDOUT/EINVAL, %d items through %d slots, %d out of order\n",
	       ITEMS, SLOTS, out_of_order);
}

int main(void)
{
	rwlocks();
	spinlocks();
	semaphores();
	return check_done();
}
