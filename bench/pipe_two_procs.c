/* measure: inside */
/* target: pipe_two_procs >= 1024 MiB/s */
/* Two processes and one pipe: a forked child writes 3 x 256 MiB in 64 KiB
 * chunks, the parent reads it (so every transfer involves a wake-up of the
 * other side). MiB/s for each 256 MiB as the parent sees it, the best of 3.
 * The checksum covers one byte in every 4 KiB of the stream. */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TOTAL (256L << 20)
#define CHUNK 65536
#define ROUNDS 3

static unsigned char buf[CHUNK];

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void writer(int fd)
{
	for (long k = 0; k < ROUNDS * TOTAL / CHUNK; k++) {
		buf[0] = (unsigned char)k;
		buf[CHUNK / 2] = (unsigned char)(k >> 8);
		for (ssize_t off = 0, n; off < CHUNK; off += n)
			if ((n = write(fd, buf + off, CHUNK - off)) <= 0)
				_exit(1);
	}
	_exit(0);
}

int main(void)
{
	int fd[2], status;
	unsigned sum = 0;
	double best = 0;

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7 + 1);
	if (pipe(fd))
		return 1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		writer(fd[1]);
	}
	if (pid < 0)
		return 1;
	close(fd[1]);
	long pos = 0;
	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_s();
		long end = pos + TOTAL;
		while (pos < end) {
			long want = end - pos < CHUNK ? end - pos : CHUNK;
			ssize_t n = read(fd[0], buf, (size_t)want);
			if (n <= 0) {
				fprintf(stderr, "read: %zd at %ld\n", n, pos);
				return 1;
			}
			/* the bytes at multiples of 4096 in [pos, pos + n) */
			for (long at = (pos + 4095) & ~4095L; at < pos + n; at += 4096)
				sum = sum * 31 + buf[at - pos];
			pos += n;
		}
		double mibs = TOTAL / (now_s() - t0) / (1 << 20);
		if (mibs > best)
			best = mibs;
	}
	if (waitpid(pid, &status, 0) != pid || status != 0) {
		fprintf(stderr, "writer: status %#x\n", status);
		return 1;
	}
	printf("RESULT pipe_two_procs %.0f MiB/s\n", best);
	printf("CHECKSUM %08x\n", sum);
	return 0;
}
