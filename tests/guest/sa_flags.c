/* compare: native */
/* sigaction's flags act at delivery. SA_SIGINFO: a kill to oneself gives
 * si_signo, si_code SI_USER, si_pid and si_uid of the sender (a child's pid
 * when a child sends). During a handler the mask holds the old mask, the
 * signal itself and sa_mask; afterwards the old mask is back, even if the
 * handler changed it. Without SA_NODEFER the same signal raised inside the
 * handler waits until it returns; with SA_NODEFER it nests at once.
 * SA_RESETHAND puts SIG_DFL back on entry, so a second signal kills (default
 * action of SIGUSR1, in a child). The flags read back with sigaction. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define FLAGS (SA_SIGINFO | SA_NODEFER | SA_RESETHAND | SA_RESTART | SA_ONSTACK)

static siginfo_t info;
static int calls, depth, max_depth, again;
static sigset_t mask_inside;

static void on_info(int sig, siginfo_t *si, void *ctx)
{
	(void)sig, (void)ctx;
	info = *si;
	calls++;
	sigprocmask(SIG_BLOCK, NULL, &mask_inside);
	sigset_t hup;
	sigemptyset(&hup);
	sigaddset(&hup, SIGHUP);
	sigprocmask(SIG_BLOCK, &hup, NULL); /* undone by the return */
}

static void nested(int sig)
{
	calls++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (again) {
		again = 0;
		raise(sig);
	}
	depth--;
}

static void set(int sig, void (*h)(int), void (*sh)(int, siginfo_t *, void *), int flags, int masked)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	if (sh)
		sa.sa_sigaction = sh;
	else
		sa.sa_handler = h;
	sa.sa_flags = flags;
	if (masked)
		sigaddset(&sa.sa_mask, masked);
	CHECK_EQ(sigaction(sig, &sa, NULL), 0);
	struct sigaction back;
	CHECK_EQ(sigaction(sig, NULL, &back), 0);
	CHECK((unsigned)(back.sa_flags & FLAGS) == (unsigned)flags);
	CHECK(!masked || sigismember(&back.sa_mask, masked));
}

static sigset_t current(void)
{
	sigset_t s;
	sigprocmask(SIG_BLOCK, NULL, &s);
	return s;
}

static void resethand_child(void)
{
	set(SIGUSR1, nested, NULL, SA_RESETHAND, 0);
	kill(getpid(), SIGUSR1);
	struct sigaction now;
	sigaction(SIGUSR1, NULL, &now);
	if (calls != 1 || now.sa_handler != SIG_DFL)
		_exit(1);
	kill(getpid(), SIGUSR1);
	_exit(2);
}

int main(void)
{
	sigset_t quit;
	sigemptyset(&quit);
	sigaddset(&quit, SIGQUIT);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &quit, NULL), 0);

	set(SIGUSR1, NULL, on_info, SA_SIGINFO, SIGUSR2);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(calls, 1);
	CHECK_EQ(info.si_signo, SIGUSR1);
	CHECK_EQ(info.si_code, SI_USER);
	CHECK_EQ(info.si_pid, getpid());
	CHECK_EQ(info.si_uid, getuid());
	printf("SA_SIGINFO: si_signo %s, si_code %s, si_pid and si_uid ours: %s\n",
	       info.si_signo == SIGUSR1 ? "SIGUSR1" : "?", info.si_code == SI_USER ? "SI_USER" : "?",
	       info.si_pid == getpid() && info.si_uid == getuid() ? "yes" : "no");
	int in_mask = sigismember(&mask_inside, SIGUSR1) && sigismember(&mask_inside, SIGUSR2) &&
		sigismember(&mask_inside, SIGQUIT) && !sigismember(&mask_inside, SIGHUP);
	CHECK(in_mask);
	sigset_t after = current();
	int restored = !sigismember(&after, SIGUSR1) && !sigismember(&after, SIGUSR2) &&
		sigismember(&after, SIGQUIT) && !sigismember(&after, SIGHUP);
	CHECK(restored);
	printf("mask in the handler: old + signal + sa_mask: %s; restored after: %s\n",
	       in_mask ? "yes" : "no", restored ? "yes" : "no");

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	CHECK(pid > 0);
	int st;
	pid_t got;
	while ((got = waitpid(pid, &st, 0)) < 0 && errno == EINTR) /* the SIGUSR1 may interrupt it */
		;
	CHECK_EQ(got, pid);
	for (int i = 0; i < 1000 && calls < 2; i++)
		sched_yield();
	CHECK_EQ(calls, 2);
	CHECK_EQ(info.si_pid, pid);
	CHECK_EQ(info.si_code, SI_USER);
	printf("from a child: si_pid is the child's: %s\n", info.si_pid == pid ? "yes" : "no");

	calls = max_depth = 0;
	again = 1;
	set(SIGUSR2, nested, NULL, 0, 0);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK_EQ(calls, 2);
	CHECK_EQ(max_depth, 1);
	printf("without SA_NODEFER: raised inside, handled after: %d calls, depth %d\n", calls, max_depth);
	calls = max_depth = 0;
	again = 1;
	set(SIGUSR2, nested, NULL, SA_NODEFER, 0);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK_EQ(calls, 2);
	CHECK_EQ(max_depth, 2);
	printf("SA_NODEFER: raised inside, nested: %d calls, depth %d\n", calls, max_depth);

	calls = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		resethand_child();
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1);
	printf("SA_RESETHAND: handled once, then the default action killed the child: %s\n",
	       WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1 ? "yes" : "no");
	return check_done();
}
