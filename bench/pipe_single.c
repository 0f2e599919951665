/* measure: inside */
/* One process moves 256 MiB through its own pipe, writing a chunk then reading
 * it back (no wake-ups involved: the copy and syscall cost of the ring), with
 * 64 KiB and 4 KiB chunks. MiB/s, the best of 3 rounds. pipe_two_procs.c
 * moves data between two processes. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TOTAL (256L << 20)
#define ROUNDS 3

static char buf[65536];

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double run(int fd[2], size_t chunk, unsigned *sum)
{
	double best = 0;
	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_s();
		for (long done = 0; done < TOTAL; done += (long)chunk) {
			if (write(fd[1], buf, chunk) != (ssize_t)chunk || read(fd[0], buf, chunk) != (ssize_t)chunk) {
				perror("pipe");
				return -1;
			}
			*sum += (unsigned char)buf[done % chunk];
		}
		double mibs = TOTAL / (now_s() - t0) / (1 << 20);
		if (mibs > best)
			best = mibs;
	}
	return best;
}

int main(void)
{
	int fd[2];
	unsigned sum = 0;

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7);
	if (pipe(fd))
		return 1;
	double big = run(fd, 65536, &sum), small = run(fd, 4096, &sum);
	if (big < 0 || small < 0)
		return 1;
	printf("RESULT pipe_single_64k %.0f MiB/s\n", big);
	printf("RESULT pipe_single_4k %.0f MiB/s\n", small);
	printf("CHECKSUM %u\n", sum);
	return 0;
}
