/* compare: native */
/* copy_file_range copies between files with or without offset pointers (a
 * pointer is advanced, the file offset not), stops at EOF, may extend the
 * output with a hole, and refuses overlapping ranges of one file, directories,
 * wrong modes and flags. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static void show(const char *name)
{
	char buf[64] = { 0 };
	int fd = open(name, O_RDONLY);
	long n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	printf("%s (%ld):", name, n);
	for (long i = 0; i < n; i++)
		printf(" %c", buf[i] ? buf[i] : '0');
	printf("\n");
}

int main(void)
{
	fs_enter("copy_file_range_offsets");
	int in = open("in", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(write(in, "0123456789", 10), 10);
	int out = open("out", O_CREAT | O_RDWR, 0644);

	CHECK_EQ(lseek(in, 2, SEEK_SET), 2);
	CHECK_EQ(copy_file_range(in, NULL, out, NULL, 3, 0), 3);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 5);
	CHECK_EQ(lseek(out, 0, SEEK_CUR), 3);
	show("out");

	off_t ioff = 7, ooff = 1;
	CHECK_EQ(copy_file_range(in, &ioff, out, &ooff, 2, 0), 2);
	CHECK_EQ(ioff, 9);
	CHECK_EQ(ooff, 3);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 5);
	CHECK_EQ(lseek(out, 0, SEEK_CUR), 3);
	show("out");

	ioff = 8;
	CHECK_EQ(copy_file_range(in, &ioff, out, NULL, 100, 0), 2);
	CHECK_EQ(ioff, 10);
	CHECK_EQ(copy_file_range(in, &ioff, out, NULL, 100, 0), 0);
	show("out");

	/* past the output's end: the gap reads as zeros */
	ioff = 0;
	ooff = 8;
	CHECK_EQ(copy_file_range(in, &ioff, out, &ooff, 2, 0), 2);
	show("out");

	/* within one file, ranges that do not overlap */
	ioff = 0;
	ooff = 10;
	CHECK_EQ(copy_file_range(in, &ioff, in, &ooff, 4, 0), 4);
	show("in");
	ioff = 0;
	ooff = 2;
	CHECK_ERRNO(copy_file_range(in, &ioff, in, &ooff, 4, 0), EINVAL);

	CHECK_ERRNO(copy_file_range(in, NULL, out, NULL, 1, 1), EINVAL);
	int ro = open("out", O_RDONLY);
	int wo = open("in", O_WRONLY);
	CHECK_ERRNO(copy_file_range(in, NULL, ro, NULL, 1, 0), EBADF);
	CHECK_ERRNO(copy_file_range(wo, NULL, out, NULL, 1, 0), EBADF);
	CHECK_ERRNO(copy_file_range(-1, NULL, out, NULL, 1, 0), EBADF);
	int ap = open("out", O_WRONLY | O_APPEND);
	CHECK_ERRNO(copy_file_range(in, NULL, ap, NULL, 1, 0), EBADF);
	int d = open(".", O_RDONLY | O_DIRECTORY);
	CHECK_ERRNO(copy_file_range(d, NULL, out, NULL, 1, 0), EISDIR);
	CHECK_ERRNO(copy_file_range(in, NULL, d, NULL, 1, 0), EISDIR);
	int p[2];
	CHECK_EQ(pipe(p), 0);
	CHECK_ERRNO(copy_file_range(p[0], NULL, out, NULL, 1, 0), EINVAL);
	close(p[0]);
	close(p[1]);
	CHECK_EQ(copy_file_range(in, NULL, out, NULL, 0, 0), 0);
	close(d);
	close(ap);
	close(ro);
	close(wo);
	close(in);
	close(out);
	fs_leave();
	return check_done();
}
