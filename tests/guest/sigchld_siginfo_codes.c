/* compare: native */
/* SIGCHLD's siginfo says what happened to the child: CLD_EXITED with the exit
 * status, CLD_KILLED with the signal, CLD_STOPPED and CLD_CONTINUED with the
 * stop or continue signal, each with the child's pid. With SA_NOCLDSTOP, stops
 * and continues send no SIGCHLD; exits still do. Taken with sigwaitinfo, the
 * signal blocked. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static sigset_t chld;

static const char *code(int c)
{
	return c == CLD_EXITED ? "CLD_EXITED" : c == CLD_KILLED ? "CLD_KILLED" : c == CLD_DUMPED ? "CLD_DUMPED" :
	       c == CLD_STOPPED ? "CLD_STOPPED" : c == CLD_CONTINUED ? "CLD_CONTINUED" : "other";
}

static const char *sig(int s)
{
	return s == SIGTERM ? "SIGTERM" : s == SIGSTOP ? "SIGSTOP" : s == SIGCONT ? "SIGCONT" : "other";
}

/* The next SIGCHLD: its si_code, checking si_pid. */
static siginfo_t next(pid_t pid)
{
	siginfo_t si;
	memset(&si, 0, sizeof si);
	struct timespec ts = { 5, 0 };
	CHECK_EQ(sigtimedwait(&chld, &si, &ts), SIGCHLD);
	CHECK_EQ(si.si_pid, pid);
	return si;
}

static int none(void)
{
	siginfo_t si;
	struct timespec ts = { 0, 30000000 };
	return sigtimedwait(&chld, &si, &ts) == -1;
}

static pid_t sleeper(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK(pid > 0);
	return pid;
}

static void set_flags(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = flags;
	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
}

int main(void)
{
	int st;
	siginfo_t si;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &chld, NULL), 0);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(42);
	si = next(pid);
	CHECK_EQ(si.si_code, CLD_EXITED);
	CHECK_EQ(si.si_status, 42);
	printf("exit: %s status %d\n", code(si.si_code), si.si_status);
	CHECK_EQ(waitpid(pid, &st, 0), pid);

	pid = sleeper();
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	si = next(pid);
	CHECK_EQ(si.si_code, CLD_STOPPED);
	CHECK_EQ(si.si_status, SIGSTOP);
	printf("stop: %s %s\n", code(si.si_code), sig(si.si_status));
	CHECK_EQ(kill(pid, SIGCONT), 0);
	si = next(pid);
	CHECK_EQ(si.si_code, CLD_CONTINUED);
	CHECK_EQ(si.si_status, SIGCONT);
	printf("continue: %s %s\n", code(si.si_code), sig(si.si_status));
	CHECK_EQ(kill(pid, SIGTERM), 0);
	si = next(pid);
	CHECK_EQ(si.si_code, CLD_KILLED);
	CHECK_EQ(si.si_status, SIGTERM);
	printf("kill: %s %s\n", code(si.si_code), sig(si.si_status));
	CHECK_EQ(waitpid(pid, &st, 0), pid);

	set_flags(SA_NOCLDSTOP);
	pid = sleeper();
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	int quiet_stop = none();
	CHECK(quiet_stop);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &st, WCONTINUED), pid);
	int quiet_cont = none();
	CHECK(quiet_cont);
	CHECK_EQ(kill(pid, SIGTERM), 0);
	si = next(pid);
	CHECK_EQ(si.si_code, CLD_KILLED);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	printf("SA_NOCLDSTOP: no SIGCHLD for stop (%s) or continue (%s); %s at the end\n",
	       quiet_stop ? "none" : "sent", quiet_cont ? "none" : "sent", code(si.si_code));
	return check_done();
}
