/* compare: native */
/* ISIG on a pty: ^C, ^\ and ^Z send SIGINT, SIGQUIT and SIGTSTP to the
 * terminal's foreground process group only, and flush the line being typed
 * unless NOFLSH. A session leader L (setsid, then an open without O_NOCTTY
 * makes the pty its controlling terminal) has children A and B in groups of
 * their own; it moves the foreground between A, B and itself (SIGTTOU
 * ignored, as shells do) when the test, outside the session, asks through a
 * pipe. Everyone reports on one pipe; the echo (^C ...) is shown too, after
 * a line L read (Linux runs the discipline after the master's write returns). */
#include "ttyutil.h"
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

static int report[2], cmd[2];
static int member_ctl = -1; /* the last member's pipe: the next member closes it */
static const char *me = "?";
static volatile sig_atomic_t counts[3];

static void say(const char *fmt, const char *a)
{
	char line[128];
	int n = snprintf(line, sizeof(line), fmt, me, a);
	CHECK_EQ(write(report[1], line, (size_t)n), n);
}

static void on_sig(int sig)
{
	const char *name = sig == SIGINT ? "SIGINT" : sig == SIGQUIT ? "SIGQUIT" : "SIGTSTP";
	counts[sig == SIGINT ? 0 : sig == SIGQUIT ? 1 : 2]++;
	say("%s got %s\n", name);
}

static void catch_all(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
}

static void say_counts(void)
{
	char sum[64];
	snprintf(sum, sizeof(sum), "INT %d QUIT %d TSTP %d", (int)counts[0], (int)counts[1], (int)counts[2]);
	say("%s exits: %s\n", sum);
}

/* A child of L in its own group: waits for its pipe to close, then reports
 * what it got. */
static pid_t member(const char *name, int *ctl)
{
	int p[2];
	char c;
	CHECK_EQ(pipe(p), 0);
	me = name; /* before the child can get a signal */
	pid_t pid = fork_group(member_ctl); /* else A sees no EOF before B exits */
	me = "L";
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) != 0)
			;
		say_counts();
		_exit(check_failures);
	}
	close(p[0]);
	*ctl = member_ctl = p[1];
	return pid;
}

static void leader(const char *path)
{
	me = "L";
	CHECK_EQ(setsid(), getpid());
	int t = open(path, O_RDWR);
	CHECK(t >= 0);
	CHECK_EQ(tcgetsid(t), getpid());
	CHECK_EQ(tcgetpgrp(t), getpid());
	signal(SIGTTOU, SIG_IGN);
	int actl, bctl;
	pid_t a = member("A", &actl), b = member("B", &bctl);
	say("%s ready%s\n", "");
	char c;
	while (read(cmd[0], &c, 1) == 1) {
		if (c == 'a' || c == 'b') {
			CHECK_EQ(tcsetpgrp(t, c == 'a' ? a : b), 0);
			CHECK_EQ(tcgetpgrp(t), c == 'a' ? a : b);
			say("%s: foreground %s\n", c == 'a' ? "A" : "B");
		} else if (c == 'l') {
			char line[64];
			CHECK_EQ(tcsetpgrp(t, getpgrp()), 0);
			long n = read(t, line, sizeof(line) - 1);
			if (n > 0 && line[n - 1] == '\n')
				n--;
			line[n > 0 ? n : 0] = 0;
			say("%s read \"%s\"\n", line);
		} else if (c == 'n') {
			struct termios tio;
			CHECK_EQ(tcgetattr(t, &tio), 0);
			tio.c_lflag |= NOFLSH;
			CHECK_EQ(tcsetattr(t, TCSANOW, &tio), 0);
			say("%s: NOFLSH%s\n", "");
		} else {
			break;
		}
	}
	close(actl);
	reap_ok(a);
	close(bctl);
	reap_ok(b);
	say_counts();
	_exit(check_failures);
}

/* Reads and shows the echo of n bytes just typed. */
static void show_echo(int m, long n)
{
	char buf[16];
	long got = 0, r;
	while (got < n && (r = read(m, buf + got, (size_t)(n - got))) > 0)
		got += r;
	show("echo", buf, got);
}

/* Prints the next report line. */
static void expect(void)
{
	print_line(report[0]);
}

static void command(char c)
{
	CHECK_EQ(write(cmd[1], &c, 1), 1);
	expect();
}

int main(void)
{
	int s, m = pty_pair(&s, O_NOCTTY);
	CHECK_EQ(pipe(report), 0);
	CHECK_EQ(pipe(cmd), 0);
	catch_all();
	fflush(stdout);
	pid_t l = fork();
	if (l == 0) {
		close(cmd[1]);
		close(report[0]);
		leader(ptsname(m));
	}
	close(cmd[0]);
	close(report[1]);
	expect();

	printf("^C with A in the foreground flushes the line:\n");
	command('a');
	CHECK_EQ(write(m, "abc", 3), 3);
	show_echo(m, 3); /* echoes not yet out when ^C comes are dropped (Linux) */
	CHECK_EQ(write(m, "\x03", 1), 1);
	expect();
	CHECK_EQ(write(m, "d\n", 2), 2);
	command('l');
	show_master("echo", m, s);

	printf("^\\ and ^Z with B in the foreground:\n");
	command('b');
	CHECK_EQ(write(m, "\x1c", 1), 1);
	expect();
	CHECK_EQ(write(m, "\x1a", 1), 1);
	expect();
	CHECK_EQ(write(m, "e\n", 2), 2);
	command('l');
	show_master("echo", m, s);

	printf("NOFLSH keeps the line:\n");
	command('n');
	command('b');
	CHECK_EQ(write(m, "xy", 2), 2);
	show_echo(m, 2);
	CHECK_EQ(write(m, "\x03", 1), 1);
	expect();
	CHECK_EQ(write(m, "z\n", 2), 2);
	command('l');
	show_master("echo", m, s);

	CHECK_EQ(write(cmd[1], "q", 1), 1);
	expect();
	expect();
	expect();
	reap_ok(l);
	printf("the test process got INT %d QUIT %d TSTP %d\n", (int)counts[0], (int)counts[1], (int)counts[2]);
	return check_done();
}
