/* compare: native */
/* Hang-ups on a pty (Linux's behaviour):
 * - the session leader exits: its terminal's foreground group gets SIGHUP,
 *   and the terminal is no longer the group's controlling terminal;
 * - the master closes: the session leader gets SIGHUP then SIGCONT, the
 *   foreground group nothing, until the leader exits: then SIGHUP and
 *   SIGCONT; files open on the slave read 0 (a reader asleep at the hang-up
 *   gets EIO), fail writes and most ioctls with EIO, TIOCSPGRP with ENOTTY;
 * - every slave file closes: master reads fail with EIO, poll says POLLHUP. */
#include "ttyutil.h"
#include <signal.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

static int report[2];
static volatile sig_atomic_t hups, conts;

static void on_sig(int sig)
{
	if (sig == SIGHUP)
		hups++;
	else
		conts++;
}

static void say(const char *fmt, ...)
{
	char line[128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	CHECK_EQ(write(report[1], line, (size_t)n), n);
}

static const char *err_name(long r)
{
	return r >= 0 ? "ok" : errno == EIO ? "EIO" : errno == ENOTTY ? "ENOTTY" : "other error";
}

/* Prints the next report line. */
static void expect(void)
{
	print_line(report[0]);
}


/* Blocks SIGHUP and SIGCONT (sigsuspend waits for them), catching both. */
static sigset_t catch_hup_cont(void)
{
	struct sigaction sa;
	sigset_t set, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCONT);
	sigprocmask(SIG_BLOCK, &set, &old);
	return old;
}

/* A child of the session leader in a foreground group of its own, catching
 * SIGHUP and SIGCONT; it runs fn once it is in the foreground. */
static pid_t fg_child(int t, void (*fn)(int))
{
	int ready[2], go[2];
	char c;
	CHECK_EQ(pipe(ready), 0);
	CHECK_EQ(pipe(go), 0);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t none;
		close(ready[0]);
		close(go[1]);
		CHECK_EQ(setpgid(0, 0), 0);
		sigemptyset(&none);
		catch_hup_cont();
		sigprocmask(SIG_SETMASK, &none, NULL);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		close(ready[1]);
		CHECK_EQ(read(go[0], &c, 1), 0);
		close(go[0]);
		fn(t);
		_exit(check_failures);
	}
	CHECK(pid > 0);
	setpgid(pid, pid);
	close(ready[1]);
	close(go[0]);
	CHECK_EQ(read(ready[0], &c, 1), 1);
	close(ready[0]);
	CHECK_EQ(tcsetpgrp(t, pid), 0);
	close(go[1]);
	return pid;
}

static void wait_hup(int t)
{
	sigset_t old = catch_hup_cont();
	while (!hups)
		sigsuspend(&old);
	say("F1 got SIGHUP %d, SIGCONT %d\n", hups, conts);
	say("F1: tcgetpgrp now %s\n", err_name(tcgetpgrp(t)));
}

static int done[2]; /* F2 tells L2 it read */

/* F2: its read ends at the hang-up, which sends it nothing; L2's exit later
 * sends it SIGHUP and SIGCONT (it was in the foreground at the hang-up). */
static void read_hup(int t)
{
	char c;
	sigset_t set, old;
	/* EIO if asleep in it at the hang-up, 0 if it came after (Linux) */
	long r = read(t, &c, 1);
	CHECK(r == 0 || (r == -1 && errno == EIO));
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCONT);
	sigprocmask(SIG_BLOCK, &set, &old);
	CHECK_EQ(write(done[1], "d", 1), 1);
	int before = hups + conts;
	while (!hups || !conts)
		sigsuspend(&old);
	say("F2's read ended, got %d signals at the hang-up; after L2 exited SIGHUP %d, SIGCONT %d\n", before, hups,
	    conts);
}

/* s: the test's own slave file (opened before the hang-up). */
static void master_close(int m, int s)
{
	char c;
	fflush(stdout);
	pid_t l = fork();
	if (l == 0) {
		close(s);
		CHECK_EQ(setsid(), getpid());
		int t = open(ptsname(m), O_RDWR);
		CHECK(t >= 0);
		close(m);
		signal(SIGTTOU, SIG_IGN);
		sigset_t old = catch_hup_cont();
		CHECK_EQ(pipe(done), 0);
		fg_child(t, read_hup);
		close(done[1]);
		say("L2 ready\n");
		while (!hups || !conts)
			sigsuspend(&old);
		CHECK_EQ(read(done[0], &c, 1), 1);
		say("L2 got SIGHUP %d, SIGCONT %d; its foreground child's read ended\n", hups, conts);
		CHECK_EQ(read(t, &c, 1), 0);
		say("L2: read 0, write %s\n", err_name(write(t, "x", 1)));
		_exit(check_failures);
	}
	expect();
	close(m);
	expect();
	expect();
	expect();
	reap_ok(l);

	struct termios tio;
	pid_t pg = getpgrp();
	CHECK_EQ(read(s, &c, 1), 0);
	printf("the test's slave file: read 0, write %s, ", err_name(write(s, "x", 1)));
	printf("tcgetattr %s, ", err_name(tcgetattr(s, &tio)));
	printf("TIOCSPGRP %s\n", err_name(ioctl(s, TIOCSPGRP, &pg)));
	close(s);
}

int main(void)
{
	int s, m = pty_pair(&s, O_NOCTTY);
	CHECK_EQ(pipe(report), 0);

	printf("the session leader exits:\n");
	fflush(stdout);
	pid_t l = fork();
	if (l == 0) {
		CHECK_EQ(setsid(), getpid());
		int t = open(ptsname(m), O_RDWR);
		CHECK(t >= 0);
		signal(SIGTTOU, SIG_IGN);
		fg_child(t, wait_hup);
		_exit(check_failures);
	}
	reap_ok(l);
	expect();
	expect();

	printf("the master closes:\n");
	master_close(m, s);

	printf("the slave closes:\n");
	m = pty_pair(&s, O_NOCTTY);
	close(s);
	struct pollfd p = { m, POLLIN, 0 };
	CHECK_EQ(poll(&p, 1, 0), 1);
	printf("  poll: POLLHUP %s\n", p.revents & POLLHUP ? "yes" : "no");
	char c;
	CHECK_ERRNO(read(m, &c, 1), EIO);
	printf("  master read: EIO\n");
	close(m);
	return check_done();
}
