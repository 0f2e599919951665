/* compare: native */
/* poll on a pipe: the write end is writable, the read end readable once data
 * is there, POLLHUP when the writer is gone, POLLNVAL for a closed descriptor,
 * negative descriptors ignored, and a timeout of 0 returns at once. */
#include "check.h"
#include <poll.h>
#include <unistd.h>

int main(void)
{
	int fd[2];
	char c;

	CHECK_EQ(pipe(fd), 0);
	struct pollfd p[4] = {
		{ fd[0], POLLIN, 0 }, { fd[1], POLLOUT, 0 }, { 99, POLLIN, 0 }, { -1, POLLIN, 0 },
	};
	CHECK_EQ(poll(p, 4, 0), 2);
	printf("%x %x %x %x\n", p[0].revents, p[1].revents, p[2].revents, p[3].revents);
	CHECK_EQ(write(fd[1], "x", 1), 1);
	CHECK_EQ(poll(p, 2, 1000), 2);
	printf("%x %x\n", p[0].revents, p[1].revents);
	CHECK_EQ(close(fd[1]), 0);
	CHECK_EQ(poll(p, 1, -1), 1);
	printf("%x\n", p[0].revents);
	CHECK_EQ(read(fd[0], &c, 1), 1);
	CHECK_EQ(poll(p, 1, -1), 1);
	printf("%x\n", p[0].revents);
	CHECK_EQ(poll(NULL, 0, 20), 0); /* a plain sleep */
	return check_done();
}
