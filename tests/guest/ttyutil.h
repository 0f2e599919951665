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

#endif
