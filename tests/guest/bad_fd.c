/* compare: native */
/* File descriptors that are out of range, negative or closed fail with EBADF,
 * and the descriptors that are open keep working. */
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	static const int bad[] = { -1, -100, 1000, 65536, INT_MAX, INT_MIN };
	char buf[4] = "xyz";
	struct iovec iov = { buf, 3 };
	struct winsize ws;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int fd = bad[i];
		CHECK_ERRNO(write(fd, buf, 3), EBADF);
		CHECK_ERRNO(read(fd, buf, 3), EBADF);
		CHECK_ERRNO(writev(fd, &iov, 1), EBADF);
		CHECK_ERRNO(readv(fd, &iov, 1), EBADF);
		CHECK_ERRNO(lseek(fd, 0, SEEK_CUR), EBADF);
		CHECK_ERRNO(ioctl(fd, TIOCGWINSZ, &ws), EBADF);
		CHECK_ERRNO(close(fd), EBADF);
		CHECK_ERRNO(syscall(SYS_write, fd, buf, 3), EBADF);
		errno = 0;
		CHECK(isatty(fd) == 0 && errno == EBADF);
	}
	printf("out-of-range fds: EBADF\n");

	/* A zero-length write still checks the fd. */
	CHECK_ERRNO(write(77, buf, 0), EBADF);

	CHECK_EQ(close(0), 0);
	CHECK_ERRNO(read(0, buf, 1), EBADF);
	CHECK_ERRNO(close(0), EBADF);
	CHECK_ERRNO(lseek(0, 0, SEEK_SET), EBADF);
	errno = 0;
	CHECK(isatty(0) == 0 && errno == EBADF);
	printf("closed fd: EBADF\n");

	fflush(stdout);
	CHECK_EQ(write(1, "fd 1 still works\n", 17), 17);
	return check_done();
}
