/* compare: native */
/* With SIGPIPE ignored, writing to a pipe without readers fails with EPIPE and
 * the writer lives on; data written before the reader left stays unread. */
#include "check.h"
#include <signal.h>
#include <unistd.h>

int main(void)
{
	int fd[2];

	signal(SIGPIPE, SIG_IGN);
	CHECK_EQ(pipe(fd), 0);
	CHECK_EQ(write(fd[1], "abc", 3), 3);
	CHECK_EQ(close(fd[0]), 0);
	CHECK_ERRNO(write(fd[1], "x", 1), EPIPE);
	CHECK_ERRNO(write(fd[1], "x", 1), EPIPE);
	printf("alive\n");
	return check_done();
}
