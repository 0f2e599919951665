/* compare: native */
/* Real-time signals queue: ten sigqueue calls each of SIGRTMIN+1 and SIGRTMIN,
 * interleaved, while both are blocked, are all delivered on unblock (one
 * handler at a time: each blocks them all), the lower signal first, each signal's instances in the order sent, with their values;
 * the handler's siginfo has si_code SI_QUEUE, si_pid and si_uid of the sender
 * (a child's pid when a child sends). A standard signal sent three times while
 * blocked is delivered once. sigwaitinfo takes a queued value the same way. */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define EACH 10

struct got { int sig, value, code, pid, uid; };
static struct got got[64];
static volatile int ngot;

static void on_sig(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	if (ngot < 64)
		got[ngot++] = (struct got){ sig, si->si_value.sival_int, si->si_code, si->si_pid, (int)si->si_uid };
}

/* POSIX promises one pending signal delivered before sigprocmask returns,
 * Linux all of them: give the others a few more system calls. */
static void settle(int want)
{
	for (int i = 0; i < 1000 && ngot < want; i++)
		sched_yield();
}

static const char *name(int sig)
{
	static char buf[32];
	if (sig == SIGUSR1)
		return "SIGUSR1";
	snprintf(buf, sizeof buf, "SIGRTMIN+%d", sig - SIGRTMIN);
	return buf;
}

int main(void)
{
	struct sigaction sa;
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	sigaddset(&set, SIGUSR1);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO;
	sa.sa_mask = set; /* one handler at a time: the recorded order is the delivery order */
	CHECK_EQ(sigaction(SIGRTMIN, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGRTMIN + 1, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);

	for (int i = 0; i < EACH; i++) {
		CHECK_EQ(sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 100 + i }), 0);
		CHECK_EQ(sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = i }), 0);
	}
	for (int i = 0; i < 3; i++)
		CHECK_EQ(sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 50 + i }), 0);
	CHECK_EQ(ngot, 0);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	settle(2 * EACH + 1);

	int usr1 = 0, rt = 0, want_rt = SIGRTMIN, want_value = 0, bad = 0;
	for (int i = 0; i < ngot; i++) {
		struct got *g = &got[i];
		bad += g->code != SI_QUEUE || g->pid != getpid() || g->uid != (int)getuid();
		if (g->sig == SIGUSR1) {
			usr1++;
			bad += g->value != 50; /* the first one sent */
			continue;
		}
		printf("%s value %d\n", name(g->sig), g->value);
		bad += g->sig != want_rt || g->value != want_value;
		if (++rt == EACH)
			want_rt++, want_value = 100;
		else
			want_value++;
	}
	CHECK_EQ(rt, 2 * EACH);
	CHECK_EQ(usr1, 1);
	CHECK_EQ(bad, 0);
	printf("SIGUSR1 sent 3 times, delivered %d time(s)\n", usr1);

	/* from a child: its pid */
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	ngot = 0;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		sigqueue(getppid(), SIGRTMIN, (union sigval){ .sival_int = 77 });
		sigqueue(getppid(), SIGRTMIN, (union sigval){ .sival_int = 78 });
		_exit(0);
	}
	CHECK(pid > 0);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	siginfo_t si;
	memset(&si, 0, sizeof si);
	sigset_t rtmin;
	sigemptyset(&rtmin);
	sigaddset(&rtmin, SIGRTMIN);
	CHECK_EQ(sigwaitinfo(&rtmin, &si), SIGRTMIN);
	CHECK_EQ(si.si_signo, SIGRTMIN);
	CHECK_EQ(si.si_code, SI_QUEUE);
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_value.sival_int, 77);
	printf("sigwaitinfo: %s value %d from the child\n", name(si.si_signo), si.si_value.sival_int);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	settle(1);
	CHECK_EQ(ngot, 1);
	CHECK_EQ(got[0].value, 78);
	CHECK_EQ(got[0].pid, pid);
	printf("the second from the child on unblock: value %d\n", got[0].value);
	CHECK_ERRNO(sigqueue(getpid(), 12345, (union sigval){ 0 }), EINVAL);
	return check_done();
}
