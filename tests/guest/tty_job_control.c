/* compare: native */
/* Job control on a controlling terminal. A session leader L (setsid, then an
 * open of the pty slave) is in the foreground and ignores SIGTTOU, as shells
 * do; each case runs in a child C in a background group of its own:
 * - a read gets SIGTTIN: a default SIGTTIN stops C (WUNTRACED sees it); once
 *   C is put in the foreground and continued, the read takes the line; a
 *   caught one (no SA_RESTART) fails the read with EINTR; ignored or blocked:
 *   EIO; a read by an orphaned background group: EIO;
 * - a write goes out, unless TOSTOP: then SIGTTOU stops C, or the write goes
 *   out when SIGTTOU is ignored;
 * - tcsetpgrp and tcsetattr from the background get SIGTTOU (stop, or EINTR
 *   when caught), and succeed when it is ignored. */
#include "ttyutil.h"
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

static int t, m;
static volatile sig_atomic_t caught;

static void on_sig(int sig)
{
	(void)sig;
	caught++;
}

static void set_sig(int sig, void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigaction(sig, &sa, NULL);
}

static void block(int sig)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void set_tostop(bool on)
{
	struct termios tio;
	CHECK_EQ(tcgetattr(t, &tio), 0);
	if (on)
		tio.c_lflag |= TOSTOP;
	else
		tio.c_lflag &= ~(tcflag_t)TOSTOP;
	CHECK_EQ(tcsetattr(t, TCSANOW, &tio), 0);
}

/* Runs fn in a background child; returns its pid (C is in its own group). */
static pid_t bg(void (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		CHECK_EQ(setpgid(0, 0), 0);
		signal(SIGTTOU, SIG_DFL);
		fn();
		fflush(stdout);
		_exit(check_failures);
	}
	CHECK(pid > 0);
	setpgid(pid, pid);
	return pid;
}

/* Waits for pid to exit, or to stop (then prints the signal and kills it
 * unless keep). */
static int finish(pid_t pid, bool keep)
{
	int st;
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	if (WIFSTOPPED(st)) {
		printf("  stopped by %s\n", WSTOPSIG(st) == SIGTTIN ? "SIGTTIN" : WSTOPSIG(st) == SIGTTOU ? "SIGTTOU" : "?");
		fflush(stdout);
		if (keep)
			return WSTOPSIG(st);
		kill(pid, SIGKILL);
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		return 0;
	}
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return 0;
}

static void errno_line(const char *what, long r)
{
	printf("  %s: %s\n", what, r == -1 ? (errno == EINTR ? "EINTR" : errno == EIO ? "EIO" : "other error") : "ok");
}

static void read_default(void)
{
	char buf[16];
	long n = read(t, buf, sizeof(buf));
	show("  read after SIGCONT", buf, n);
}

static void read_caught(void)
{
	char c;
	set_sig(SIGTTIN, on_sig);
	errno_line("read, SIGTTIN caught", read(t, &c, 1));
	CHECK_EQ(caught, 1);
}

static void read_ignored(void)
{
	char c;
	signal(SIGTTIN, SIG_IGN);
	errno_line("read, SIGTTIN ignored", read(t, &c, 1));
}

static void read_blocked(void)
{
	char c;
	block(SIGTTIN);
	errno_line("read, SIGTTIN blocked", read(t, &c, 1));
}

/* C's child G in a group of its own reads once C has exited: G's group is
 * orphaned (its parent is init's now). */
static void read_orphaned(void)
{
	int p[2];
	char c;
	CHECK_EQ(pipe(p), 0);
	pid_t g = fork();
	if (g == 0) {
		close(p[1]);
		CHECK_EQ(setpgid(0, 0), 0);
		CHECK_EQ(read(p[0], &c, 1), 0); /* C is gone */
		errno_line("read, orphaned group", read(t, &c, 1));
		fflush(stdout);
		_exit(check_failures);
	}
	CHECK(g > 0);
	/* the test waits for G through the pipe L reads, see main */
}

static void write_plain(void)
{
	errno_line("write, no TOSTOP", write(t, "bg\n", 3));
}

