/* compare: native */
/* posix_spawn applies each attribute in the child: SETSID (a new session and
 * group), SETPGROUP (0: a group of its own; a pid: that existing group),
 * SETSIGMASK (the child's mask), SETSIGDEF (listed signals back to SIG_DFL,
 * even ignored ones; unlisted ignored signals stay ignored, caught ones are
 * default), RESETIDS (effective ids back to the real ones; checked as root);
 * SETSCHEDPARAM, SETSCHEDULER and USEVFORK are accepted. Without attributes the
 * child shares the parent's session, group and mask. Each child is this test
 * in "report" mode, printing what it sees. */
#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include "check.h"
#include "executil.h"

static void on_term(int sig)
{
	(void)sig;
}

static const char *disposition(int sig)
{
	struct sigaction sa;
	if (sigaction(sig, NULL, &sa) != 0)
		return "error";
	return sa.sa_handler == SIG_DFL ? "default" : sa.sa_handler == SIG_IGN ? "ignored" : "caught";
}

/* report PARENT-SID PARENT-PGID [GROUP] */
static int report(int argc, char **argv)
{
	pid_t me = getpid(), sid = getsid(0), pgrp = getpgrp();
	pid_t group = argc > 4 ? atoi(argv[4]) : -1;
	printf("  session %s, group %s\n",
		sid == me ? "own" : sid == atoi(argv[2]) ? "parent's" : "other",
		pgrp == me ? "own" : pgrp == atoi(argv[3]) ? "parent's" : pgrp == group ? "the given one" : "other");

	static const struct { int sig; const char *name; } sigs[] = {
		{ SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGUSR1, "USR1" },
		{ SIGUSR2, "USR2" }, { SIGTERM, "TERM" }, { SIGCHLD, "CHLD" },
	};
	sigset_t set;
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &set), 0);
	printf("  blocked:");
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigismember(&set, sigs[i].sig))
			printf(" %s", sigs[i].name);
	printf("\n  SIGUSR2 %s, SIGTERM %s\n", disposition(SIGUSR2), disposition(SIGTERM));

	/* A group leader says it is ready on fd 3, then stays until its stdin
	 * is closed, so that another child can join its group. */
	if (group == 0) {
		fflush(stdout);
		char c = 'r';
		CHECK_EQ(write(3, &c, 1), 1);
		while (read(0, &c, 1) > 0)
			;
	}
	return check_done();
}

/* ids EUID EGID: exits 0 when the effective ids are those. */
static int ids(char **argv)
{
	CHECK_EQ(geteuid(), atol(argv[2]));
	CHECK_EQ(getegid(), atol(argv[3]));
	return check_done();
}

/* Spawns this test with args after the mode; returns the pid or -1. */
static pid_t spawn(const char *title, const posix_spawnattr_t *attr,
	const posix_spawn_file_actions_t *fa, char **args)
{
	pid_t pid = -1;
	if (title)
		printf("%s:\n", title);
	fflush(stdout);
	CHECK_EQ(posix_spawn(&pid, self, fa, attr, args, environ), 0);
	return pid;
}

static void run(const char *title, const posix_spawnattr_t *attr, const char *group)
{
	char sid[16], pgid[16];
	snprintf(sid, sizeof sid, "%d", (int)getsid(0));
	snprintf(pgid, sizeof pgid, "%d", (int)getpgrp());
	pid_t pid = spawn(title, attr, NULL, (char *[]){ (char *)self, "report", sid, pgid, (char *)group, NULL });
	if (pid > 0)
		CHECK_EQ(wait_status(pid), 0);
}

static posix_spawnattr_t attr_with(short flags)
{
	posix_spawnattr_t a;
	CHECK_EQ(posix_spawnattr_init(&a), 0);
	CHECK_EQ(posix_spawnattr_setflags(&a, flags), 0);
	return a;
}

