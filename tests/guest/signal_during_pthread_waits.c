/* compare: native */
/* Signals caught by threads blocked in pthread_mutex_lock, pthread_cond_wait
 * and pthread_join (handler without SA_RESTART) run their handler there and
 * leave the call blocked: it returns 0 only when what it waits for happens,
 * never EINTR. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#include "check.h"

#define KICKS 20

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, cm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready_flag;
static atomic_int handled[3], ready[3];
static _Thread_local int me = -1;
static pthread_t sleeper_t;
static atomic_int release_sleeper;

static void on_usr1(int sig)
{
	(void)sig;
	if (me >= 0)
		atomic_fetch_add(&handled[me], 1);
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

static void *locker(void *arg)
{
	(void)arg;
	me = 0;
	atomic_store(&ready[0], 1);
	long r = pthread_mutex_lock(&m);
	if (r == 0)
		pthread_mutex_unlock(&m);
	return (void *)r;
}

static void *cond_waiter(void *arg)
{
	(void)arg;
	me = 1;
	long r = 0;
	pthread_mutex_lock(&cm);
	atomic_store(&ready[1], 1);
	while (!ready_flag && r == 0)
		r = pthread_cond_wait(&cv, &cm);
	pthread_mutex_unlock(&cm);
	return (void *)r;
}

static void *sleeper(void *arg)
{
	(void)arg;
	while (!atomic_load(&release_sleeper))
		pause_ms(1);
	return (void *)5L;
}

static void *joiner(void *arg)
{
	(void)arg;
	void *v = NULL;
	me = 2;
	atomic_store(&ready[2], 1);
	long r = pthread_join(sleeper_t, &v);
	return (void *)(r ? r : (long)v);
}

int main(void)
{
	struct sigaction sa;
	pthread_t t[3];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_create(&sleeper_t, NULL, sleeper, NULL), 0);
	CHECK_EQ(pthread_create(&t[0], NULL, locker, NULL), 0);
	CHECK_EQ(pthread_create(&t[1], NULL, cond_waiter, NULL), 0);
	CHECK_EQ(pthread_create(&t[2], NULL, joiner, NULL), 0);
	for (int i = 0; i < 3; i++)
		while (!atomic_load(&ready[i]))
			pause_ms(1);
	pause_ms(20); /* blocked by now, most likely */
	/* at least KICKS each, and on until each thread has handled one while it waits */
	for (int k = 0; k < 2000; k++) {
		int done = k >= KICKS;
		for (int i = 0; i < 3; i++) {
			CHECK_EQ(pthread_kill(t[i], SIGUSR1), 0);
			done &= atomic_load(&handled[i]) >= 1;
		}
		if (done)
			break;
		pause_ms(1);
	}
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	pthread_mutex_lock(&cm);
	ready_flag = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&cm);
	atomic_store(&release_sleeper, 1);
	void *r[3];
	for (int i = 0; i < 3; i++)
		CHECK_EQ(pthread_join(t[i], &r[i]), 0);
	CHECK_EQ((long)r[0], 0);
	CHECK_EQ((long)r[1], 0);
	CHECK_EQ((long)r[2], 5);
	for (int i = 0; i < 3; i++)
		CHECK(atomic_load(&handled[i]) >= 1);
	printf("mutex_lock %ld, cond_wait %ld, join %ld (the joined thread's value); handlers ran in each: %s\n",
	       (long)r[0], (long)r[1], (long)r[2],
	       atomic_load(&handled[0]) && atomic_load(&handled[1]) && atomic_load(&handled[2]) ? "yes" : "no");
	return check_done();
}