static void write_tostop(void)
{
	errno_line("write, TOSTOP", write(t, "no\n", 3));
}

static void write_tostop_ignored(void)
{
	signal(SIGTTOU, SIG_IGN);
	errno_line("write, TOSTOP, SIGTTOU ignored", write(t, "ig\n", 3));
}

static void setpgrp_default(void)
{
	errno_line("tcsetpgrp", tcsetpgrp(t, getpgrp()));
}

static void setpgrp_caught(void)
{
	set_sig(SIGTTOU, on_sig);
	errno_line("tcsetpgrp, SIGTTOU caught", tcsetpgrp(t, getpgrp()));
	CHECK_EQ(caught, 1);
}

static void setattr_caught(void)
{
	struct termios tio;
	CHECK_EQ(tcgetattr(t, &tio), 0); /* reading the attributes is fine */
	set_sig(SIGTTOU, on_sig);
	errno_line("tcsetattr, SIGTTOU caught", tcsetattr(t, TCSANOW, &tio));
	CHECK_EQ(caught, 1);
}

static void setpgrp_ignored(void)
{
	signal(SIGTTOU, SIG_IGN);
	errno_line("tcsetpgrp, SIGTTOU ignored", tcsetpgrp(t, getpgrp()));
	CHECK_EQ(tcgetpgrp(t), getpgrp());
}

/* What the master has got since the last call. */
static void master_got(const char *label)
{
	char buf[64];
	CHECK_EQ(write(t, "|", 1), 1);
	show(label, buf, read_until(m, buf, sizeof(buf), '|'));
}

static void leader(const char *path)
{
	pid_t c;
	CHECK_EQ(setsid(), getpid());
	t = open(path, O_RDWR);
	CHECK(t >= 0);
	CHECK_EQ(tcgetpgrp(t), getpid());
	signal(SIGTTOU, SIG_IGN);

	printf("background reads:\n");
	c = bg(read_default);
	CHECK_EQ(finish(c, true), SIGTTIN);
	CHECK_EQ(tcsetpgrp(t, c), 0);
	CHECK_EQ(write(m, "line\n", 5), 5);
	kill(c, SIGCONT);
	finish(c, false);
	CHECK_EQ(tcsetpgrp(t, getpgrp()), 0);
	finish(bg(read_caught), false);
	finish(bg(read_ignored), false);
	finish(bg(read_blocked), false);
	int p[2];
	CHECK_EQ(pipe(p), 0);
	fflush(stdout);
	c = fork();
	if (c == 0) {
		/* the orphan's output comes through p so that L prints it in order */
		close(p[0]);
		dup2(p[1], 1);
		close(p[1]);
		CHECK_EQ(setpgid(0, 0), 0);
		read_orphaned();
		_exit(0);
	}
	close(p[1]);
	finish(c, false);
	char buf[128];
	long n, got = 0;
	while ((n = read(p[0], buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += n;
	buf[got] = 0;
	printf("%s", buf);
	close(p[0]);
	master_got("  the master got");

	printf("background writes:\n");
	finish(bg(write_plain), false);
	set_tostop(true);
	finish(bg(write_tostop), false);
	finish(bg(write_tostop_ignored), false);
	set_tostop(false);
	master_got("  the master got");

	printf("tcsetpgrp and tcsetattr from the background:\n");
	finish(bg(setpgrp_default), false);
	finish(bg(setpgrp_caught), false);
	finish(bg(setattr_caught), false);
	CHECK_EQ(tcgetpgrp(t), getpgrp());
	finish(bg(setpgrp_ignored), false);
	CHECK(tcgetpgrp(t) != getpgrp());
	CHECK_EQ(tcsetpgrp(t, getpgrp()), 0); /* L ignores SIGTTOU */
	fflush(stdout);
	_exit(check_failures);
}

int main(void)
{
	int s;
	m = pty_pair(&s, O_NOCTTY);
	fflush(stdout);
	pid_t l = fork();
	if (l == 0) {
		close(s);
		leader(ptsname(m));
	}
	reap_ok(l);
	return check_done();
}