static void check_ids(posix_spawnattr_t *attr, uid_t euid, gid_t egid)
{
	char u[16], g[16];
	snprintf(u, sizeof u, "%u", (unsigned)euid);
	snprintf(g, sizeof g, "%u", (unsigned)egid);
	pid_t pid = spawn(NULL, attr, NULL, (char *[]){ (char *)self, "ids", u, g, NULL });
	if (pid > 0)
		CHECK_EQ(wait_status(pid), 0);
}

static void resetids(void)
{
	posix_spawnattr_t none = attr_with(0), reset = attr_with(POSIX_SPAWN_RESETIDS);
	CHECK_EQ(setegid(65534), 0);
	check_ids(&none, 0, 65534);
	check_ids(&reset, 0, 0);
	CHECK_EQ(seteuid(65534), 0);
	check_ids(&reset, 0, 0);
	CHECK_EQ(seteuid(0), 0);
	CHECK_EQ(setegid(0), 0);
	posix_spawnattr_destroy(&none);
	posix_spawnattr_destroy(&reset);
}

int main(int argc, char **argv)
{
	self_init(argv);
	if (argc >= 4 && !strcmp(argv[1], "report"))
		return report(argc, argv);
	if (argc == 4 && !strcmp(argv[1], "ids"))
		return ids(argv);

	/* The parent: SIGUSR1 blocked, SIGUSR2 ignored, SIGTERM caught. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	struct sigaction sa = { .sa_handler = SIG_IGN };
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	sa.sa_handler = on_term;
	CHECK_EQ(sigaction(SIGTERM, &sa, NULL), 0);

	run("no attributes", NULL, NULL);

	posix_spawnattr_t a = attr_with(0);
	run("no flags", &a, NULL);
	posix_spawnattr_destroy(&a);

	a = attr_with(POSIX_SPAWN_SETSID);
	run("SETSID", &a, NULL);
	posix_spawnattr_destroy(&a);

	/* A leader in a group of its own, then a second child joining it. */
	a = attr_with(POSIX_SPAWN_SETPGROUP);
	CHECK_EQ(posix_spawnattr_setpgroup(&a, 0), 0);
	int in[2], ready[2];
	CHECK_EQ(pipe2(in, O_CLOEXEC), 0);
	CHECK_EQ(pipe2(ready, O_CLOEXEC), 0);
	posix_spawn_file_actions_t fa;
	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, in[0], 0), 0);
	CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, ready[1], 3), 0);
	char sid[16], pgid[16], group[16];
	snprintf(sid, sizeof sid, "%d", (int)getsid(0));
	snprintf(pgid, sizeof pgid, "%d", (int)getpgrp());
	pid_t leader = spawn("SETPGROUP 0", &a, &fa,
		(char *[]){ (char *)self, "report", sid, pgid, "0", NULL });
	CHECK(leader > 0);
	CHECK_EQ(close(ready[1]), 0);
	char c;
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(close(ready[0]), 0);
	CHECK_EQ(getpgid(leader), leader);
	snprintf(group, sizeof group, "%d", (int)leader);
	CHECK_EQ(posix_spawnattr_setpgroup(&a, leader), 0);
	run("SETPGROUP the first child's group", &a, group);
	CHECK_EQ(close(in[1]), 0);
	CHECK_EQ(close(in[0]), 0);
	if (leader > 0)
		CHECK_EQ(wait_status(leader), 0);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&a);

	a = attr_with(POSIX_SPAWN_SETSIGMASK);
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	CHECK_EQ(posix_spawnattr_setsigmask(&a, &set), 0);
	run("SETSIGMASK HUP INT", &a, NULL);
	posix_spawnattr_destroy(&a);

	a = attr_with(POSIX_SPAWN_SETSIGDEF);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ(posix_spawnattr_setsigdefault(&a, &set), 0);
	run("SETSIGDEF USR2", &a, NULL);
	posix_spawnattr_destroy(&a);

	/* The default policy and priority, which anyone may set on Linux. */
	a = attr_with(POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_USEVFORK);
	run("SETSCHEDPARAM SETSCHEDULER USEVFORK", &a, NULL);
	posix_spawnattr_destroy(&a);

	/* Differing real and effective ids need root. */
	if (getuid() == 0)
		resetids();

	return check_done();
}
