/* compare: native */
/* A thread with cancellation disabled that is blocked in read is not disturbed
 * by pthread_cancel: the read waits for its data and returns it (no EINTR).
 * Once the thread enables cancellation again, the pending request acts at the
 * next cancellation point, and pthread_join returns PTHREAD_CANCELED. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static int fd[2];
static sem_t ready;
static int got, err, reached;
static char byte;

static void *reader(void *arg)
{
	int old = -1;
	(void)arg;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	sem_post(&ready);
	errno = 0;
	got = read(fd[0], &byte, 1);
	err = errno;
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	reached = 1;
	pthread_testcancel();
	reached = 2;
	return NULL;
}

int main(void)
{
	pthread_t t;
	void *r = NULL;
	CHECK_EQ(pipe(fd), 0);
	CHECK_EQ(sem_init(&ready, 0, 0), 0);
	CHECK_EQ(pthread_create(&t, NULL, reader, NULL), 0);
	while (sem_wait(&ready) != 0)
		;
	struct timespec ts = { 0, 20000000 };
	nanosleep(&ts, NULL);
	CHECK_EQ(pthread_cancel(t), 0);
	nanosleep(&ts, NULL);
	CHECK_EQ(write(fd[1], "y", 1), 1);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ(got, 1);
	CHECK_EQ(err, 0);
	CHECK_EQ(byte, 'y');
	CHECK_EQ(reached, 1);
	CHECK(r == PTHREAD_CANCELED);
	printf("read with cancellation disabled returned %d byte '%c'; cancelled at the next point: %s\n",
	       got, byte, r == PTHREAD_CANCELED ? "yes" : "no");
	return check_done();
}
