/* compare: native */
/* O_DIRECTORY on anything but a directory is ENOTDIR (a file, a symlink to a
 * file, a FIFO); with O_CREAT it is EINVAL and creates nothing; a trailing slash
 * on a file name is ENOTDIR too. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	fs_enter("open_directory_on_file");
	close(open("f", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(symlink("f", "l"), 0);
	CHECK_EQ(symlink(".", "dl"), 0);
	CHECK_EQ(mkfifo("p", 0644), 0);

	CHECK_ERRNO(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERRNO(open("l", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERRNO(open("p", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERRNO(open("/dev/null", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERRNO(open("f/", O_RDONLY), ENOTDIR);
	CHECK_ERRNO(open("f/.", O_RDONLY), ENOTDIR);
	CHECK_ERRNO(open("missing", O_RDONLY | O_DIRECTORY), ENOENT);
	CHECK_ERRNO(open("missing", O_CREAT | O_RDWR | O_DIRECTORY, 0644), EINVAL);
	CHECK_ERRNO(access("missing", F_OK), ENOENT);
	CHECK_ERRNO(open(".", O_CREAT | O_RDONLY | O_DIRECTORY, 0644), EINVAL);
	CHECK_ERRNO(open("f", O_CREAT | O_RDONLY | O_DIRECTORY, 0644), EINVAL);
	CHECK_ERRNO(open("new/", O_CREAT | O_WRONLY, 0644), EISDIR);
	int fd = open("dl", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	close(fd);
	fd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	close(fd);
	printf("done\n");
	fs_leave();
	return check_done();
}
