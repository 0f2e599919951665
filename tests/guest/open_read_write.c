/* compare: native */
/* A file created with openat is written, read back, sized by fstat and seeked. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	char buf[64];
	struct stat st;

	fs_enter("open_read_write");
	int fd = open("f", O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "hello, world\n", 13), 13);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 13);
	CHECK_EQ(lseek(fd, 7, SEEK_SET), 7);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 6);
	CHECK_STR(buf, "world\n");
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 13);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(close(fd), 0);
	fd = open("f", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, buf, 5, 0), 5);
	buf[5] = 0;
	printf("%s\n", buf);
	CHECK_ERRNO(write(fd, "x", 1), EBADF);
	close(fd);
	CHECK_ERRNO(open("missing", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("f/x", O_RDONLY), ENOTDIR);
	CHECK_ERRNO(open(".", O_WRONLY), EISDIR);
	fd = open(".", O_RDONLY);
	CHECK_ERRNO(read(fd, buf, 1), EISDIR);
	close(fd);
	/* sparse: a hole reads as zeros */
	fd = open("sparse", O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK_EQ(pwrite(fd, "z", 1, 100000), 1);
	CHECK_EQ(pread(fd, buf, 4, 50000), 4);
	CHECK(buf[0] == 0 && buf[3] == 0);
	CHECK_EQ(ftruncate(fd, 10), 0);
	CHECK_EQ(ftruncate(fd, 200000), 0);
	CHECK_EQ(pread(fd, buf, 1, 100000), 1);
	CHECK(buf[0] == 0);
	close(fd);
	printf("done\n");
	fs_leave();
	return check_done();
}
