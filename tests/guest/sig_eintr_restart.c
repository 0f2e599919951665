/* compare: native */
/* A caught signal interrupts a blocked system call. Without SA_RESTART, read
 * on an empty pipe, write to a full pipe and waitpid fail with EINTR after the
 * handler ran. With SA_RESTART, read and waitpid go on transparently through
 * many signals and return their result, while poll and nanosleep still fail
 * with EINTR (Linux never restarts them). The signals come from an interval
 * timer (SIGALRM); the data and the exits from a child. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

static void handler(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = flags;
	CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
}

/* SIGALRM after ms, then every interval_ms (0: once). */
static void timer(int ms, int interval_ms)
{
	struct itimerval it = { { 0, interval_ms * 1000 }, { 0, ms * 1000 } };
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
}

static void stop_timer(void)
{
	timer(0, 0);
}

/* A child that sleeps ms, writes a byte to fd (if fd >= 0) and exits with 3. */
static pid_t later(int fd, int ms)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, ms * 1000000L };
		nanosleep(&ts, NULL);
		if (fd >= 0)
			write(fd, "x", 1);
		_exit(3);
	}
	CHECK(pid > 0);
	return pid;
}

int main(void)
{
	int fd[2], st;
	char c;
	CHECK_EQ(pipe(fd), 0);
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	CHECK_EQ(setitimer(ITIMER_REAL, &off, NULL), 0);
	if (check_failures) /* no timer: the blocking calls below would never end */
		return check_done();

	handler(0);
	alarms = 0;
	timer(20, 0);
	CHECK_ERRNO(read(fd[0], &c, 1), EINTR);
	CHECK_EQ(alarms, 1);
	printf("no SA_RESTART: read EINTR, handler ran %d time\n", (int)alarms);

	CHECK_EQ(fcntl(fd[1], F_SETFL, O_NONBLOCK), 0);
	static char block[4096];
	int e = 0;
	for (size_t size = sizeof block; size; size /= 2) { /* to the last byte */
		while (write(fd[1], block, size) > 0)
			;
		e = errno;
	}
	CHECK_EQ(e, EAGAIN);
	CHECK_EQ(fcntl(fd[1], F_SETFL, 0), 0);
	alarms = 0;
	timer(20, 0);
	CHECK_ERRNO(write(fd[1], block, 1), EINTR);
	CHECK_EQ(alarms, 1);
	printf("no SA_RESTART: write to a full pipe EINTR\n");
	close(fd[0]);
	close(fd[1]);
	CHECK_EQ(pipe(fd), 0);

	int hold[2];
	CHECK_EQ(pipe(hold), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(hold[1]);
		read(hold[0], &c, 1);
		_exit(4);
	}
	close(hold[0]);
	alarms = 0;
	timer(20, 0);
	CHECK_ERRNO(waitpid(pid, &st, 0), EINTR);
	CHECK_EQ(alarms, 1);
	close(hold[1]);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4);
	printf("no SA_RESTART: waitpid EINTR\n");

	handler(SA_RESTART);
	alarms = 0;
	pid = later(fd[1], 60);
	timer(5, 5);
	c = 0;
	CHECK_EQ(read(fd[0], &c, 1), 1);
	stop_timer();
	CHECK_EQ(c, 'x');
	CHECK(alarms >= 1);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	printf("SA_RESTART: read restarted through the signals, got '%c'\n", c);

	alarms = 0;
	pid = later(-1, 60);
	timer(5, 5);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	stop_timer();
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	CHECK(alarms >= 1);
	printf("SA_RESTART: waitpid restarted, status %d\n", WEXITSTATUS(st));

	struct pollfd p = { fd[0], POLLIN, 0 };
	alarms = 0;
	timer(20, 0);
	CHECK_ERRNO(poll(&p, 1, -1), EINTR);
	CHECK_EQ(alarms, 1);
	struct timespec ts = { 5, 0 }, rem = { 0, 0 };
	timer(20, 0);
	CHECK_ERRNO(nanosleep(&ts, &rem), EINTR);
	CHECK_EQ(alarms, 2);
	CHECK(rem.tv_sec >= 3 && rem.tv_sec < 5);
	printf("SA_RESTART: poll and nanosleep still EINTR\n");
	return check_done();
}
