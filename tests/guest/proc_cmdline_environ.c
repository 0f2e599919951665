/* compare: native */
/* args: one "two words" "" three */
/* env: PROC_TEST=hello */
/* /proc/self/cmdline and environ hold the arguments and environment the process started with, NUL-separated. */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[65536];

static long slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	long n, total = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + total, sizeof(buf) - total)) > 0)
		total += n;
	close(fd);
	return total;
}

/* Whether buf[0, len) is exactly the strings of v, each followed by a NUL. */
static int same_strings(long len, char **v)
{
	long off = 0;
	for (; *v; v++) {
		size_t l = strlen(*v) + 1;
		if (off + (long)l > len || memcmp(buf + off, *v, l) != 0)
			return 0;
		off += l;
	}
	return off == len;
}

int main(int argc, char **argv, char **envp)
{
	long n = slurp("/proc/self/cmdline");
	CHECK(n > 0);
	CHECK(same_strings(n, argv));
	CHECK_EQ(argc, 5);
	n = slurp("/proc/self/environ");
	CHECK(n > 0);
	CHECK(same_strings(n, envp));
	CHECK(memmem(buf, (size_t)n, "\0PROC_TEST=hello\0", 17) != NULL || memcmp(buf, "PROC_TEST=hello", 16) == 0);
	/* the file keeps what the process started with, not what it changes later */
	setenv("PROC_TEST", "changed", 1);
	CHECK_EQ(slurp("/proc/self/environ"), n);
	CHECK(memmem(buf, (size_t)n, "PROC_TEST=hello", 15) != NULL);
	/* a short read, then the rest */
	int fd = open("/proc/self/cmdline", O_RDONLY);
	char a[4];
	CHECK_EQ(read(fd, a, 3), 3);
	CHECK_EQ(read(fd, buf, sizeof(buf)), slurp("/proc/self/cmdline") - 3);
	close(fd);
	printf("cmdline and environ ok\n");
	return check_done();
}
