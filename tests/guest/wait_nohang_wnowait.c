/* compare: native */
/* wait4 and waitid: WNOHANG returns 0 while the child runs; waitid fills the
 * siginfo (si_signo SIGCHLD, si_pid, si_uid, si_code CLD_EXITED or CLD_KILLED,
 * si_status); WNOWAIT leaves the zombie for a later wait that sees the same
 * status; selection by pid, process group (P_PGID, waitpid(0) and
 * waitpid(-pgid)) and P_ALL; ECHILD when nothing matches, EINVAL for bad
 * options or idtype, checked before ECHILD. */
#define _GNU_SOURCE
#include "check.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

struct kid {
	pid_t pid;
	int go; /* write end: a byte (or its closing) lets the child exit */
};

/* A child that waits for its go byte and then exits with code; with pgid >= 0
 * it is put in that process group (0: its own), from both sides so neither
 * order of running matters. */
static struct kid start(int code, pid_t pgid)
{
	struct kid k;
	int fd[2];
	char c;
	CHECK_EQ(pipe(fd), 0);
	fflush(stdout);
	k.pid = fork();
	if (k.pid == 0) {
		close(fd[1]);
		if (pgid >= 0 && setpgid(0, pgid) != 0)
			_exit(100);
		if (read(fd[0], &c, 1) < 0)
			_exit(101);
		_exit(code);
	}
	CHECK(k.pid > 0);
	close(fd[0]);
	if (pgid >= 0)
		CHECK_EQ(setpgid(k.pid, pgid), 0);
	k.go = fd[1];
	return k;
}

static void go(struct kid *k)
{
	CHECK_EQ(write(k->go, "g", 1), 1);
	close(k->go);
}

/* Waits until k is a zombie without reaping it. */
static void settle(struct kid *k)
{
	siginfo_t si;
	CHECK_EQ(waitid(P_PID, k->pid, &si, WEXITED | WNOWAIT), 0);
}

static void check_info(const siginfo_t *si, pid_t pid, int code, int status)
{
	CHECK_EQ(si->si_signo, SIGCHLD);
	CHECK_EQ(si->si_pid, pid);
	CHECK_EQ(si->si_uid, getuid());
	CHECK_EQ(si->si_code, code);
	CHECK_EQ(si->si_status, status);
}

