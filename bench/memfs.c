/* measure: inside */
/* target: memfs_write_64m >= 1024 MiB/s */
/* target: memfs_read_64m >= 1024 MiB/s */
/* target: open_fstat_close <= 2000 ns */
/* File system speed: a 64 MiB file written then read back in 64 KiB chunks
 * (MiB/s each way, best of 3), and open+fstat+close of an existing file (ns per
 * round, median of 5 batches). Under wunix the file lives in memfs; natively in
 * /tmp. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TOTAL (64L << 20)
#define CHUNK 65536
#define ROUNDS 3
#define OPENS 20000
#define BATCHES 5

static char buf[CHUNK];

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	char path[] = "/tmp/wunix-bench-memfs-XXXXXX";
	double wbest = 0, rbest = 0, per[BATCHES];
	unsigned sum = 0;

	int fd = mkstemp(path);
	if (fd < 0)
		die("mkstemp");
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 31 + 7);
	for (int r = 0; r < ROUNDS; r++) {
		if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET))
			die("reset");
		double t0 = now_s();
		for (long done = 0; done < TOTAL; done += CHUNK)
			if (write(fd, buf, CHUNK) != CHUNK)
				die("write");
		double t1 = now_s();
		if (lseek(fd, 0, SEEK_SET))
			die("lseek");
		for (long done = 0; done < TOTAL; done += CHUNK) {
			if (read(fd, buf, CHUNK) != CHUNK)
				die("read");
			sum += (unsigned char)buf[done % CHUNK];
		}
		double t2 = now_s();
		double w = TOTAL / (t1 - t0) / (1 << 20), rd = TOTAL / (t2 - t1) / (1 << 20);
		if (w > wbest)
			wbest = w;
		if (rd > rbest)
			rbest = rd;
	}
	close(fd);
	for (int b = 0; b < BATCHES; b++) {
		struct stat st;
		double t0 = now_s();
		for (int i = 0; i < OPENS; i++) {
			int f = open(path, O_RDONLY);
			if (f < 0 || fstat(f, &st) || close(f))
				die("open/fstat/close");
		}
		per[b] = (now_s() - t0) / OPENS * 1e9;
	}
	unlink(path);
	qsort(per, BATCHES, sizeof(per[0]), cmp);
	printf("RESULT memfs_write_64m %.0f MiB/s\n", wbest);
	printf("RESULT memfs_read_64m %.0f MiB/s\n", rbest);
	printf("RESULT open_fstat_close %.0f ns\n", per[BATCHES / 2]);
	printf("CHECKSUM %u\n", sum);
	return 0;
}
