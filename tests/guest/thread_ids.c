/* compare: native */
/* Thread identity: every thread shares the process's pid and ppid and has a
 * tid of its own (the main thread's tid is the pid); pthread_self values
 * differ and pthread_equal says so; /proc/self/status counts the live
 * threads; tgkill with the right pid reaches one thread, with a wrong pid or
 * a dead tid fails with ESRCH. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "check.h"
#include "executil.h"

#define THREADS 5

static pthread_barrier_t bar;
static pid_t tids[THREADS], pids[THREADS], ppids[THREADS];
static pthread_t selves[THREADS];
static _Thread_local int my_index = -1;
static atomic_int hit_index = -2;

static void on_usr1(int sig)
{
	(void)sig;
	atomic_store(&hit_index, my_index);
}

static void *worker(void *arg)
{
	int i = (int)(intptr_t)arg;
	my_index = i;
	tids[i] = gettid();
	pids[i] = getpid();
	ppids[i] = getppid();
	selves[i] = pthread_self();
	pthread_barrier_wait(&bar); /* all alive */
	pthread_barrier_wait(&bar); /* main has looked */
	return NULL;
}

static int threads_now(void)
{
	const char *s = strstr(read_file("/proc/self/status"), "\nThreads:");
	return s ? atoi(s + 9) : -1;
}

int main(void)
{
	pthread_t t[THREADS];
	signal(SIGUSR1, on_usr1);
	CHECK_EQ(threads_now(), 1);
	CHECK_EQ(gettid(), getpid());
	CHECK_EQ(pthread_barrier_init(&bar, NULL, THREADS + 1), 0);
	for (int i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i), 0);
	pthread_barrier_wait(&bar);
	int distinct = 1, same_pid = 1;
	for (int i = 0; i < THREADS; i++) {
		same_pid &= pids[i] == getpid() && ppids[i] == getppid();
		distinct &= tids[i] > 0 && tids[i] != getpid() && pthread_equal(selves[i], t[i]) &&
			!pthread_equal(selves[i], pthread_self());
		for (int j = 0; j < i; j++)
			distinct &= tids[i] != tids[j] && !pthread_equal(selves[i], selves[j]);
	}
	CHECK(same_pid);
	CHECK(distinct);
	int n = threads_now();
	CHECK_EQ(n, THREADS + 1);
	printf("%d threads: same pid and ppid: %s, own tids and pthread_t: %s, Threads: %d\n",
	       THREADS, same_pid ? "yes" : "no", distinct ? "yes" : "no", n);

	CHECK_EQ(syscall(SYS_tgkill, getpid(), tids[3], SIGUSR1), 0);
	for (int i = 0; i < 2000 && atomic_load(&hit_index) == -2; i++) {
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
	CHECK_EQ(atomic_load(&hit_index), 3);
	CHECK_ERRNO(syscall(SYS_tgkill, getpid() + 100000, tids[3], 0), ESRCH);
	CHECK_EQ(syscall(SYS_tgkill, getpid(), tids[3], 0), 0);
	printf("tgkill: handled by thread %d\n", atomic_load(&hit_index));

	pthread_barrier_wait(&bar);
	for (int i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	/* a joined thread's tid is gone (the kernel clears it just before the join returns) */
	int gone = 0;
	for (int i = 0; i < 1000 && !gone; i++) {
		gone = syscall(SYS_tgkill, getpid(), tids[0], 0) == -1 && errno == ESRCH;
		if (!gone)
			usleep(1000);
	}
	CHECK(gone);
	for (int i = 0; i < 1000 && threads_now() != 1; i++)
		usleep(1000);
	CHECK_EQ(threads_now(), 1);
	printf("after the joins: tgkill of an old tid: ESRCH, Threads: %d\n", threads_now());
	return check_done();
}
