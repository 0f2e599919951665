/* compare: native */
/* pthread_cancel acts on a thread blocked in a cancellation point: read on an
 * empty pipe, pthread_cond_wait (which gives the cleanup handler the mutex
 * back) and nanosleep. pthread_join returns PTHREAD_CANCELED, the cleanup
 * handlers ran (innermost first) and nothing after the call did; the read took
 * no byte from the pipe. A computing thread with deferred cancellation goes on
 * until it reaches pthread_testcancel. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static int fd[2];
static sem_t ready;
static char trail[16];
static int trail_len;
static int after;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static atomic_int go, seen_go;

static void mark(void *arg)
{
	trail[trail_len++] = *(const char *)arg;
}

static void unlock_and_mark(void *arg)
{
	pthread_mutex_unlock(&m); /* cancelled in cond_wait: the mutex is ours again */
	mark(arg);
}

static void *reader(void *arg)
{
	char c;
	(void)arg;
	pthread_cleanup_push(mark, "a");
	pthread_cleanup_push(mark, "b");
	sem_post(&ready);
	read(fd[0], &c, 1);
	after = 1;
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return NULL;
}

static void *cond_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	pthread_cleanup_push(unlock_and_mark, "c");
	sem_post(&ready);
	for (;;)
		pthread_cond_wait(&cv, &m);
	pthread_cleanup_pop(0);
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	pthread_cleanup_push(mark, "s");
	sem_post(&ready);
	struct timespec ts = { 20, 0 };
	nanosleep(&ts, NULL);
	after = 1;
	pthread_cleanup_pop(0);
	return NULL;
}

static void *computer(void *arg)
{
	(void)arg;
	pthread_cleanup_push(mark, "t");
	sem_post(&ready);
	while (!atomic_load(&go))
		; /* no cancellation point here */
	atomic_store(&seen_go, 1);
	pthread_testcancel();
	after = 1;
	pthread_cleanup_pop(0);
	return NULL;
}

/* Starts fn, lets it block, cancels it and joins it. */
static void cancel(void *(*fn)(void *), const char *what, const char *want)
{
	pthread_t t;
	void *r = NULL;
	trail_len = 0;
	memset(trail, 0, sizeof trail);
	after = 0;
	CHECK_EQ(pthread_create(&t, NULL, fn, NULL), 0);
	while (sem_wait(&ready) != 0)
		;
	struct timespec ts = { 0, 20000000 }; /* most likely blocked by now; cancelled either way */
	nanosleep(&ts, NULL);
	CHECK_EQ(pthread_cancel(t), 0);
	if (fn == computer) {
		nanosleep(&ts, NULL);
		atomic_store(&go, 1);
	}
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK(r == PTHREAD_CANCELED);
	CHECK_EQ(after, 0);
	CHECK_STR(trail, want);
	printf("cancelled in %s: %s, cleanup \"%s\"\n", what, r == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "not cancelled", trail);
}

int main(void)
{
	char c = 0;
	CHECK_EQ(pipe(fd), 0);
	CHECK_EQ(sem_init(&ready, 0, 0), 0);
	cancel(reader, "read", "ba");
	CHECK_EQ(write(fd[1], "x", 1), 1);
	CHECK_EQ(fcntl(fd[0], F_SETFL, O_NONBLOCK), 0);
	CHECK_EQ(read(fd[0], &c, 1), 1);
	CHECK_EQ(c, 'x');
	CHECK_ERRNO(read(fd[0], &c, 1), EAGAIN);
	printf("the pipe still held its byte: %c\n", c);
	cancel(cond_waiter, "pthread_cond_wait", "c");
	CHECK_EQ(pthread_mutex_trylock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	cancel(sleeper, "nanosleep", "s");
	cancel(computer, "a loop then pthread_testcancel", "t");
	CHECK_EQ(atomic_load(&seen_go), 1);
	return check_done();
}
