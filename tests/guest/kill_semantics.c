/* compare: native */
/* kill's targets and checks. Signal 0 only checks: 0 for ourselves, a live
 * child and a zombie, ESRCH once reaped and for a pid nobody has. A bad
 * signal number is EINVAL. kill(0, sig) signals the caller's whole process
 * group (here a child leading a group of three) and no one outside it;
 * kill(-pgid, sig) signals every member of that group; a group with nobody
 * left is ESRCH. Permission: a process of another user cannot signal ours
 * (EPERM, also for signal 0), and kill(-1, sig) from it reaches only the
 * processes it may signal: its own children, not ours, not itself. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define OTHER_UID 54321

static volatile sig_atomic_t got1, got2;

static void on_usr1(int sig) { (void)sig; got1++; }
static void on_usr2(int sig) { (void)sig; got2++; }

static void handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
}

/* Blocks until fd's writers are all gone. */
static void wait_eof(int fd)
{
	char c;
	while (read(fd, &c, 1) != 0)
		;
}

/* A member of a group: says it is ready, waits for the end, and exits with
 * what it got: 1 for SIGUSR1, 2 for SIGUSR2. */
static void member(int ready, int done)
{
	write(ready, "r", 1);
	wait_eof(done);
	_exit((got1 ? 1 : 0) | (got2 ? 2 : 0));
}

/* The group leader (child A): forks B and C into its group, sends SIGUSR1 to
 * the group with kill(0, ...), reports to P and waits with them for the end. */
static void leader(int to_parent, int done)
{
	int ready[2];
	pid_t kid[2];
	setpgid(0, 0);
	if (pipe(ready) != 0)
		_exit(100);
	for (int i = 0; i < 2; i++) {
		kid[i] = fork();
		if (kid[i] == 0) {
			close(ready[0]);
			member(ready[1], done);
		}
	}
	char c;
	for (int i = 0; i < 2; i++)
		read(ready[0], &c, 1);
	if (kill(0, SIGUSR1) != 0)
		_exit(101);
	write(to_parent, "s", 1);
	wait_eof(done);
	int bits = (got1 ? 1 : 0) | (got2 ? 2 : 0);
	for (int i = 0; i < 2; i++) {
		int st;
		if (waitpid(kid[i], &st, 0) == kid[i] && WIFEXITED(st) && WEXITSTATUS(st) == 3)
			bits |= 4 << i;
	}
	_exit(bits);
}

static void groups(void)
{
	int to_parent[2], done[2], st;
	char c;
	CHECK_EQ(pipe(to_parent), 0);
	CHECK_EQ(pipe(done), 0);
	fflush(stdout);
	pid_t a = fork();
	if (a == 0) {
		close(to_parent[0]);
		close(done[1]);
		leader(to_parent[1], done[0]);
	}
	CHECK(a > 0);
	close(to_parent[1]);
	close(done[0]);
	CHECK_EQ(read(to_parent[0], &c, 1), 1);
	CHECK_EQ(getpgid(a), a);
	CHECK_EQ(kill(-a, SIGUSR2), 0);
	close(done[1]);
	CHECK_EQ(waitpid(a, &st, 0), a);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 15);
	CHECK_EQ(got1, 0);
	CHECK_EQ(got2, 0);
	CHECK_ERRNO(kill(-a, SIGUSR2), ESRCH);
	printf("kill(0): the leader and both members; kill(-pgid): all three; not us: %s\n",
	       WIFEXITED(st) && WEXITSTATUS(st) == 15 && !got1 && !got2 ? "yes" : "no");
	close(to_parent[0]);
}

/* Child X of another user: EPERM towards us; kill(-1) reaches its two
 * children only. Exit status: bits for each check that held. */
static void other_user(pid_t parent)
{
	int ready[2], done[2];
	pid_t kid[2];
	if (setgid(OTHER_UID) != 0 || setuid(OTHER_UID) != 0)
		_exit(100);
	int bits = 0;
	errno = 0;
	if (kill(parent, 0) == -1 && errno == EPERM && kill(parent, SIGUSR1) == -1 && errno == EPERM)
		bits |= 1;
	if (pipe(ready) != 0 || pipe(done) != 0)
		_exit(101);
	for (int i = 0; i < 2; i++) {
		kid[i] = fork();
		if (kid[i] == 0) {
			close(ready[0]);
			close(done[1]);
			member(ready[1], done[0]);
		}
	}
	close(done[0]);
	char c;
	for (int i = 0; i < 2; i++)
		read(ready[0], &c, 1);
	if (kill(-1, SIGUSR1) != 0)
		_exit(102);
	close(done[1]);
	for (int i = 0; i < 2; i++) {
		int st;
		if (waitpid(kid[i], &st, 0) == kid[i] && WIFEXITED(st) && WEXITSTATUS(st) == 1)
			bits |= 2 << i;
	}
	if (!got1)
		bits |= 8;
	_exit(bits);
}

static void permission(void)
{
	int st;
	if (getuid() != 0) { /* natively as a user: at least init is out of reach */
		CHECK_ERRNO(kill(1, 0), EPERM);
		printf("another user's process: EPERM\n");
		return;
	}
	fflush(stdout);
	pid_t x = fork();
	if (x == 0)
		other_user(getppid());
	CHECK(x > 0);
	CHECK_EQ(waitpid(x, &st, 0), x);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 15);
	CHECK_EQ(got1, 0);
	printf("another user's process: EPERM\n");
	printf("kill(-1) from it: its two children, not us, not itself: %s\n",
	       WIFEXITED(st) && WEXITSTATUS(st) == 15 && !got1 ? "yes" : "no");
}

int main(void)
{
	int st;
	siginfo_t si;
	handlers();
	CHECK_EQ(kill(getpid(), 0), 0);
	CHECK_ERRNO(kill(getpid(), -1), EINVAL);
	CHECK_ERRNO(kill(getpid(), 65), EINVAL);
	CHECK_ERRNO(kill(0x3ffffff0, 0), ESRCH);

	int hold[2];
	CHECK_EQ(pipe(hold), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(hold[1]);
		wait_eof(hold[0]);
		_exit(0);
	}
	CHECK(pid > 0);
	close(hold[0]);
	CHECK_EQ(kill(pid, 0), 0);
	CHECK_EQ(kill(-1, 0), 0); /* someone (the child at least) may be signalled */
	close(hold[1]);
	CHECK_EQ(waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	CHECK_EQ(kill(pid, 0), 0); /* a zombie still exists */
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_ERRNO(kill(pid, 0), ESRCH);
	printf("signal 0: us, a child, a zombie: 0; reaped or unknown: ESRCH; bad signal: EINVAL\n");

	groups();
	permission();
	return check_done();
}
