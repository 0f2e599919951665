/* compare: native */
/* A write of at most PIPE_BUF bytes is atomic: on a nonblocking pipe with less
 * room than that, it writes nothing (EAGAIN) rather than part of it. */
#include "check.h"
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

static char buf[65536];

int main(void)
{
	int fd[2];
	long total = 0, r;

	CHECK_EQ(pipe2(fd, O_NONBLOCK), 0);
	while ((r = write(fd[1], buf, sizeof(buf))) > 0)
		total += r;
	/* free exactly PIPE_BUF - 1 bytes: a page of a Linux pipe is PIPE_BUF, so
	 * drain one whole page then refill all but one byte of it */
	CHECK_EQ(read(fd[0], buf, PIPE_BUF), PIPE_BUF);
	CHECK_EQ(write(fd[1], buf, 1), 1);
	CHECK_ERRNO(write(fd[1], buf, PIPE_BUF), EAGAIN);
	CHECK_EQ(write(fd[1], buf, PIPE_BUF - 1), PIPE_BUF - 1); /* fits exactly */
	CHECK_ERRNO(write(fd[1], buf, 1), EAGAIN);
	CHECK_EQ(read(fd[0], buf, 2 * PIPE_BUF), 2 * PIPE_BUF);
	CHECK_EQ(write(fd[1], buf, PIPE_BUF), PIPE_BUF);
	printf("atomic ok (%ld)\n", total);
	return check_done();
}