int main(void)
{
	siginfo_t si;
	int status;

	/* nothing to wait for; EINVAL is checked before ECHILD */
	CHECK_ERRNO(waitpid(-1, &status, 0), ECHILD);
	CHECK_ERRNO(waitpid(-1, &status, WNOHANG), ECHILD);
	CHECK_ERRNO(waitpid(getpid(), &status, 0), ECHILD);
	CHECK_ERRNO(waitpid(1, &status, WNOHANG), ECHILD);
	CHECK_ERRNO(waitid(P_ALL, 0, &si, WEXITED), ECHILD);
	CHECK_ERRNO(waitpid(-1, &status, 0x100), EINVAL);
	CHECK_ERRNO(waitid(P_ALL, 0, &si, WNOHANG), EINVAL);
	CHECK_ERRNO(waitid(P_ALL, 0, &si, WEXITED | 0x100), EINVAL);
	CHECK_ERRNO(waitid((idtype_t)42, 0, &si, WEXITED), EINVAL);
	printf("no children: ECHILD; bad options: EINVAL\n");

	/* WNOHANG while it runs, then WNOWAIT twice, then the real wait */
	struct kid a = start(7, -1);
	CHECK_EQ(waitpid(a.pid, &status, WNOHANG), 0);
	CHECK_EQ(waitpid(-1, &status, WNOHANG), 0);
	si.si_pid = 12345;
	si.si_signo = 99;
	CHECK_EQ(waitid(P_PID, a.pid, &si, WEXITED | WNOHANG), 0);
	CHECK_EQ(si.si_pid, 0);
	CHECK_EQ(si.si_signo, 0);
	go(&a);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_PID, a.pid, &si, WEXITED | WNOWAIT), 0);
	check_info(&si, a.pid, CLD_EXITED, 7);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_ALL, 0, &si, WEXITED | WNOWAIT | WNOHANG), 0);
	check_info(&si, a.pid, CLD_EXITED, 7);
	status = 0;
	CHECK_EQ(waitpid(a.pid, &status, 0), a.pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK_ERRNO(waitpid(a.pid, &status, WNOHANG), ECHILD);
	CHECK_ERRNO(waitid(P_PID, a.pid, &si, WEXITED | WNOHANG), ECHILD);
	printf("WNOHANG, WNOWAIT, then reaped with status %d\n", WEXITSTATUS(status));

	/* waitid reaps too; a child killed by a signal */
	struct kid b = start(9, -1);
	go(&b);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_PID, b.pid, &si, WEXITED), 0);
	check_info(&si, b.pid, CLD_EXITED, 9);
	CHECK_ERRNO(waitpid(b.pid, &status, WNOHANG), ECHILD);
	int p[2];
	CHECK_EQ(pipe(p), 0);
	close(p[0]);
	pid_t d = fork();
	if (d == 0) {
		write(p[1], "x", 1); /* no reader left: SIGPIPE */
		_exit(1);
	}
	close(p[1]);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_PID, d, &si, WEXITED | WNOWAIT), 0);
	check_info(&si, d, CLD_KILLED, SIGPIPE);
	CHECK_EQ(waitpid(d, &status, 0), d);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
	printf("waitid reaps; a SIGPIPE death is CLD_KILLED\n");

	/* selection by process group: e in ours, f and g in f's own group */
	pid_t ours = getpgrp();
	struct kid e = start(11, -1);
	struct kid f = start(12, 0);
	struct kid g = start(13, f.pid);
	CHECK_EQ(getpgid(e.pid), ours);
	CHECK_EQ(getpgid(f.pid), f.pid);
	CHECK_EQ(getpgid(g.pid), f.pid);
	go(&f);
	go(&g);
	settle(&f);
	settle(&g);
	/* f and g are zombies, but not in our group: nothing for waitpid(0) yet */
	CHECK_EQ(waitpid(0, &status, WNOHANG), 0);
	CHECK_EQ(waitpid(-ours, &status, WNOHANG), 0);
	CHECK_EQ(waitid(P_PGID, ours, &si, WEXITED | WNOHANG), 0);
	go(&e);
	CHECK_EQ(waitpid(0, &status, 0), e.pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 11);
	CHECK_ERRNO(waitpid(0, &status, WNOHANG), ECHILD);
	CHECK_ERRNO(waitid(P_PGID, ours, &si, WEXITED | WNOHANG), ECHILD);

	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_PGID, f.pid, &si, WEXITED), 0);
	CHECK(si.si_pid == f.pid || si.si_pid == g.pid);
	CHECK_EQ(si.si_status, si.si_pid == f.pid ? 12 : 13);
	pid_t other = si.si_pid == f.pid ? g.pid : f.pid;
	CHECK_EQ(waitpid(-f.pid, &status, 0), other);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == (other == f.pid ? 12 : 13));
	CHECK_ERRNO(waitpid(-f.pid, &status, 0), ECHILD);
	CHECK_ERRNO(waitid(P_PGID, f.pid, &si, WEXITED), ECHILD);
	printf("waitpid(0), waitpid(-pgid) and P_PGID pick by group\n");

	/* P_ALL takes any child */
	struct kid h = start(14, 0);
	go(&h);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_ALL, 0, &si, WEXITED), 0);
	check_info(&si, h.pid, CLD_EXITED, 14);
	CHECK_ERRNO(waitid(P_ALL, 0, &si, WEXITED), ECHILD);
	CHECK_ERRNO(wait(&status), ECHILD);
	printf("P_ALL, then ECHILD\n");
	return check_done();
}
