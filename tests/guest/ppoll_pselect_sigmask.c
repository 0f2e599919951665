/* compare: native */
/* ppoll and pselect install their signal mask for the call only: a signal
 * blocked outside and pending is delivered inside (the call fails with EINTR,
 * even with SA_RESTART), its handler runs with the call's mask (plus the
 * signal), and the old mask is back afterwards. Without a signal they time
 * out normally with the mask restored. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t calls, hup_blocked_inside;

static void on_usr1(int sig)
{
	sigset_t cur;
	(void)sig;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	hup_blocked_inside = sigismember(&cur, SIGHUP) ? 1 : 2;
	calls++;
}

static int usr1_blocked(void)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGHUP);
}

int main(void)
{
	struct sigaction sa;
	sigset_t usr1, during;
	int fd[2];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	sigemptyset(&during);
	sigaddset(&during, SIGHUP); /* during the call: SIGHUP blocked, SIGUSR1 not */
	CHECK_EQ(pipe(fd), 0);
	struct pollfd p = { fd[0], POLLIN, 0 };
	struct timespec ms10 = { 0, 10000000 };

	CHECK_EQ(ppoll(&p, 1, &ms10, &during), 0);
	CHECK(usr1_blocked());
	CHECK_EQ(calls, 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(calls, 0);
	CHECK_ERRNO(ppoll(&p, 1, NULL, &during), EINTR);
	CHECK_EQ(calls, 1);
	CHECK_EQ(hup_blocked_inside, 1);
	CHECK(usr1_blocked());
	printf("ppoll: timeout 0 with no signal; pending SIGUSR1 delivered inside: EINTR, handler with the call's mask: %s\n",
	       hup_blocked_inside == 1 ? "yes" : "no");

	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(fd[0], &rd);
	CHECK_EQ(pselect(fd[0] + 1, &rd, NULL, NULL, &ms10, &during), 0);
	CHECK(usr1_blocked());
	hup_blocked_inside = 0;
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	FD_ZERO(&rd);
	FD_SET(fd[0], &rd);
	CHECK_ERRNO(pselect(fd[0] + 1, &rd, NULL, NULL, NULL, &during), EINTR);
	CHECK_EQ(calls, 2);
	CHECK_EQ(hup_blocked_inside, 1);
	CHECK(usr1_blocked());
	printf("pselect: the same: %s\n", calls == 2 && hup_blocked_inside == 1 ? "yes" : "no");
	return check_done();
}
