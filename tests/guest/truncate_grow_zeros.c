/* compare: native */
/* truncate and ftruncate grow a file with zeros (also over bytes cut off
 * before), shrink it, keep the file offset, and refuse a negative length
 * (EINVAL), a read-only descriptor (EINVAL) and a directory (EISDIR). */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static void dump(int fd)
{
	char buf[64];
	struct stat st;
	CHECK_EQ(fstat(fd, &st), 0);
	long n = pread(fd, buf, sizeof(buf), 0);
	printf("size %ld:", (long)st.st_size);
	for (long i = 0; i < n; i++)
		printf("%c", buf[i] ? buf[i] : '.');
	printf("\n");
}

int main(void)
{
	static char big[50000];

	fs_enter("truncate_grow_zeros");
	int fd = open("f", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(write(fd, "abcdefgh", 8), 8);
	CHECK_EQ(ftruncate(fd, 3), 0);
	dump(fd);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 8);
	CHECK_EQ(ftruncate(fd, 10), 0);
	dump(fd);
	CHECK_EQ(truncate("f", 16), 0);
	dump(fd);
	CHECK_EQ(write(fd, "X", 1), 1); /* at offset 8, inside the grown part */
	dump(fd);
	CHECK_EQ(truncate("f", 0), 0);
	dump(fd);
	CHECK_EQ(write(fd, "Y", 1), 1); /* offset 9: a hole before it */
	dump(fd);

	/* across memfs blocks: a large grow reads back all zeros */
	memset(big, 'q', sizeof(big));
	CHECK_EQ(pwrite(fd, big, sizeof(big), 0), sizeof(big));
	CHECK_EQ(ftruncate(fd, 100), 0);
	CHECK_EQ(ftruncate(fd, 200000), 0);
	static char back[200000];
	CHECK_EQ(pread(fd, back, sizeof(back), 0), sizeof(back));
	long nonzero = 0;
	for (size_t i = 100; i < sizeof(back); i++)
		nonzero += back[i] != 0;
	CHECK_EQ(nonzero, 0);
	CHECK(back[99] == 'q');
	printf("grown: %ld non-zero bytes past 100\n", nonzero);

	CHECK_ERRNO(ftruncate(fd, -1), EINVAL);
	CHECK_ERRNO(truncate("f", -1), EINVAL);
	int ro = open("f", O_RDONLY);
	CHECK_ERRNO(ftruncate(ro, 0), EINVAL);
	close(ro);
	CHECK_EQ(mkdir("d", 0755), 0);
	CHECK_ERRNO(truncate("d", 0), EISDIR);
	CHECK_ERRNO(truncate("missing", 0), ENOENT);
	CHECK_ERRNO(ftruncate(-1, 0), EBADF);
	close(fd);
	fs_leave();
	return check_done();
}
