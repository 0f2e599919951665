/* compare: native */
/* F_GETFL reports the access mode and status flags; F_SETFL changes only
 * O_APPEND/O_NONBLOCK (and friends); O_APPEND writes go to the end. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	char buf[16] = { 0 };

	fs_enter("fcntl_flags");
	int fd = open("f", O_CREAT | O_RDWR, 0600);
	int fl = fcntl(fd, F_GETFL);
	CHECK_EQ(fl & O_ACCMODE, O_RDWR);
	CHECK_EQ(fl & O_APPEND, 0);
	CHECK_EQ(write(fd, "12345", 5), 5);
	CHECK_EQ(fcntl(fd, F_SETFL, fl | O_APPEND | O_NONBLOCK | O_CREAT), 0);
	fl = fcntl(fd, F_GETFL);
	CHECK(fl & O_APPEND);
	CHECK(fl & O_NONBLOCK);
	CHECK_EQ(fl & O_CREAT, 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "ab", 2), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7);
	CHECK_EQ(pread(fd, buf, sizeof(buf) - 1, 0), 7);
	printf("%s\n", buf);
	CHECK_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_ERRNO(fcntl(99, F_GETFL), EBADF);
	int ro = open("f", O_RDONLY);
	CHECK_EQ(fcntl(ro, F_GETFL) & O_ACCMODE, O_RDONLY);
	close(ro);
	close(fd);
	fs_leave();
	return check_done();
}
