/* compare: native */
/* Non-canonical reads, POSIX's four cases: MIN=0 TIME=0 returns what is there
 * (0 when nothing, even with O_NONBLOCK); MIN=0 TIME>0 waits up to TIME for a
 * first byte; MIN>0 TIME=0 waits for MIN bytes (fewer when the buffer is
 * smaller, more when more came); MIN>0 TIME>0 blocks for the first byte, then
 * TIME is an inter-byte timer. O_NONBLOCK with MIN>0: EAGAIN. A child types
 * late where a read must wait for it. */
#include "ttyutil.h"
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void set_mode(int s, int min, int time)
{
	struct termios t;
	CHECK_EQ(tcgetattr(s, &t), 0);
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = (cc_t)min;
	t.c_cc[VTIME] = (cc_t)time;
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
}

/* A child that writes text to the master after ms milliseconds. */
static pid_t late_typist(int m, const char *text, int ms)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec d = { ms / 1000, (ms % 1000) * 1000000L };
		nanosleep(&d, NULL);
		_exit(write(m, text, strlen(text)) != (long)strlen(text));
	}
	CHECK(pid > 0);
	return pid;
}

/* Waits until a read of s would not block (the master's bytes went through
 * the discipline: Linux runs it after write returns). */
static void wait_input(int s)
{
	struct pollfd p = { s, POLLIN, 0 };
	CHECK_EQ(poll(&p, 1, -1), 1);
}

/* Reads up to n bytes, printing them, and checks the read waited at least
 * lo ms (a timer never fires early; no upper bound: the machine may be slow). */
static void timed_read(const char *label, int s, size_t n, long lo)
{
	char buf[64];
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long r = read(s, buf, n);
	long ms = ms_since(&t0);
	show(label, buf, r);
	if (ms < lo) {
		fprintf(stderr, "%s: took %ld ms, want at least %ld\n", label, ms, lo);
		check_failures++;
	}
}

int main(void)
{
	int s, m = pty_pair(&s, O_NOCTTY);
	pid_t kid;

	printf("MIN=0 TIME=0:\n");
	set_mode(s, 0, 0);
	timed_read("  nothing", s, 10, 0);
	CHECK_EQ(write(m, "ab", 2), 2);
	wait_input(s);
	timed_read("  two bytes", s, 10, 0);
	CHECK_EQ(fcntl(s, F_SETFL, O_NONBLOCK), 0);
	timed_read("  nothing, O_NONBLOCK", s, 10, 0);
	CHECK_EQ(fcntl(s, F_SETFL, 0), 0);

	printf("MIN=0 TIME=3:\n");
	set_mode(s, 0, 3);
	timed_read("  nothing: times out", s, 10, 250);
	CHECK_EQ(write(m, "xyz", 3), 3);
	wait_input(s);
	timed_read("  there already", s, 10, 0);
	set_mode(s, 0, 100); /* 10 s: the byte comes long before */
	kid = late_typist(m, "late", 100);
	timed_read("  comes in time", s, 10, 50);
	reap_ok(kid);

	printf("MIN=3 TIME=0:\n");
	set_mode(s, 3, 0);
	CHECK_EQ(write(m, "ab", 2), 2);
	kid = late_typist(m, "c", 300);
	timed_read("  waits for the third", s, 10, 200);
	reap_ok(kid);
	CHECK_EQ(write(m, "defgh", 5), 5);
	wait_input(s);
	timed_read("  more than MIN", s, 10, 0);
	CHECK_EQ(write(m, "ijklm", 5), 5);
	wait_input(s);
	timed_read("  buffer below MIN", s, 2, 0);
	timed_read("  the rest", s, 10, 0);
	CHECK_EQ(fcntl(s, F_SETFL, O_NONBLOCK), 0);
	errno = 0;
	CHECK_ERRNO(read(s, (char[4]){0}, 4), EAGAIN);
	CHECK_EQ(fcntl(s, F_SETFL, 0), 0);
	printf("  empty, O_NONBLOCK: EAGAIN\n");

	printf("MIN=2 TIME=2:\n");
	set_mode(s, 2, 2);
	kid = late_typist(m, "q", 300);
	timed_read("  first byte late, then the timer", s, 10, 350);
	reap_ok(kid);
	CHECK_EQ(write(m, "rs", 2), 2);
	wait_input(s);
	timed_read("  MIN there", s, 10, 0);

	close(s);
	close(m);
	return check_done();
}
