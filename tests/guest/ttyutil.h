/* Helpers shared by the tty_* and pty_* guest tests: open a pty pair, show
 * bytes with escapes, read a master up to a marker the slave wrote. */
#ifndef TTYUTIL_H
#define TTYUTIL_H

#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <sys/wait.h>
#include <unistd.h>

/* A new pair, unlocked; the slave opened with extra flags (O_NOCTTY...). */
static int pty_pair(int *slave, int sflags)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(m >= 0);
	CHECK_EQ(grantpt(m), 0);
	CHECK_EQ(unlockpt(m), 0);
	*slave = open(ptsname(m), O_RDWR | sflags);
	CHECK(*slave >= 0);
	return m;
}

/* Prints label and n bytes of b, escaping what is not printable. */
static void show(const char *label, const char *b, long n)
{
	printf("%s: %ld \"", label, n);
	for (long i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		if (c < 32 || c > 126 || c == '"' || c == '\\')
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

/* Reads fd until mark arrives (or 2 s pass): the bytes before it. */
static long read_until(int fd, char *buf, long max, char mark)
{
	long n = 0;
	while (n < max) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 2000) != 1)
			break;
		long r = read(fd, buf + n, (size_t)(max - n));
		if (r <= 0)
			break;
		n += r;
		if (memchr(buf + n - r, mark, (size_t)r)) {
			char *at = memchr(buf, mark, (size_t)n);
			return at - buf;
		}
	}
	fprintf(stderr, "read_until: no mark after %ld bytes\n", n);
	check_failures++;
	return n;
}

/* What the master has been sent so far: the slave writes a marker behind it. */
static void show_master(const char *label, int m, int s)
{
	char buf[512];
	CHECK_EQ(write(s, "|", 1), 1);
	show(label, buf, read_until(m, buf, sizeof(buf), '|'));
}

/* The master types text; the slave reads once; both sides are shown. */
static void type_line(int m, int s, const char *text, size_t len)
{
	char buf[512];
	CHECK_EQ(write(m, text, len), (long)len);
	long n = read(s, buf, sizeof(buf));
	show("  read", buf, n);
	show_master("  echo", m, s);
}

#define TYPE(m, s, lit) type_line(m, s, lit, sizeof(lit) - 1)

/* Prints the next line read from fd (one byte at a time: lines from
 * several writers stay whole). */
static void print_line(int fd)
{
	char line[128];
	int n = 0;
	while (n < (int)sizeof(line) - 1 && read(fd, line + n, 1) == 1 && line[n] != '\n')
		n++;
	line[n] = 0;
	printf("%s\n", line);
}

/* Waits for child pid, which must exit with status 0. */
static void reap_ok(pid_t pid)
{
	int st = -1;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* fork, with the child in a process group of its own: returns in the parent
 * once the child is in it, and in the child with close_fd closed (-1: none). */
static pid_t fork_group(int close_fd)
{
	int ready[2];
	char c;
	CHECK_EQ(pipe(ready), 0);
	pid_t pid = fork();
	if (pid == 0) {
		close(ready[0]);
		if (close_fd >= 0)
			close(close_fd);
		CHECK_EQ(setpgid(0, 0), 0);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		close(ready[1]);
		return 0;
	}
	CHECK(pid > 0);
	setpgid(pid, pid);
	close(ready[1]);
	CHECK_EQ(read(ready[0], &c, 1), 1);
	close(ready[0]);
	return pid;
}

#endif
