/* compare: native */
/* Process groups and sessions: getpgid/getsid; setpgid on the caller and on a
 * child (into its own group, back into ours); setsid in a child makes it the
 * leader of a new session and group; setsid by a group leader is EPERM;
 * setpgid into a group of another session, or on a session leader, is EPERM,
 * into a group that does not exist EPERM, with a negative pgid EINVAL; on a
 * process that is not our child ESRCH, on a child that has exec'd EACCES (the
 * child execs this program, argv[0], with "wait FD"). */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

struct kid {
	pid_t pid;
	int go;    /* write end: closing it lets the child finish */
	int ready; /* read end: a byte when the child is ready, EOF when it is gone */
};

/* Forks a child that runs fn, reports ready, waits for go and exits with
 * its number of failed checks. */
static struct kid start(void (*fn)(void))
{
	struct kid k;
	int go[2], ready[2];
	char c;
	CHECK_EQ(pipe(go), 0);
	CHECK_EQ(pipe(ready), 0);
	fflush(stdout);
	k.pid = fork();
	if (k.pid == 0) {
		check_failures = 0;
		close(go[1]);
		close(ready[0]);
		if (fn)
			fn();
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(check_failures);
	}
	CHECK(k.pid > 0);
	close(go[0]);
	close(ready[1]);
	k.go = go[1];
	k.ready = ready[0];
	CHECK_EQ(read(k.ready, &c, 1), 1);
	return k;
}

