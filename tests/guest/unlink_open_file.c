/* compare: native */
/* An unlinked file stays readable and writable through an open descriptor. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	char buf[16] = { 0 };
	struct stat st;

	fs_enter("unlink_open_file");
	int fd = open("f", O_CREAT | O_RDWR, 0600);
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(unlink("f"), 0);
	CHECK_ERRNO(access("f", F_OK), ENOENT);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(write(fd, "def", 3), 3);
	CHECK_EQ(pread(fd, buf, sizeof(buf) - 1, 0), 6);
	printf("%s\n", buf);
	CHECK_EQ(close(fd), 0);
	fs_leave();
	return check_done();
}
