/* compare: native */
/* A pipeline of three processes, writer | middle | reader, moves 64 MiB. The
 * writer writes in sizes from 1 byte to 128 KiB, the middle copies with reads
 * of a different size, and the reader (the parent) checks every byte against
 * its position, the total count and a checksum; end of file reaches the
 * reader only once both other processes are done with their write ends. */
#include "check.h"
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOTAL (64L << 20)
#define MAXW (128 << 10)

/* The byte at offset k: shifted or repeated data cannot match. */
static unsigned char at(uint32_t k)
{
	return (unsigned char)(k + (k >> 8) * 7 + (k >> 16) * 131 + (k >> 24) * 17);
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void writer(int out)
{
	static unsigned char buf[MAXW];
	uint32_t seed = 1, k = 0;
	while (k < TOTAL) {
		seed = seed * 1103515245u + 12345u;
		/* mostly large writes, some tiny ones */
		uint32_t n = seed >> 16 & 7 ? (seed >> 8) % MAXW + 1 : (seed >> 8) % 64 + 1;
		if (n > TOTAL - k)
			n = TOTAL - k;
		for (uint32_t i = 0; i < n; i++)
			buf[i] = at(k + i);
		if (write_all(out, buf, n))
			_exit(1);
		k += n;
	}
	_exit(0);
}

static void middle(int in, int out)
{
	static unsigned char buf[50000];
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write_all(out, buf, (size_t)n))
			_exit(1);
	_exit(n == 0 ? 0 : 2);
}

int main(void)
{
	static unsigned char buf[70000];
	int a[2], b[2];

	CHECK_EQ(pipe(a), 0);
	CHECK_EQ(pipe(b), 0);
	fflush(stdout);
	pid_t w = fork();
	if (w == 0) {
		close(a[0]);
		close(b[0]);
		close(b[1]);
		writer(a[1]);
	}
	pid_t m = fork();
	if (m == 0) {
		close(a[1]);
		close(b[0]);
		middle(a[0], b[1]);
	}
	CHECK(w > 0 && m > 0);
	close(a[0]);
	close(a[1]);
	close(b[1]);

	long long count = 0, bad = -1;
	uint32_t sum = 2166136261u;
	ssize_t n;
	while ((n = read(b[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (bad < 0 && buf[i] != at((uint32_t)(count + i)))
				bad = count + i;
			sum = (sum ^ buf[i]) * 16777619u;
		}
		count += n;
	}
	CHECK_EQ(n, 0);
	close(b[0]);
	int status = -1;
	CHECK_EQ(waitpid(w, &status, 0), w);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(waitpid(m, &status, 0), m);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(count, TOTAL);
	CHECK_EQ(bad, -1);
	if (bad >= 0)
		fprintf(stderr, "first wrong byte at offset %lld\n", bad);
	printf("%lld bytes through writer | middle | reader, checksum %08x, first wrong byte: %lld\n",
	       count, (unsigned)sum, bad);
	return check_done();
}
