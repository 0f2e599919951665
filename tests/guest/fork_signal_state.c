/* compare: native */
/* What a forked child inherits of the signal state: the dispositions (a
 * handler still runs, SIG_IGN still ignores) and the mask, but no pending
 * signals and no alarm or interval timer (POSIX). exec then keeps the mask
 * and the ignored signals and resets caught ones to SIG_DFL. */
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "executil.h"

static volatile sig_atomic_t usr2;

static void on_usr2(int sig)
{
	(void)sig;
	usr2++;
}

/* After exec: report the state as exit status bits. */
static int after_exec(void)
{
	struct sigaction sa;
	sigset_t cur;
	int bits = 0;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	bits |= sigismember(&cur, SIGUSR1) ? 1 : 0;           /* mask kept */
	sigaction(SIGUSR2, NULL, &sa);
	bits |= sa.sa_handler == SIG_DFL ? 2 : 0;             /* caught -> default */
	sigaction(SIGHUP, NULL, &sa);
	bits |= sa.sa_handler == SIG_IGN ? 4 : 0;             /* ignored stays */
	return bits;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "after-exec") == 0)
		return after_exec();
	self_init(argv);
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0); /* pending in the parent */
	signal(SIGUSR2, on_usr2);
	signal(SIGHUP, SIG_IGN);
	alarm(100);
	struct itimerval it = { { 50, 0 }, { 50, 0 } };
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	alarm(100);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t pend, cur;
		struct itimerval now;
		int bits = 0;
		sigpending(&pend);
		bits |= !sigismember(&pend, SIGUSR1) ? 1 : 0;
		sigprocmask(SIG_BLOCK, NULL, &cur);
		bits |= sigismember(&cur, SIGUSR1) ? 2 : 0;
		getitimer(ITIMER_REAL, &now);
		bits |= now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0 ? 4 : 0;
		bits |= alarm(0) == 0 ? 8 : 0;
		raise(SIGUSR2);
		bits |= usr2 == 1 ? 16 : 0;
		raise(SIGHUP); /* ignored: survives */
		_exit(bits);
	}
	CHECK(pid > 0);
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 31);
	printf("fork: no pending signal, same mask, no alarm or timer, handlers and SIG_IGN kept: %s\n",
	       WIFEXITED(st) && WEXITSTATUS(st) == 31 ? "yes" : "no");
	sigset_t pend;
	CHECK_EQ(sigpending(&pend), 0);
	CHECK(sigismember(&pend, SIGUSR1)); /* still ours */

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		alarm(0);
		execl(self, self, "after-exec", (char *)NULL);
		_exit(99);
	}
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 7);
	printf("exec: mask kept, caught signal reset to SIG_DFL, SIG_IGN kept: %s\n",
	       WIFEXITED(st) && WEXITSTATUS(st) == 7 ? "yes" : "no");
	alarm(0);
	return check_done();
}
