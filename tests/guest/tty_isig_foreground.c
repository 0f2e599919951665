/* compare: native */
/* ISIG on a pty: ^C, ^\ and ^Z send SIGINT, SIGQUIT and SIGTSTP to the
 * terminal's foreground process group only, and flush the line being typed
 * unless NOFLSH. A session leader L (setsid, then an open without O_NOCTTY
 * makes the pty its controlling terminal) has children A and B in groups of
 * their own; it moves the foreground between A, B and itself (SIGTTOU
 * ignored, as shells do) when the test, outside the session, asks through a
 * pipe. Everyone reports on one pipe; the echo (^C ...) is shown too. */
#include "ttyutil.h"
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

static int report[2], cmd[2];
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

/* A child of L in its own group: waits for its pipe to close, then reports
 * what it got. */
static pid_t member(const char *name, int *ctl)
{
	int p[2];
	CHECK_EQ(pipe(p), 0);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		me = name;
		close(p[1]);
		setpgid(0, 0);
		while (read(p[0], &c, 1) != 0)
			;
		char sum[64];
		snprintf(sum, sizeof(sum), "INT %d QUIT %d TSTP %d", (int)counts[0], (int)counts[1], (int)counts[2]);
		say("%s exits: %s\n", sum);
		_exit(check_failures);
	}
	CHECK(pid > 0);
	setpgid(pid, pid);
	close(p[0]);
	*ctl = p[1];
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
	int st;
	CHECK_EQ(waitpid(a, &st, 0), a);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(bctl);
	CHECK_EQ(waitpid(b, &st, 0), b);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	char sum[64];
	snprintf(sum, sizeof(sum), "INT %d QUIT %d TSTP %d", (int)counts[0], (int)counts[1], (int)counts[2]);
	say("%s exits: %s\n", sum);
	_exit(check_failures);
}

/* Prints the next report line. */
static void expect(void)
{
	char line[128];
	int n = 0;
	while (n < (int)sizeof(line) - 1 && read(report[0], line + n, 1) == 1 && line[n] != '\n')
		n++;
	line[n] = 0;
	printf("%s\n", line);
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

	command('a');
	CHECK_EQ(write(m, "abc\x03", 4), 4);
	expect();
	show_master("echo", m, s);
	CHECK_EQ(write(m, "d\n", 2), 2);
	command('l');
	command('b');
	CHECK_EQ(write(m, "\x1c", 1), 1);
	expect();
	CHECK_EQ(write(m, "\x1a", 1), 1);
	expect();
	show_master("echo", m, s);
	command('n');
	command('b');
	CHECK_EQ(write(m, "xy\x03", 3), 3);
	expect();
	CHECK_EQ(write(m, "z\n", 2), 2);
	command('l');
	show_master("echo", m, s);
	CHECK_EQ(write(cmd[1], "q", 1), 1);
	expect();
	expect();
	expect();
	int st;
	CHECK_EQ(waitpid(l, &st, 0), l);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("the test process got INT %d QUIT %d TSTP %d\n", (int)counts[0], (int)counts[1], (int)counts[2]);
	return check_done();
}
