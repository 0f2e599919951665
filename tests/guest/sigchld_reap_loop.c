/* compare: native */
/* A SIGCHLD handler that reaps with waitpid(-1, WNOHANG) in a loop collects
 * every child even though SIGCHLD does not queue: 30 children exit with their
 * own status at staggered times, main waits in sigsuspend until all are
 * reaped, each exactly once with the right status. Then with SA_RESTART the
 * same handler runs while main is blocked in read on a pipe the children
 * write to: the read is restarted, every byte arrives, every child is reaped.
 * Afterwards wait has nothing left: ECHILD. */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define KIDS 30

static pid_t pids[KIDS];
static volatile int reaped, wrong, handler_calls;
static int seen[KIDS];

static void on_chld(int sig)
{
	int saved = errno, st;
	pid_t pid;
	(void)sig;
	handler_calls++;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		int i;
		for (i = 0; i < KIDS && pids[i] != pid; i++)
			;
		if (i == KIDS || seen[i] || !WIFEXITED(st) || WEXITSTATUS(st) != i + 10)
			wrong++;
		else
			seen[i] = 1;
		reaped++;
	}
	errno = saved;
}

static void spawn_kids(int wfd)
{
	fflush(stdout);
	for (int i = 0; i < KIDS; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			struct timespec ts = { 0, (i % 5) * 2000000L };
			nanosleep(&ts, NULL);
			if (wfd >= 0)
				write(wfd, "k", 1);
			_exit(i + 10);
		}
		CHECK(pid > 0);
		pids[i] = pid; /* SIGCHLD is blocked: the handler cannot run before this */
	}
}

int main(void)
{
	struct sigaction sa;
	sigset_t chld, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_chld;
	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &chld, &old), 0);

	spawn_kids(-1);
	while (reaped < KIDS)
		sigsuspend(&old);
	CHECK_EQ(reaped, KIDS);
	CHECK_EQ(wrong, 0);
	CHECK(handler_calls >= 1 && handler_calls <= KIDS);
	printf("sigsuspend loop: %d children reaped by the handler, %d wrong\n", reaped, wrong);

	sa.sa_flags = SA_RESTART;
	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
	reaped = wrong = 0;
	memset(seen, 0, sizeof seen);
	int fd[2];
	CHECK_EQ(pipe(fd), 0);
	spawn_kids(fd[1]);
	close(fd[1]);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	int bytes = 0;
	char buf[KIDS];
	for (;;) {
		ssize_t n = read(fd[0], buf, sizeof buf);
		if (n <= 0) {
			CHECK_EQ(n, 0); /* never EINTR: SA_RESTART */
			break;
		}
		bytes += n;
	}
	CHECK_EQ(bytes, KIDS);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &chld, NULL), 0);
	while (reaped < KIDS)
		sigsuspend(&old);
	CHECK_EQ(reaped, KIDS);
	CHECK_EQ(wrong, 0);
	printf("SA_RESTART read: %d bytes, %d children reaped, %d wrong\n", bytes, reaped, wrong);
	int st;
	CHECK_ERRNO(waitpid(-1, &st, WNOHANG), ECHILD);
	return check_done();
}
