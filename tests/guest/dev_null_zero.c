/* compare: native */
/* /dev/null swallows writes and reads end of file; /dev/zero reads zeros; /dev/full is full. */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char buf[8] = "abcdefg";
	struct stat st;

	int fd = open("/dev/null", O_RDWR);
	CHECK_EQ(write(fd, buf, 8), 8);
	CHECK_EQ(read(fd, buf, 8), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISCHR(st.st_mode));
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	CHECK_EQ(read(fd, buf, 8), 8);
	CHECK(buf[0] == 0 && buf[7] == 0);
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	CHECK_ERRNO(write(fd, buf, 1), ENOSPC);
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	CHECK_EQ(read(fd, buf, 8), 8);
	close(fd);
	CHECK_EQ(stat("/tmp", &st), 0);
	printf("/tmp %o\n", (unsigned)st.st_mode & 07777);
	return check_done();
}
