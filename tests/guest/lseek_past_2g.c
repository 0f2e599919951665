/* compare: native */
/* Offsets past 2 GiB reach a 32-bit process through lseek (musl's _llseek),
 * pread and fstat, in a sparse file. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	const off_t big = (off_t)3 << 30;
	char c = 0;
	struct stat st;

	fs_enter("lseek_past_2g");
	int fd = open("sparse", O_CREAT | O_RDWR | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(lseek(fd, big, SEEK_SET), big);
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), big + 1);
	CHECK_EQ(lseek(fd, -1, SEEK_END), big);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, big + 1);
	CHECK_EQ(pread(fd, &c, 1, big), 1);
	CHECK_EQ(c, 'x');
	CHECK_EQ(pread(fd, &c, 1, big - 4096), 1);
	CHECK_EQ(c, 0);
	CHECK_EQ(lseek(fd, -big - 2, SEEK_CUR) == -1 && errno == EINVAL, 1);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink("sparse"), 0);
	printf("ok\n");
	return check_done();
}
