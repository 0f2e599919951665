/* compare: native */
/* SIGSTOP stops a child and SIGCONT continues it; waitpid reports each change
 * once: WIFSTOPPED with WUNTRACED (invisible without it), WIFCONTINUED with
 * WCONTINUED; waitid sees CLD_STOPPED for a SIGTSTP stop. A stopped child makes
 * no progress (its pipe stays silent) and resumes after SIGCONT, whose handler
 * runs. SIGKILL ends a stopped child. A child computing without system calls
 * stops and continues too. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static int conts[2];

static void on_cont(int sig)
{
	(void)sig;
	write(conts[1], "C", 1);
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

/* Empties the non-blocking fd; the number of bytes read. */
static int drain(int fd)
{
	char buf[256];
	int total = 0;
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		total += n;
	return total;
}

static const char *sig_name(int sig)
{
	return sig == SIGSTOP ? "SIGSTOP" : sig == SIGTSTP ? "SIGTSTP" : sig == SIGKILL ? "SIGKILL" : "other";
}

static void ticking(void)
{
	int fd[2], st;
	siginfo_t si;
	char c;
	CHECK_EQ(pipe(fd), 0);
	CHECK_EQ(pipe(conts), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_cont;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGCONT, &sa, NULL);
		signal(SIGTSTP, SIG_DFL);
		for (;;) {
			write(fd[1], "t", 1);
			pause_ms(1);
		}
	}
	CHECK(pid > 0);
	close(fd[1]);
	close(conts[1]);
	CHECK_EQ(read(fd[0], &c, 1), 1);
	CHECK_EQ(fcntl(fd[0], F_SETFL, O_NONBLOCK), 0);
	CHECK_EQ(fcntl(conts[0], F_SETFL, O_NONBLOCK), 0);

	CHECK_EQ(kill(pid, SIGSTOP), 0);
	memset(&si, 0, sizeof si);
	CHECK_EQ(waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT), 0);
	CHECK_EQ(si.si_code, CLD_STOPPED);
	CHECK_EQ(waitpid(pid, &st, WNOHANG), 0); /* no WUNTRACED: not reported */
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	printf("SIGSTOP: WIFSTOPPED %d, WSTOPSIG %s\n", WIFSTOPPED(st), sig_name(WSTOPSIG(st)));
	CHECK_EQ(WSTOPSIG(st), SIGSTOP);
	CHECK_EQ(waitpid(pid, &st, WNOHANG | WUNTRACED), 0); /* reported once */
	drain(fd[0]);
	pause_ms(30);
	int quiet = drain(fd[0]);
	CHECK_EQ(quiet, 0);
	CHECK_ERRNO(read(conts[0], &c, 1), EAGAIN);
	printf("stopped: %d bytes in 30 ms\n", quiet);

	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &st, WCONTINUED), pid);
	CHECK(WIFCONTINUED(st));
	CHECK_EQ(waitpid(pid, &st, WNOHANG | WCONTINUED), 0);
	CHECK_EQ(fcntl(fd[0], F_SETFL, 0), 0);
	CHECK_EQ(read(fd[0], &c, 1), 1); /* ticking again */
	CHECK_EQ(fcntl(conts[0], F_SETFL, 0), 0);
	CHECK_EQ(read(conts[0], &c, 1), 1);
	CHECK_EQ(c, 'C');
	printf("SIGCONT: WIFCONTINUED %d, ticking again, handler ran\n", WIFCONTINUED(st));

	CHECK_EQ(kill(pid, SIGTSTP), 0);
	memset(&si, 0, sizeof si);
	CHECK_EQ(waitid(P_PID, pid, &si, WSTOPPED), 0);
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_code, CLD_STOPPED);
	CHECK_EQ(si.si_status, SIGTSTP);
	printf("SIGTSTP: waitid CLD_STOPPED, status %s\n", sig_name(si.si_status));
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	printf("SIGKILL while stopped: %s\n", WIFSIGNALED(st) ? sig_name(WTERMSIG(st)) : "survived");
	close(fd[0]);
	close(conts[0]);
}

static void computing(void)
{
	int fd[2], st;
	char c;
	CHECK_EQ(pipe(fd), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		volatile unsigned long n = 0;
		write(fd[1], "r", 1);
		for (;;)
			n++;
	}
	CHECK(pid > 0);
	close(fd[1]);
	CHECK_EQ(read(fd[0], &c, 1), 1);
	close(fd[0]);
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(kill(pid, SIGSTOP), 0);
		CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
		CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
		CHECK_EQ(kill(pid, SIGCONT), 0);
		CHECK_EQ(waitpid(pid, &st, WCONTINUED), pid);
		CHECK(WIFCONTINUED(st));
	}
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	printf("computing child: stopped and continued 3 times, then %s\n",
	       WIFSIGNALED(st) ? sig_name(WTERMSIG(st)) : "exited");
}

int main(void)
{
	ticking();
	computing();
	return check_done();
}
