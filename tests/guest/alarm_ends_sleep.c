/* compare: native */
/* alarm(1) ends a sleep(10) early: the handler ran and sleep returns the
 * seconds left. A timer signal ends pause (-1 EINTR) and nanosleep (EINTR,
 * with the time left in rem). alarm returns the seconds left of the previous
 * alarm and alarm(0) cancels it. Without a handler, SIGALRM kills (a child
 * blocked in pause). */
#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void ms_timer(int ms)
{
	struct itimerval it = { { 0, 0 }, { 0, ms * 1000 } };
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);

	CHECK_EQ(alarm(5), 0);
	CHECK_EQ(alarm(0), 5);
	CHECK_EQ(alarm(0), 0);
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	CHECK_EQ(setitimer(ITIMER_REAL, &off, NULL), 0);
	if (check_failures) /* no timers: the sleeps below would not end early */
		return check_done();

	double t0 = now();
	CHECK_EQ(alarm(1), 0);
	unsigned left = sleep(10);
	double took = now() - t0;
	CHECK_EQ(alarms, 1);
	CHECK(left >= 8 && left <= 9);
	CHECK(took >= 0.99 && took < 5);
	printf("alarm(1) ended sleep(10): handler ran %d time, 8 or 9 seconds left: %s\n", (int)alarms,
	       left >= 8 && left <= 9 ? "yes" : "no");

	ms_timer(20);
	t0 = now();
	CHECK_ERRNO(pause(), EINTR);
	took = now() - t0;
	CHECK_EQ(alarms, 2);
	CHECK(took >= 0.019);
	printf("a 20 ms timer ended pause: EINTR\n");

	struct timespec req = { 2, 0 }, rem = { 0, 0 };
	ms_timer(20);
	CHECK_ERRNO(nanosleep(&req, &rem), EINTR);
	CHECK_EQ(alarms, 3);
	double r = rem.tv_sec + rem.tv_nsec / 1e9;
	CHECK(r > 1.0 && r <= 1.981);
	printf("a 20 ms timer ended nanosleep(2 s): EINTR, between 1 and 1.98 s left: %s\n",
	       r > 1.0 && r <= 1.981 ? "yes" : "no");

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		ms_timer(10);
		pause();
		_exit(0);
	}
	CHECK(pid > 0);
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM);
	printf("without a handler SIGALRM killed the child: %s\n",
	       WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM ? "yes" : "no");
	return check_done();
}
