/* compare: native */
/* TIOCSWINSZ sends SIGWINCH to the terminal's foreground process group only,
 * and only when the size changes; set on the master or on the slave, it is
 * read back with TIOCGWINSZ on either side. A session leader L has a child F
 * in the foreground group and a child B in a background group; both count
 * SIGWINCH and report each one on a pipe, and their totals when they exit. */
#include "ttyutil.h"
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

static int report[2];
static const char *me = "?";
static volatile sig_atomic_t winches;

static void say(const char *what)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "%s %s %d\n", me, what, (int)winches);
	CHECK_EQ(write(report[1], line, (size_t)n), n);
}

static void on_winch(int sig)
{
	(void)sig;
	winches++;
	say("got SIGWINCH, count");
}

/* Prints the next report line. */
static void expect(void)
{
	print_line(report[0]);
}

/* A child in a group of its own that waits for its pipe to close. */
static pid_t member(const char *name, int *ctl, int *hold)
{
	int p[2];
	char c;
	CHECK_EQ(pipe(p), 0);
	me = name;
	pid_t pid = fork_group(hold ? *hold : -1);
	me = "L";
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) != 0)
			;
		say("exits, count");
		_exit(check_failures);
	}
	close(p[0]);
	*ctl = p[1];
	return pid;
}

static void size(int fd, unsigned short rows, unsigned short cols)
{
	struct winsize ws = { rows, cols, 0, 0 };
	CHECK_EQ(ioctl(fd, TIOCSWINSZ, &ws), 0);
}

int main(void)
{
	int s, m = pty_pair(&s, O_NOCTTY), cmd[2];
	struct winsize ws;
	char c;

	CHECK_EQ(pipe(report), 0);
	CHECK_EQ(pipe(cmd), 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_winch;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	fflush(stdout);
	pid_t l = fork();
	if (l == 0) {
		int t, fctl, bctl, st;
		me = "L";
		close(cmd[1]);
		CHECK_EQ(setsid(), getpid());
		CHECK((t = open(ptsname(m), O_RDWR)) >= 0);
		signal(SIGTTOU, SIG_IGN);
		pid_t f = member("F", &fctl, NULL), b = member("B", &bctl, &fctl);
		CHECK_EQ(tcsetpgrp(t, f), 0);
		say("ready, count");
		CHECK_EQ(read(cmd[0], &c, 1), 0);
		close(fctl);
		CHECK_EQ(waitpid(f, &st, 0), f);
		close(bctl);
		CHECK_EQ(waitpid(b, &st, 0), b);
		say("exits, count");
		_exit(check_failures);
	}
	close(cmd[0]);
	expect();

	printf("resize on the master:\n");
	size(m, 40, 120);
	expect();
	CHECK_EQ(ioctl(s, TIOCGWINSZ, &ws), 0);
	printf("  the slave reads %dx%d\n", ws.ws_row, ws.ws_col);
	printf("the same size again, then resize on the slave:\n");
	size(m, 40, 120);
	size(s, 50, 132);
	expect();
	CHECK_EQ(ioctl(m, TIOCGWINSZ, &ws), 0);
	printf("  the master reads %dx%d\n", ws.ws_row, ws.ws_col);

	close(cmd[1]);
	expect();
	expect();
	expect();
	reap_ok(l);
	printf("the test process got %d\n", (int)winches);
	return check_done();
}
