/* compare: native */
/* A child's exit sends SIGCHLD to its parent: with SIGCHLD blocked it shows in
 * sigpending once the child is a zombie (and stays there after the reap), and
 * setting it to SIG_IGN discards it. With SIGCHLD ignored (SIG_IGN), or with
 * SA_NOCLDWAIT, children are reaped at exit: wait blocks until they are all
 * gone and then fails with ECHILD, leaving no zombie behind. Back at SIG_DFL
 * without the flag, a child is a zombie to wait for again. */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KIDS 3

static int chld_pending(void)
{
	sigset_t set;
	sigemptyset(&set);
	CHECK_EQ(sigpending(&set), 0);
	return sigismember(&set, SIGCHLD);
}

static void set_chld(void (*handler)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
}

/* Forks KIDS children that write a byte and exit after a few ms each, then
 * waits: under SIG_IGN or SA_NOCLDWAIT that wait returns only when all of them
 * are gone, so every byte is there. */
static void auto_reaped(const char *how)
{
	pid_t pids[KIDS];
	int fd[2], status;
	char buf[KIDS + 1];
	CHECK_EQ(pipe(fd), 0);
	fflush(stdout);
	for (int i = 0; i < KIDS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			struct timespec ts = { 0, 20000000 * (i + 1) };
			nanosleep(&ts, NULL);
			write(fd[1], "k", 1);
			_exit(i);
		}
		CHECK(pids[i] > 0);
	}
	close(fd[1]);
	CHECK_ERRNO(wait(&status), ECHILD);
	CHECK_EQ(fcntl(fd[0], F_SETFL, O_NONBLOCK), 0);
	CHECK_EQ(read(fd[0], buf, sizeof(buf)), KIDS);
	close(fd[0]);
	for (int i = 0; i < KIDS; i++) {
		CHECK_ERRNO(waitpid(pids[i], &status, WNOHANG), ECHILD);
		/* no zombie: the pid goes away (Linux frees it just after waking us) */
		for (int n = 0; n < 1000 && getpgid(pids[i]) >= 0; n++)
			usleep(1000);
		CHECK_ERRNO(getpgid(pids[i]), ESRCH);
	}
	printf("%s: %d children reaped at exit, wait: ECHILD\n", how, KIDS);
}

int main(void)
{
	sigset_t chld, old;
	int fd[2], status;
	char c = 'x';

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &chld, &old), 0);
	CHECK(!chld_pending());

	CHECK_EQ(pipe(fd), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[1]);
		read(fd[0], &c, 1);
		_exit(5);
	}
	CHECK(pid > 0);
	close(fd[0]);
	CHECK(!chld_pending()); /* still running */
	CHECK_EQ(write(fd[1], &c, 1), 1);
	siginfo_t si;
	CHECK_EQ(waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	int zombie = chld_pending();
	CHECK(zombie);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
	int reaped = chld_pending();
	CHECK(reaped);
	printf("blocked SIGCHLD pending after the exit: %s, after the reap: %s\n",
	       zombie ? "yes" : "no", reaped ? "yes" : "no");
	/* POSIX: setting a pending signal to SIG_IGN discards it */
	set_chld(SIG_IGN, 0);
	CHECK(!chld_pending());
	set_chld(SIG_DFL, 0);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	close(fd[1]);

	set_chld(SIG_IGN, 0);
	auto_reaped("SIG_IGN");
	set_chld(SIG_DFL, SA_NOCLDWAIT);
	auto_reaped("SA_NOCLDWAIT");

	set_chld(SIG_DFL, 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(6);
	CHECK(pid > 0);
	status = 0;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 6);
	printf("SIG_DFL again: a zombie, reaped with status %d\n", WEXITSTATUS(status));
	return check_done();
}
