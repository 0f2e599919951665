/* compare: native */
/* select with nothing ready sleeps for its timeout, clears the sets and
 * returns 0; a ready pipe is reported at once; a closed descriptor is EBADF. */
#include "check.h"
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	int fd[2];
	fd_set rd, wr;

	CHECK_EQ(pipe(fd), 0);
	FD_ZERO(&rd);
	FD_SET(fd[0], &rd);
	struct timeval tv = { 0, 100000 };
	double t0 = now();
	CHECK_EQ(select(fd[0] + 1, &rd, NULL, NULL, &tv), 0);
	double dt = now() - t0;
	CHECK(dt >= 0.099 && dt < 2);
	CHECK(!FD_ISSET(fd[0], &rd));
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fd[0], &rd);
	FD_SET(fd[1], &wr);
	CHECK_EQ(write(fd[1], "x", 1), 1);
	tv = (struct timeval){ 5, 0 };
	CHECK_EQ(select(fd[1] + 1, &rd, &wr, NULL, &tv), 2);
	printf("%d %d\n", FD_ISSET(fd[0], &rd) != 0, FD_ISSET(fd[1], &wr) != 0);
	struct timespec ts = { 0, 30000000 };
	FD_ZERO(&rd);
	FD_SET(fd[0], &rd);
	char c;
	CHECK_EQ(read(fd[0], &c, 1), 1);
	t0 = now();
	CHECK_EQ(pselect(fd[0] + 1, &rd, NULL, NULL, &ts, NULL), 0);
	CHECK(now() - t0 >= 0.029);
	FD_ZERO(&rd);
	FD_SET(40, &rd);
	tv = (struct timeval){ 0, 0 };
	CHECK_ERRNO(select(41, &rd, NULL, NULL, &tv), EBADF);
	printf("done\n");
	return check_done();
}
