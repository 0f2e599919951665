/* compare: native */
/* A signal handler runs with the _Thread_local variables of the thread it
 * interrupts: on a thread that raised the signal itself, on threads blocked
 * in nanosleep, read and pthread_mutex_lock when another thread sends it with
 * pthread_kill, and on the main thread blocked in read (restarted: SA_RESTART). */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static _Thread_local int me = -5; /* from the image; each thread sets its own */
static atomic_int seen = -100;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int fd[2];
static atomic_int started;

static void on_usr1(int sig)
{
	(void)sig;
	atomic_store(&seen, me);
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

static void *raiser(void *arg)
{
	me = (int)(intptr_t)arg;
	raise(SIGUSR1);
	return NULL;
}

static void *blocked(void *arg)
{
	char c;
	me = (int)(intptr_t)arg;
	atomic_store(&started, 1);
	switch (me) {
	case 2:
		pause_ms(200);
		break;
	case 3:
		read(fd[0], &c, 1);
		break;
	case 4:
		pthread_mutex_lock(&m);
		pthread_mutex_unlock(&m);
		break;
	}
	return NULL;
}

static void *kick_main(void *arg)
{
	pause_ms(30);
	pthread_kill(*(pthread_t *)arg, SIGUSR1);
	while (atomic_load(&seen) == -100)
		pause_ms(1);
	write(fd[1], "m", 1); /* ends main's read, restarted after the handler */
	return NULL;
}

static const char *how[] = { "", "raise in a thread", "a thread in nanosleep", "a thread in read",
			     "a thread in pthread_mutex_lock" };

int main(void)
{
	struct sigaction sa;
	pthread_t t;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(pipe(fd), 0);
	me = 7;

	CHECK_EQ(pthread_create(&t, NULL, raiser, (void *)1), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(atomic_load(&seen), 1);
	printf("%s: the handler saw %d\n", how[1], atomic_load(&seen));

	CHECK_EQ(pthread_mutex_lock(&m), 0);
	for (int id = 2; id <= 4; id++) {
		atomic_store(&seen, -100);
		atomic_store(&started, 0);
		CHECK_EQ(pthread_create(&t, NULL, blocked, (void *)(intptr_t)id), 0);
		while (!atomic_load(&started))
			pause_ms(1);
		pause_ms(30); /* blocked by now, most likely; the handler sees its TLS either way */
		CHECK_EQ(pthread_kill(t, SIGUSR1), 0);
		for (int i = 0; i < 2000 && atomic_load(&seen) == -100; i++)
			pause_ms(1);
		CHECK_EQ(atomic_load(&seen), id);
		printf("%s: the handler saw %d\n", how[id], atomic_load(&seen));
		if (id == 3)
			CHECK_EQ(write(fd[1], "x", 1), 1);
		if (id == 4)
			CHECK_EQ(pthread_mutex_unlock(&m), 0);
		CHECK_EQ(pthread_join(t, NULL), 0);
	}

	pthread_t main_t = pthread_self();
	char c;
	atomic_store(&seen, -100);
	CHECK_EQ(pthread_create(&t, NULL, kick_main, &main_t), 0);
	CHECK_EQ(read(fd[0], &c, 1), 1);
	CHECK_EQ(c, 'm');
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(atomic_load(&seen), 7);
	printf("main thread: the handler saw %d\n", atomic_load(&seen));
	return check_done();
}
