/* compare: native */
/* The sigsuspend pattern loses no wake-up: with SIGUSR1 blocked, test a
 * counter, then sigsuspend with it unblocked; a signal that arrived between the
 * test and the call is pending and ends the sigsuspend at once. 60 children,
 * one after another, each send one SIGUSR1: the loop counts all 60. Then 30
 * children at once each send a real-time signal (which queues, unlike
 * SIGUSR1): all 30 are counted. sigsuspend returns -1 EINTR and puts the
 * blocked mask back; the mask it installs is exactly the one given. */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define ONE_BY_ONE 60
#define AT_ONCE 30

static volatile sig_atomic_t usr1, rt, usr2_seen_blocked;

static void on_usr1(int sig)
{
	(void)sig;
	usr1++;
}

static void on_rt(int sig)
{
	(void)sig;
	rt++;
}

static void on_usr2(int sig)
{
	sigset_t cur;
	(void)sig;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	usr2_seen_blocked = sigismember(&cur, SIGHUP) ? 1 : 2; /* the mask sigsuspend installed */
}

static void catch(int sig, void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	CHECK_EQ(sigaction(sig, &sa, NULL), 0);
}

static pid_t sender(int sig)
{
	pid_t pid = fork();
	if (pid == 0) {
		kill(getppid(), sig);
		_exit(0);
	}
	CHECK(pid > 0);
	return pid;
}

int main(void)
{
	sigset_t block, old, cur;
	int st, suspends = 0, bad_returns = 0;
	catch(SIGUSR1, on_usr1);
	catch(SIGUSR2, on_usr2);
	catch(SIGRTMIN, on_rt);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGRTMIN);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &block, &old), 0);
	fflush(stdout);

	for (int i = 0; i < ONE_BY_ONE; i++) {
		pid_t pid = sender(SIGUSR1);
		while (usr1 < i + 1) {
			int r = sigsuspend(&old);
			bad_returns += !(r == -1 && errno == EINTR);
			suspends++;
		}
		CHECK_EQ(waitpid(pid, &st, 0), pid);
	}
	CHECK_EQ(usr1, ONE_BY_ONE);
	CHECK_EQ(bad_returns, 0);
	CHECK(suspends >= 1 && suspends <= ONE_BY_ONE);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK(sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGRTMIN));
	printf("%d children one by one: %d SIGUSR1 counted\n", ONE_BY_ONE, (int)usr1);

	pid_t pids[AT_ONCE];
	for (int i = 0; i < AT_ONCE; i++)
		pids[i] = sender(SIGRTMIN);
	while (rt < AT_ONCE) {
		int r = sigsuspend(&old);
		bad_returns += !(r == -1 && errno == EINTR);
	}
	for (int i = 0; i < AT_ONCE; i++)
		CHECK_EQ(waitpid(pids[i], &st, 0), pids[i]);
	CHECK_EQ(rt, AT_ONCE);
	CHECK_EQ(bad_returns, 0);
	CHECK_EQ(sigpending(&cur), 0);
	CHECK(!sigismember(&cur, SIGRTMIN));
	printf("%d children at once: %d real-time signals counted\n", AT_ONCE, (int)rt);

	/* the mask during sigsuspend is the one passed: SIGHUP blocked, SIGUSR2 not */
	sigset_t during = old;
	sigaddset(&during, SIGHUP);
	sigdelset(&during, SIGUSR2);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK_ERRNO(sigsuspend(&during), EINTR);
	CHECK_EQ(usr2_seen_blocked, 1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK(!sigismember(&cur, SIGHUP) && sigismember(&cur, SIGUSR2));
	printf("sigsuspend: EINTR, its mask during the handler, the old mask after\n");
	return check_done();
}
