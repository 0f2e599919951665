/* compare: native */
/* A pipe delivers what was written, in order, and reads return 0 once the last
 * writer has closed and the ring is drained. */
#include "check.h"
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	int fd[2];
	char buf[64];

	CHECK_EQ(pipe(fd), 0);
	CHECK_EQ(write(fd[1], "hello, ", 7), 7);
	CHECK_EQ(write(fd[1], "pipe", 4), 4);
	CHECK_EQ(close(fd[1]), 0);
	CHECK_EQ(read(fd[0], buf, 5), 5);
	CHECK_EQ(read(fd[0], buf + 5, sizeof(buf) - 5), 6);
	buf[11] = 0;
	printf("%s\n", buf);
	CHECK_EQ(read(fd[0], buf, sizeof(buf)), 0);
	CHECK_EQ(read(fd[0], buf, sizeof(buf)), 0);
	CHECK_ERRNO(write(fd[0], "x", 1), EBADF);
	CHECK_ERRNO(lseek(fd[0], 0, SEEK_CUR), ESPIPE);
	CHECK_ERRNO(pipe2(fd, O_APPEND), EINVAL);
	CHECK_EQ(pipe2(fd, O_CLOEXEC | O_NONBLOCK), 0);
	CHECK_ERRNO(read(fd[0], buf, 1), EAGAIN);
	return check_done();
}
