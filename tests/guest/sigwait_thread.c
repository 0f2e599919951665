/* compare: native */
/* The signal-thread pattern: every thread blocks SIGUSR1, SIGUSR2 and SIGTERM
 * and one thread takes them with sigwait while the others work. Signals sent
 * to the process (by us and by a child) all reach it, one sigwait each; a
 * standard signal sent twice while nobody waits is taken once; no handler
 * runs anywhere; SIGTERM ends the loop. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static sigset_t set;
static atomic_int got_usr1, got_usr2, handler_runs, stop_workers;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int taken;

static void on_sig(int sig)
{
	(void)sig;
	atomic_fetch_add(&handler_runs, 1);
}

static void *signal_thread(void *arg)
{
	(void)arg;
	for (;;) {
		int sig = 0;
		if (sigwait(&set, &sig) != 0)
			return (void *)1;
		if (sig == SIGTERM)
			return NULL;
		atomic_fetch_add(sig == SIGUSR1 ? &got_usr1 : &got_usr2, 1);
		pthread_mutex_lock(&m);
		taken++;
		pthread_cond_broadcast(&cv);
		pthread_mutex_unlock(&m);
	}
}

static void *worker(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop_workers))
		sched_yield();
	return NULL;
}

static void wait_taken(int n)
{
	pthread_mutex_lock(&m);
	while (taken < n)
		pthread_cond_wait(&cv, &m);
	pthread_mutex_unlock(&m);
}

int main(void)
{
	pthread_t st, w[2];
	signal(SIGUSR1, on_sig);
	signal(SIGUSR2, on_sig);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	CHECK_EQ(pthread_sigmask(SIG_BLOCK, &set, NULL), 0);
	for (int i = 0; i < 2; i++)
		CHECK_EQ(pthread_create(&w[i], NULL, worker, NULL), 0);

	/* two SIGUSR1 before anyone waits: one pending signal */
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(pthread_create(&st, NULL, signal_thread, NULL), 0);
	wait_taken(1);
	for (int i = 0; i < 5; i++) {
		CHECK_EQ(kill(getpid(), i % 2 ? SIGUSR2 : SIGUSR1), 0);
		wait_taken(2 + i);
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	CHECK(pid > 0);
	wait_taken(7);
	int s;
	CHECK_EQ(waitpid(pid, &s, 0), pid);
	CHECK_EQ(kill(getpid(), SIGTERM), 0);
	void *r = (void *)-1;
	CHECK_EQ(pthread_join(st, &r), 0);
	CHECK(r == NULL);
	atomic_store(&stop_workers, 1);
	for (int i = 0; i < 2; i++)
		CHECK_EQ(pthread_join(w[i], NULL), 0);
	CHECK_EQ(atomic_load(&got_usr1), 4);
	CHECK_EQ(atomic_load(&got_usr2), 3);
	CHECK_EQ(atomic_load(&handler_runs), 0);
	printf("sigwait thread: SIGUSR1 %d, SIGUSR2 %d (one from a child), handlers %d, ended by SIGTERM\n",
	       atomic_load(&got_usr1), atomic_load(&got_usr2), atomic_load(&handler_runs));
	return check_done();
}
