/* compare: native */
/* A directory cannot be opened for writing (EISDIR, with O_WRONLY, O_RDWR,
 * O_TRUNC or O_CREAT), read or written through a read-only descriptor,
 * truncated, or unlinked; a file cannot replace it by rename. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	char c;

	fs_enter("eisdir_write_dir");
	CHECK_EQ(mkdir("d", 0755), 0);
	close(open("f", O_CREAT | O_WRONLY, 0644));
	CHECK_ERRNO(open("d", O_WRONLY), EISDIR);
	CHECK_ERRNO(open("d", O_RDWR), EISDIR);
	CHECK_ERRNO(open("d", O_RDONLY | O_CREAT, 0644), EISDIR);
	CHECK_ERRNO(open("d", O_WRONLY | O_CREAT | O_TRUNC, 0644), EISDIR);
	CHECK_ERRNO(open("/tmp", O_RDWR), EISDIR);
	int fd = open("d", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERRNO(read(fd, &c, 1), EISDIR);
	CHECK_ERRNO(pread(fd, &c, 1, 0), EISDIR);
	CHECK_ERRNO(write(fd, "x", 1), EBADF);
	CHECK_ERRNO(ftruncate(fd, 0), EINVAL);
	close(fd);
	CHECK_ERRNO(truncate("d", 0), EISDIR);
	CHECK_ERRNO(unlink("d"), EISDIR);
	CHECK_ERRNO(rename("f", "d"), EISDIR);
	CHECK_ERRNO(link("f", "d"), EEXIST);
	printf("done\n");
	fs_leave();
	return check_done();
}
