/* compare: native */
/* A sleep that a signal wakes but does not end goes on to the deadline it
 * had. A sleep stopped by SIGTSTP and continued by SIGCONT (^Z and fg):
 * nanosleep, clock_nanosleep and poll with a relative timeout of 3 s, stopped
 * after 1 s for half a second, end about 3 s after they began, not 3 s after
 * the SIGCONT. A thread's 2 s nanosleep woken after 1 s for a signal that
 * another thread takes (a restart, as no handler ran in it) ends 2 s after
 * it began, not 3. The margins are wide. */
#include "check.h"
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void nap(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (time_t)s) * 1e9) };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* The child: tells the parent it starts, sleeps 3 s the way kind says, and
 * exits 0 if it woke between 3 and 4.2 s later. */
static void sleeper(int kind, int fd)
{
	struct timespec ts = { 3, 0 };
	int r;

	double t0 = now();
	if (write(fd, "x", 1) != 1)
		_exit(2);
	if (kind == 0)
		r = nanosleep(&ts, NULL);
	else if (kind == 1)
		r = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	else
		r = poll(NULL, 0, 3000);
	double slept = now() - t0;
	_exit(r == 0 && slept >= 3.0 && slept < 4.2 ? 0 : 1);
}

static volatile int asleep, handled;
static double thread_slept;

static void on_usr1(int sig)
{
	handled += sig == SIGUSR1;
}

static void *sleep_2s(void *arg)
{
	struct timespec ts = { 2, 0 };
	double t0 = now();
	asleep = 1;
	CHECK_EQ(nanosleep(&ts, NULL), 0);
	thread_slept = now() - t0;
	return arg;
}

int main(void)
{
	pthread_t t;
	signal(SIGUSR1, on_usr1);
	CHECK_EQ(pthread_create(&t, NULL, sleep_2s, NULL), 0);
	while (!asleep)
		sched_yield();
	nap(1.0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0); /* this thread takes it */
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(handled, 1);
	CHECK(thread_slept >= 2.0 && thread_slept < 2.7);
	printf("a thread's nanosleep after another took the signal: %s\n",
	       thread_slept >= 2.0 && thread_slept < 2.7 ? "ends at its first deadline" : "does not");

	static const char *names[] = { "nanosleep", "clock_nanosleep", "poll" };
	pid_t pids[3];
	int st;

	for (int k = 0; k < 3; k++) {
		int p[2];
		char c;
		CHECK_EQ(pipe(p), 0);
		pids[k] = fork();
		if (pids[k] == 0)
			sleeper(k, p[1]);
		CHECK(pids[k] > 0);
		CHECK_EQ(read(p[0], &c, 1), 1);
		close(p[0]);
		close(p[1]);
	}
	nap(1.0);
	for (int k = 0; k < 3; k++) {
		CHECK_EQ(kill(pids[k], SIGTSTP), 0);
		CHECK_EQ(waitpid(pids[k], &st, WUNTRACED), pids[k]);
		CHECK(WIFSTOPPED(st));
	}
	nap(0.5);
	for (int k = 0; k < 3; k++)
		CHECK_EQ(kill(pids[k], SIGCONT), 0);
	for (int k = 0; k < 3; k++) {
		CHECK_EQ(waitpid(pids[k], &st, 0), pids[k]);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		printf("%s after a stop: %s\n", names[k],
		       WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "ends at its first deadline" : "does not");
	}
	return check_done();
}
