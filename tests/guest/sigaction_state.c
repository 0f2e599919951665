/* compare: native */
/* rt_sigaction and rt_sigprocmask keep per-process state: what is set reads
 * back as the old value, per signal; SIGKILL and SIGSTOP can be neither caught,
 * ignored nor blocked; bad numbers, sizes and `how` values are EINVAL. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

#define FLAGS (SA_RESTART | SA_SIGINFO | SA_NODEFER | SA_RESETHAND | SA_ONSTACK | SA_NOCLDSTOP)

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	(void)sig, (void)si, (void)ctx;
}

static void on_usr2(int sig)
{
	(void)sig;
}

static sigset_t current_mask(void)
{
	sigset_t s;
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &s), 0);
	return s;
}

int main(void)
{
	struct sigaction act, old;
	memset(&act, 0, sizeof act);
	act.sa_sigaction = on_usr1;
	act.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&act.sa_mask);
	sigaddset(&act.sa_mask, SIGUSR2);
	sigaddset(&act.sa_mask, SIGKILL);
	sigaddset(&act.sa_mask, SIGRTMAX);

	CHECK_EQ(sigaction(SIGUSR1, &act, &old), 0);
	CHECK(old.sa_handler == SIG_DFL);
	CHECK_EQ(old.sa_flags & FLAGS, 0);

	memset(&old, 0, sizeof old);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	CHECK(old.sa_sigaction == on_usr1);
	CHECK_EQ(old.sa_flags & FLAGS, SA_SIGINFO | SA_RESTART);
	CHECK(sigismember(&old.sa_mask, SIGUSR2));
	CHECK(sigismember(&old.sa_mask, SIGRTMAX));
	CHECK(!sigismember(&old.sa_mask, SIGKILL));
	CHECK(!sigismember(&old.sa_mask, SIGINT));
	printf("SIGUSR1 handler, flags and mask read back\n");

	/* Other signals are untouched. */
	CHECK_EQ(sigaction(SIGUSR2, NULL, &old), 0);
	CHECK(old.sa_handler == SIG_DFL);

	memset(&act, 0, sizeof act);
	act.sa_handler = SIG_IGN;
	act.sa_flags = SA_NODEFER | SA_RESETHAND;
	CHECK_EQ(sigaction(SIGUSR2, &act, NULL), 0);
	act.sa_handler = on_usr2;
	act.sa_flags = 0;
	CHECK_EQ(sigaction(SIGUSR2, &act, &old), 0);
	CHECK(old.sa_handler == SIG_IGN);
	CHECK_EQ(old.sa_flags & FLAGS, SA_NODEFER | SA_RESETHAND);
	CHECK(signal(SIGUSR2, SIG_DFL) == on_usr2);
	CHECK(signal(SIGUSR2, SIG_DFL) == SIG_DFL);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	CHECK(old.sa_sigaction == on_usr1);

	act.sa_handler = SIG_IGN;
	CHECK_EQ(sigaction(SIGRTMAX, &act, NULL), 0);
	CHECK_EQ(sigaction(SIGRTMAX, NULL, &old), 0);
	CHECK(old.sa_handler == SIG_IGN);
	printf("per-signal state kept\n");

	/* SIGKILL and SIGSTOP: reading is fine, changing is EINVAL. */
	act.sa_handler = on_usr2;
	CHECK_ERRNO(sigaction(SIGKILL, &act, NULL), EINVAL);
	CHECK_ERRNO(sigaction(SIGSTOP, &act, NULL), EINVAL);
	act.sa_handler = SIG_IGN;
	CHECK_ERRNO(sigaction(SIGKILL, &act, NULL), EINVAL);
	CHECK_EQ(sigaction(SIGKILL, NULL, &old), 0);
	CHECK(old.sa_handler == SIG_DFL);
	CHECK(signal(SIGKILL, SIG_IGN) == SIG_ERR);
	CHECK_ERRNO(sigaction(0, &act, NULL), EINVAL);
	CHECK_ERRNO(sigaction(_NSIG, &act, NULL), EINVAL);
	CHECK_ERRNO(syscall(SYS_rt_sigaction, 65, NULL, NULL, 8), EINVAL);
	CHECK_ERRNO(syscall(SYS_rt_sigaction, 0, NULL, NULL, 8), EINVAL);
	CHECK_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4), EINVAL);
	printf("SIGKILL/SIGSTOP and bad numbers: EINVAL\n");

	/* The mask. */
	sigset_t s = current_mask(), set;
	CHECK(!sigismember(&s, SIGUSR1) && !sigismember(&s, SIGINT));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGRTMAX);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	s = current_mask();
	CHECK(sigismember(&s, SIGUSR1) && sigismember(&s, SIGINT) && sigismember(&s, SIGRTMAX));
	CHECK(!sigismember(&s, SIGUSR2));

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigset_t prev;
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, &prev), 0);
	CHECK(sigismember(&prev, SIGINT));
	s = current_mask();
	CHECK(sigismember(&s, SIGUSR1) && !sigismember(&s, SIGINT));

	/* SIGKILL and SIGSTOP are silently left out of the mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGKILL);
	sigaddset(&set, SIGSTOP);
	sigaddset(&set, SIGTERM);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, &prev), 0);
	CHECK(sigismember(&prev, SIGUSR1) && sigismember(&prev, SIGRTMAX));
	s = current_mask();
	CHECK(sigismember(&s, SIGTERM));
	CHECK(!sigismember(&s, SIGKILL) && !sigismember(&s, SIGSTOP));
	CHECK(!sigismember(&s, SIGUSR1));

	CHECK_ERRNO(sigprocmask(99, &set, NULL), EINVAL);
	CHECK_EQ(sigprocmask(99, NULL, &prev), 0 /* how is ignored without a set */);
	CHECK_ERRNO(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &prev, 4), EINVAL);
	s = current_mask();
	CHECK(sigismember(&s, SIGTERM));

	sigemptyset(&set);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	s = current_mask();
	CHECK(!sigismember(&s, SIGTERM));
	printf("signal mask kept\n");
	return check_done();
}
