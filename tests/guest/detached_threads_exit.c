/* compare: native */
/* Detached threads (made detached, or detached after creation) run and go away
 * without a join: 300 of them in waves, far more than can be alive at once, so
 * their slots must be reclaimed. Joining a detached thread is not done; a
 * detached thread's state reads back. Then main calls pthread_exit while
 * detached threads still run: the process lives on until the last one ends,
 * and then exits with status 0, its output flushed. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define WAVES 30
#define PER_WAVE 10
#define LAST 4

static sem_t done;
static atomic_int ran;
static pthread_barrier_t last_bar;
static atomic_int last_seen;

static void *quick(void *arg)
{
	(void)arg;
	atomic_fetch_add(&ran, 1);
	if ((intptr_t)arg % 2)
		pthread_detach(pthread_self());
	sem_post(&done);
	if ((intptr_t)arg % 3 == 0)
		pthread_exit(NULL);
	return NULL;
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

/* Creates a thread, retrying while the system has no room (EAGAIN): exited
 * detached threads free theirs a little after their last sem_post. */
static int create_retry(pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	pthread_t t;
	int r;
	for (int tries = 0; tries < 2000; tries++) {
		r = pthread_create(&t, attr, fn, arg);
		if (r != EAGAIN)
			break;
		pause_ms(1);
	}
	return r;
}

/* The threads still running after main is gone: the last one to finish
 * reports. Which one that is does not matter; the output is the same. */
static void *last(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&last_bar); /* main has called pthread_exit by now, most likely */
	pause_ms(20);
	if (atomic_fetch_add(&last_seen, 1) == LAST - 1) {
		printf("the last of %d detached threads outlived main\n", LAST);
		fflush(stdout);
	}
	return NULL;
}

int main(void)
{
	pthread_attr_t attr;
	int state = -1;
	CHECK_EQ(sem_init(&done, 0, 0), 0);
	CHECK_EQ(pthread_attr_init(&attr), 0);
	CHECK_EQ(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED), 0);
	CHECK_EQ(pthread_attr_getdetachstate(&attr, &state), 0);
	CHECK_EQ(state, PTHREAD_CREATE_DETACHED);
	int made = 0;
	for (int w = 0; w < WAVES && !check_failures; w++) {
		for (int i = 0; i < PER_WAVE; i++) {
			intptr_t n = w * PER_WAVE + i;
			/* odd n: joinable, then detached by the thread itself */
			int r = create_retry(n % 2 ? NULL : &attr, quick, (void *)n);
			CHECK_EQ(r, 0);
			made += r == 0;
		}
		for (int i = 0; i < PER_WAVE; i++)
			while (sem_wait(&done) != 0)
				CHECK_EQ(errno, EINTR);
	}
	CHECK_EQ(made, WAVES * PER_WAVE);
	CHECK_EQ(atomic_load(&ran), WAVES * PER_WAVE);
	printf("%d detached threads ran without a join\n", atomic_load(&ran));
	if (check_failures)
		return check_done();

	CHECK_EQ(pthread_barrier_init(&last_bar, NULL, LAST + 1), 0);
	for (int i = 0; i < LAST; i++)
		CHECK_EQ(create_retry(&attr, last, NULL), 0);
	if (check_failures)
		return check_done();
	fflush(stdout);
	pthread_barrier_wait(&last_bar);
	pthread_exit(NULL);
}
