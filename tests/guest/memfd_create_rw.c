/* compare: native */
/* memfd_create makes an anonymous read-write regular file: written, read back,
 * grown and shrunk with ftruncate, sized by fstat; MFD_CLOEXEC sets
 * FD_CLOEXEC; unknown flags and a name longer than 249 bytes are EINVAL. */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	struct stat st;
	char buf[32] = { 0 };

	int fd = memfd_create("test", 0);
	CHECK(fd >= 0);
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	CHECK_EQ(write(fd, "hello memfd", 11), 11);
	CHECK_EQ(pread(fd, buf, sizeof(buf) - 1, 0), 11);
	printf("%s\n", buf);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 11);
	CHECK_EQ(st.st_uid, geteuid());
	printf("mode %o\n", (unsigned)(st.st_mode & 07777));
	CHECK_EQ(ftruncate(fd, 5), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 5);
	CHECK_EQ(ftruncate(fd, 20000), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 20000);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(pread(fd, buf, 8, 3), 8);
	CHECK(buf[0] == 'l' && buf[1] == 'o' && buf[2] == 0 && buf[7] == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 20000);
	CHECK_EQ(pread(fd, buf, 8, 19996), 4);
	int fd2 = dup(fd);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(pread(fd2, buf, 5, 0), 5);
	buf[5] = 0;
	printf("after close: %s\n", buf);
	close(fd2);

	fd = memfd_create("", MFD_CLOEXEC);
	CHECK(fd >= 0);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 0);
	int other = memfd_create("test", 0);
	struct stat st2;
	CHECK_EQ(fstat(other, &st2), 0);
	CHECK(st.st_ino != st2.st_ino);
	close(other);
	close(fd);

	char name[300];
	memset(name, 'n', sizeof(name));
	name[249] = 0;
	fd = memfd_create(name, 0);
	CHECK(fd >= 0);
	close(fd);
	name[249] = 'n';
	name[250] = 0;
	CHECK_ERRNO(memfd_create(name, 0), EINVAL);
	CHECK_ERRNO(memfd_create("x", 0x1000), EINVAL);
	CHECK_ERRNO(memfd_create(NULL, 0), EFAULT);
	return check_done();
}
