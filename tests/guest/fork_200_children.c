/* compare: native */
/* 200 children, at most 20 alive at once (the kernel has 128 process slots):
 * most exit with their own status, some die by a trap (SIGILL) or by SIGPIPE.
 * They are reaped in different orders (by pid, newest first, and with wait in
 * whatever order they come), every status exactly right, each child reaped
 * once; then wait has nothing left: ECHILD. */
#include "check.h"
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 200
#define BATCH 20

static pid_t pids[CHILDREN];
static int reaped[CHILDREN];
static int exited, trapped, piped;

/* Child i's fate: a trap, SIGPIPE, or exit with a status that covers 0..255. */
static void child(int i)
{
	if (i % 10 == 7)
		__builtin_trap();
	if (i % 10 == 3) {
		int fd[2];
		if (pipe(fd) == 0) {
			close(fd[0]);
			write(fd[1], "x", 1);
		}
		_exit(254);
	}
	_exit(i * 13 % 256);
}

static void check_status(int i, int status)
{
	int ok;
	if (i % 10 == 7) {
		ok = WIFSIGNALED(status) && WTERMSIG(status) == SIGILL;
		trapped += ok;
	} else if (i % 10 == 3) {
		ok = WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE;
		piped += ok;
	} else {
		ok = WIFEXITED(status) && WEXITSTATUS(status) == i * 13 % 256;
		exited += ok;
	}
	CHECK(ok);
	if (!ok)
		fprintf(stderr, "child %d: status %#x\n", i, status);
}

static int index_of(pid_t pid, int lo, int hi)
{
	for (int i = lo; i < hi; i++)
		if (pids[i] == pid)
			return i;
	return -1;
}

static void reap(int i, pid_t got, int status)
{
	CHECK_EQ(got, pids[i]);
	if (got != pids[i])
		return;
	CHECK(!reaped[i]);
	reaped[i]++;
	check_status(i, status);
}

/* Reaps child i by its pid. */
static void reap_pid(int i)
{
	int status = 0;
	pid_t got = waitpid(pids[i], &status, 0);
	reap(i, got, status);
}

int main(void)
{
	/* natively, trapping children would otherwise write core files */
	struct rlimit nocore = { 0, 0 };
	setrlimit(RLIMIT_CORE, &nocore);

	fflush(stdout);
	for (int b = 0; b < CHILDREN / BATCH && !check_failures; b++) {
		int lo = b * BATCH, hi = lo + BATCH;
		for (int i = lo; i < hi; i++) {
			pids[i] = fork();
			if (pids[i] == 0)
				child(i);
			CHECK(pids[i] > 0);
			CHECK_EQ(index_of(pids[i], lo, i), -1);
		}
		int status, i;
		switch (b % 3) {
		case 0: /* by pid, newest first, then the rest as they come */
			for (i = hi - 1; i >= lo + BATCH / 2; i--)
				reap_pid(i);
			/* fall through */
		case 1: /* as they come */
			while (!check_failures) {
				pid_t got = b % 3 ? wait(&status) : waitpid(-1, &status, 0);
				if (got < 0) {
					CHECK(errno == ECHILD);
					break;
				}
				i = index_of(got, lo, hi);
				CHECK(i >= 0);
				if (i >= 0)
					reap(i, got, status);
			}
			break;
		case 2: /* by pid, oldest first, every other one, then the others */
			for (i = lo; i < hi; i += 2)
				reap_pid(i);
			for (i = lo + 1; i < hi; i += 2)
				reap_pid(i);
			break;
		}
		for (i = lo; i < hi; i++)
			CHECK_EQ(reaped[i], 1);
	}
	int status;
	CHECK_ERRNO(wait(&status), ECHILD);
	CHECK_ERRNO(waitpid(-1, &status, WNOHANG), ECHILD);
	printf("%d children: %d exited, %d trapped, %d killed by SIGPIPE\n", CHILDREN, exited, trapped, piped);
	return check_done();
}
