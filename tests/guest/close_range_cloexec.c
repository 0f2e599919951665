/* compare: native */
/* close_range closes every open descriptor in [first, last] (gaps and ~0U as
 * the end are fine), CLOSE_RANGE_CLOEXEC marks them close-on-exec instead,
 * and first > last or an unknown flag is EINVAL. */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

static long cr(unsigned first, unsigned last, unsigned flags)
{
	return syscall(SYS_close_range, first, last, flags);
}

static void show(int from, int to)
{
	for (int fd = from; fd <= to; fd++) {
		int fl = fcntl(fd, F_GETFD);
		printf("%c", fl < 0 ? '-' : (fl & FD_CLOEXEC) ? 'c' : 'o');
	}
	printf("\n");
}

int main(void)
{
	for (int fd = 10; fd < 20; fd++)
		CHECK_EQ(dup2(0, fd), fd);
	close(13);
	show(10, 19);
	CHECK_EQ(cr(12, 15, 0), 0);
	show(10, 19);
	CHECK_EQ(cr(11, 11, 0), 0);
	show(10, 19);
	CHECK_EQ(cr(16, 18, 4 /* CLOSE_RANGE_CLOEXEC */), 0);
	show(10, 19);
	CHECK_EQ(fcntl(17, F_SETFD, 0), 0);
	show(10, 19);
	CHECK_ERRNO(cr(5, 4, 0), EINVAL);
	CHECK_ERRNO(cr(10, 19, 0x100), EINVAL);
	CHECK_EQ(cr(200, 300, 0), 0);
	CHECK_EQ(cr(1000, ~0U, 0), 0);
	CHECK_EQ(cr(17, ~0U, 0), 0);
	show(10, 19);
	CHECK_EQ(fcntl(0, F_DUPFD, 11), 11);
	CHECK_EQ(cr(10, ~0U, 4), 0);
	show(10, 19);
	CHECK_EQ(cr(10, ~0U, 0), 0);
	show(10, 19);
	CHECK_EQ(fcntl(0, F_GETFD), 0);
	CHECK_EQ(fcntl(1, F_GETFD), 0);
	return check_done();
}
