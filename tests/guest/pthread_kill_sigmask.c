/* compare: native */
/* Signal masks are per thread and signals can target one thread. A new thread
 * inherits its creator's mask. pthread_kill runs the handler on the thread it
 * names and on no other; raise in a thread is for that thread. A
 * process-directed kill goes to the one thread that does not block the
 * signal. A signal sent to a thread that blocks it stays pending for that
 * thread only (sigpending there, not in another thread) and is handled by it
 * as soon as it unblocks. pthread_kill with 0 checks the thread; a bad number
 * is EINVAL; pthread_sigmask with a bad `how` is EINVAL. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define THREADS 4
#define MAIN THREADS

static _Thread_local int my_id = MAIN;
static atomic_int hits1[THREADS + 1], hits2[THREADS + 1];
static atomic_int cmd[THREADS], ready, stop;
static int inherited_ok[THREADS];
static int pend_here[THREADS];

enum { CMD_NONE, CMD_PENDING, CMD_UNBLOCK1, CMD_RAISE1 };

static void on_usr1(int sig)
{
	(void)sig;
	atomic_fetch_add(&hits1[my_id], 1);
}

static void on_usr2(int sig)
{
	(void)sig;
	atomic_fetch_add(&hits2[my_id], 1);
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg;
	sigset_t s, one;
	my_id = id;
	pthread_sigmask(SIG_BLOCK, NULL, &s);
	inherited_ok[id] = sigismember(&s, SIGUSR2) && !sigismember(&s, SIGUSR1);
	sigemptyset(&one);
	if (id == 3) {
		sigaddset(&one, SIGUSR2);
		pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	}
	if (id == 1) {
		sigaddset(&one, SIGUSR1);
		pthread_sigmask(SIG_BLOCK, &one, NULL);
	}
	atomic_fetch_add(&ready, 1);
	while (!atomic_load(&stop)) {
		switch (atomic_load(&cmd[id])) {
		case CMD_PENDING:
			sigpending(&s);
			pend_here[id] = sigismember(&s, SIGUSR1);
			break;
		case CMD_UNBLOCK1:
			sigemptyset(&one);
			sigaddset(&one, SIGUSR1);
			pthread_sigmask(SIG_UNBLOCK, &one, NULL);
			break;
		case CMD_RAISE1:
			raise(SIGUSR1);
			break;
		}
		atomic_store(&cmd[id], CMD_NONE);
		pause_ms(1);
	}
	return NULL;
}

static void command(int id, int c)
{
	atomic_store(&cmd[id], c);
	while (atomic_load(&cmd[id]) != CMD_NONE)
		pause_ms(1);
}

/* Waits (up to 2 s) for counter to reach want, then a little more for any
 * delivery that should not happen. */
static void settle(atomic_int *counter, int want)
{
	for (int i = 0; i < 2000 && atomic_load(counter) < want; i++)
		pause_ms(1);
	pause_ms(10);
}

/* The hit counts as a string, one digit per thread, main last. */
static const char *counts(atomic_int *h)
{
	static char s[2][THREADS + 2];
	static int which;
	char *p = s[which ^= 1];
	for (int i = 0; i <= THREADS; i++)
		p[i] = '0' + atomic_load(&h[i]);
	p[THREADS + 1] = 0;
	return p;
}

int main(void)
{
	pthread_t t[THREADS];
	struct sigaction sa;
	sigset_t usr2, old, cur;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sa.sa_handler = on_usr2;
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	CHECK_EQ(pthread_sigmask(SIG_BLOCK, &usr2, &old), 0);
	CHECK(!sigismember(&old, SIGUSR2));
	CHECK_EQ(pthread_sigmask(12345, &usr2, NULL), EINVAL);
	CHECK_EQ(pthread_sigmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK(sigismember(&cur, SIGUSR2));
	for (int i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i), 0);
	while (atomic_load(&ready) < THREADS)
		pause_ms(1);
	for (int i = 0; i < THREADS; i++)
		CHECK(inherited_ok[i]);

	CHECK_EQ(pthread_kill(t[2], SIGUSR1), 0);
	settle(&hits1[2], 1);
	CHECK_STR(counts(hits1), "00100");
	CHECK_EQ(pthread_kill(t[0], SIGUSR1), 0);
	settle(&hits1[0], 1);
	CHECK_STR(counts(hits1), "10100");
	printf("pthread_kill: handled by the named thread only: %s\n", counts(hits1));

	command(2, CMD_RAISE1);
	CHECK_STR(counts(hits1), "10200");
	printf("raise in a thread: handled there: %s\n", counts(hits1));

	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	settle(&hits2[3], 1);
	CHECK_STR(counts(hits2), "00010");
	printf("kill to the process: handled by the one thread not blocking it: %s\n", counts(hits2));

	CHECK_EQ(pthread_kill(t[1], SIGUSR1), 0);
	pause_ms(20);
	CHECK_STR(counts(hits1), "10200");
	command(1, CMD_PENDING);
	command(2, CMD_PENDING);
	CHECK_EQ(pend_here[1], 1);
	CHECK_EQ(pend_here[2], 0);
	CHECK_EQ(sigpending(&cur), 0);
	CHECK(!sigismember(&cur, SIGUSR1));
	command(1, CMD_UNBLOCK1);
	CHECK_STR(counts(hits1), "11200");
	printf("blocked in the target: pending there (%d) not elsewhere (%d), handled on unblock: %s\n",
	       pend_here[1], pend_here[2], counts(hits1));

	CHECK_EQ(pthread_kill(t[3], 0), 0);
	CHECK_EQ(pthread_kill(t[3], 12345), EINVAL);
	atomic_store(&stop, 1);
	for (int i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	return check_done();
}
