/* compare: native */
/* O_NONBLOCK pipes: an empty read is EAGAIN; writes fill the ring (64 KiB by
 * default, as Linux) and then fail with EAGAIN; a write larger than PIPE_BUF
 * may be partial; FIONREAD counts what is buffered. */
#include "check.h"
#include <fcntl.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <unistd.h>

static char buf[100000];

int main(void)
{
	int fd[2], n;
	long total = 0, r;

	CHECK_EQ(pipe2(fd, O_NONBLOCK), 0);
	CHECK_ERRNO(read(fd[0], buf, 1), EAGAIN);
	while ((r = write(fd[1], buf, 10000)) > 0)
		total += r;
	CHECK_ERRNO(write(fd[1], buf, 1), EAGAIN);
	CHECK(total >= 60000 && total <= 65536); /* Linux accounts in pages */
#ifdef __wunix__
	CHECK_EQ(total, 65536);
#endif
	CHECK_EQ(ioctl(fd[0], FIONREAD, &n), 0);
	CHECK_EQ(n, total);
	CHECK_EQ(read(fd[0], buf, 100), 100);
#ifdef __wunix__
	/* more than PIPE_BUF: partial (Linux frees room a page at a time) */
	CHECK_EQ(write(fd[1], buf, 8192), 100);
	CHECK_EQ(read(fd[0], buf, sizeof(buf)), total);
#else
	CHECK_EQ(read(fd[0], buf, sizeof(buf)), total - 100);
#endif
	CHECK_ERRNO(read(fd[0], buf, 1), EAGAIN);
	printf("PIPE_BUF %d\n", PIPE_BUF);
	return check_done();
}