/* Lets k exit; true when its checks passed. */
static int finish(struct kid *k)
{
	int status = -1;
	close(k->go);
	close(k->ready);
	CHECK_EQ(waitpid(k->pid, &status, 0), k->pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static pid_t parent_pgrp;

static void self_setpgid(void)
{
	pid_t me = getpid();
	CHECK_EQ(getpgrp(), parent_pgrp);
	CHECK_EQ(setpgid(0, 0), 0);
	CHECK_EQ(getpgrp(), me);
	CHECK_EQ(getpgid(0), me);
	CHECK_EQ(setpgid(0, parent_pgrp), 0);
	CHECK_EQ(getpgrp(), parent_pgrp);
	CHECK_EQ(setpgid(me, me), 0);
	CHECK_EQ(getpgid(me), me);
	/* a grandchild in our group, not a group itself */
	struct kid g = start(NULL);
	CHECK_EQ(getpgid(g.pid), me);
	CHECK_ERRNO(setpgid(0, g.pid), EPERM);
	CHECK_ERRNO(setpgid(0, -1), EINVAL);
	CHECK(finish(&g));
}

static void new_session(void)
{
	pid_t me = getpid();
	CHECK_EQ(setsid(), me);
	CHECK_EQ(getsid(0), me);
	CHECK_EQ(getpgrp(), me);
	CHECK_ERRNO(setsid(), EPERM);
	CHECK_ERRNO(setpgid(0, parent_pgrp), EPERM);
	/* a session leader may not change its group, not even to its own */
	CHECK_ERRNO(setpgid(0, 0), EPERM);
}

static void leader_setsid(void)
{
	CHECK_EQ(setpgid(0, 0), 0);
	CHECK_ERRNO(setsid(), EPERM);
	CHECK_EQ(getpgrp(), getpid());
}

static int gpipe[2];

/* A grandchild for the parent to try setpgid on; it ends when we do (its go
 * pipe closes) and is adopted. */
static void with_grandchild(void)
{
	struct kid g = start(NULL);
	CHECK_EQ(write(gpipe[1], &g.pid, sizeof(g.pid)), sizeof(g.pid));
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "wait")) {
		char c;
		return read(atoi(argv[2]), &c, 1) < 0;
	}
	pid_t me = getpid(), sid = getsid(0);
	parent_pgrp = getpgrp();
	CHECK(parent_pgrp >= 0 && sid >= 0); /* 0 when the leader is outside our pid namespace (containers) */
	CHECK_EQ(getpgid(0), parent_pgrp);
	CHECK_EQ(getpgid(me), parent_pgrp);
	CHECK_EQ(getsid(me), sid);

	/* a child starts in our group and session; we move it about */
	struct kid a = start(NULL);
	CHECK_EQ(getpgid(a.pid), parent_pgrp);
	CHECK_EQ(getsid(a.pid), sid);
	CHECK_EQ(setpgid(a.pid, a.pid), 0);
	CHECK_EQ(getpgid(a.pid), a.pid);
	CHECK_EQ(getsid(a.pid), sid);
	CHECK_EQ(setpgid(a.pid, parent_pgrp), 0);
	CHECK_EQ(getpgid(a.pid), parent_pgrp);
	CHECK_EQ(setpgid(a.pid, 0), 0);
	CHECK_EQ(getpgid(a.pid), a.pid);
	CHECK_ERRNO(setpgid(a.pid, -1), EINVAL);
	printf("setpgid on a child: own group, back, own again\n");

	struct kid b = start(self_setpgid);
	CHECK(finish(&b));
	printf("setpgid on self: own group, back; no such group: EPERM\n");

	struct kid c = start(new_session);
	CHECK_EQ(getsid(c.pid), c.pid);
	CHECK_EQ(getpgid(c.pid), c.pid);
	CHECK_ERRNO(setpgid(c.pid, c.pid), EPERM);
	CHECK_ERRNO(setpgid(c.pid, parent_pgrp), EPERM);
	CHECK_ERRNO(setpgid(a.pid, c.pid), EPERM);
	CHECK_EQ(getpgid(a.pid), a.pid);
	CHECK(finish(&c));
	CHECK(finish(&a));
	printf("setsid in a child: new session and group; other session: EPERM\n");

	struct kid d = start(leader_setsid);
	CHECK_EQ(getsid(d.pid), sid);
	pid_t gone = d.pid;
	CHECK(finish(&d));
	printf("setsid as a group leader: EPERM\n");

	CHECK_EQ(pipe(gpipe), 0);
	struct kid e = start(with_grandchild);
	pid_t g = 0;
	CHECK_EQ(read(gpipe[0], &g, sizeof(g)), sizeof(g));
	CHECK_EQ(getpgid(g), parent_pgrp);
	CHECK_ERRNO(setpgid(g, g), ESRCH);
	CHECK_ERRNO(setpgid(g, parent_pgrp), ESRCH);
	CHECK(finish(&e));
	close(gpipe[0]);
	close(gpipe[1]);
	CHECK_ERRNO(setpgid(gone, gone), ESRCH);
	CHECK_ERRNO(getpgid(gone), ESRCH);
	CHECK_ERRNO(getsid(gone), ESRCH);
	printf("setpgid on a grandchild or a reaped child: ESRCH\n");

	/* a child that has exec'd: EACCES. execd's write end closes at the exec. */
	int execd[2], go[2];
	char ch;
	CHECK_EQ(pipe2(execd, O_CLOEXEC), 0);
	CHECK_EQ(pipe(go), 0);
	fflush(stdout);
	pid_t x = fork();
	if (x == 0) {
		char fd[16];
		close(execd[0]);
		close(go[1]);
		snprintf(fd, sizeof(fd), "%d", go[0]);
		execl(argv[0], argv[0], "wait", fd, (char *)NULL);
		_exit(127);
	}
	CHECK(x > 0);
	close(execd[1]);
	close(go[0]);
	CHECK_EQ(read(execd[0], &ch, 1), 0);
	CHECK_ERRNO(setpgid(x, x), EACCES);
	CHECK_EQ(getpgid(x), parent_pgrp);
	close(go[1]);
	close(execd[0]);
	int status = -1;
	CHECK_EQ(waitpid(x, &status, 0), x);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	printf("setpgid on a child after exec: EACCES\n");
	return check_done();
}
