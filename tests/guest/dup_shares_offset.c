/* compare: native */
/* dup, dup2, dup3 and F_DUPFD share one open file description and its offset;
 * close-on-exec belongs to the descriptor. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	fs_enter("dup_shares_offset");
	int fd = open("f", O_CREAT | O_RDWR, 0600);
	int d1 = dup(fd);
	CHECK(d1 > fd);
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(lseek(d1, 0, SEEK_CUR), 3);
	CHECK_EQ(dup2(fd, 20), 20);
	CHECK_EQ(lseek(20, 1, SEEK_SET), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 1);
	CHECK_EQ(dup3(fd, 21, O_CLOEXEC), 21);
	CHECK_EQ(fcntl(21, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(20, F_GETFD), 0);
	CHECK_ERRNO(dup3(fd, fd, 0), EINVAL);
	CHECK_EQ(dup2(fd, fd), fd);
	CHECK_EQ(fcntl(fd, F_DUPFD, 30), 30);
	CHECK_EQ(fcntl(fd, F_DUPFD_CLOEXEC, 30), 31);
	CHECK_EQ(fcntl(31, F_GETFD), FD_CLOEXEC);
	CHECK_ERRNO(dup(-1), EBADF);
	CHECK_ERRNO(dup2(fd, -1), EBADF);
	close(fd);
	char c;
	CHECK_EQ(read(30, &c, 1), 1);
	printf("%c\n", c);
	CHECK_EQ(lseek(d1, 0, SEEK_CUR), 2);
	fs_leave();
	return check_done();
}
