/* compare: native */
/* SIGSTOP stops every thread of a process, SIGCONT resumes them all: a child
 * whose three threads each write a tick to a pipe every millisecond falls
 * silent once waitpid reports it stopped, and every thread ticks again after
 * SIGCONT. SIGKILL then ends it. */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define THREADS 3

static int fd[2];

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

static void *ticker(void *arg)
{
	char c = 'a' + (int)(intptr_t)arg;
	for (;;) {
		write(fd[1], &c, 1);
		pause_ms(1);
	}
	return NULL;
}

/* Reads ticks until each thread's letter has been seen (up to 5 s). */
static int all_tick(void)
{
	int seen = 0;
	char buf[64];
	for (int i = 0; i < 5000 && seen != (1 << THREADS) - 1; i++) {
		ssize_t n = read(fd[0], buf, sizeof buf);
		for (ssize_t k = 0; k < n; k++)
			if (buf[k] >= 'a' && buf[k] < 'a' + THREADS)
				seen |= 1 << (buf[k] - 'a');
		if (n <= 0)
			pause_ms(1);
	}
	return seen == (1 << THREADS) - 1;
}

static int drain(void)
{
	char buf[256];
	int total = 0;
	ssize_t n;
	while ((n = read(fd[0], buf, sizeof buf)) > 0)
		total += n;
	return total;
}

int main(void)
{
	int st;
	CHECK_EQ(pipe(fd), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		pthread_t t;
		for (int i = 1; i < THREADS; i++)
			if (pthread_create(&t, NULL, ticker, (void *)(intptr_t)i) != 0)
				_exit(2);
		ticker((void *)0);
	}
	CHECK(pid > 0);
	close(fd[1]);
	CHECK_EQ(fcntl(fd[0], F_SETFL, O_NONBLOCK), 0);
	int before = all_tick();
	CHECK(before);

	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	drain();
	pause_ms(30);
	int quiet = drain();
	CHECK_EQ(quiet, 0);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &st, WCONTINUED), pid);
	CHECK(WIFCONTINUED(st));
	int after = all_tick();
	CHECK(after);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	printf("%d threads ticking: %s; stopped: %d ticks in 30 ms; continued: all ticking: %s; SIGKILL: %s\n",
	       THREADS, before ? "yes" : "no", quiet, after ? "yes" : "no",
	       WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL ? "killed" : "survived");
	return check_done();
}
