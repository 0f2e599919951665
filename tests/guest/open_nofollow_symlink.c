/* compare: native */
/* O_NOFOLLOW refuses a symlink as the last component (ELOOP), even a dangling
 * one and with O_CREAT, but follows symlinks earlier in the path. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	fs_enter("open_nofollow_symlink");
	close(open("f", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(mkdir("d", 0755), 0);
	close(open("d/g", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(symlink("f", "l"), 0);
	CHECK_EQ(symlink("missing", "dangling"), 0);
	CHECK_EQ(symlink("d", "dl"), 0);

	CHECK_ERRNO(open("l", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK_ERRNO(open("l", O_WRONLY | O_NOFOLLOW), ELOOP);
	CHECK_ERRNO(open("dangling", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK_ERRNO(open("dangling", O_CREAT | O_WRONLY | O_NOFOLLOW, 0644), ELOOP);
	CHECK_ERRNO(access("missing", F_OK), ENOENT);
	CHECK_ERRNO(open("dl", O_RDONLY | O_NOFOLLOW | O_DIRECTORY), ENOTDIR);
	int fd = open("dl/g", O_RDONLY | O_NOFOLLOW);
	CHECK(fd >= 0);
	close(fd);
	fd = open("f", O_RDONLY | O_NOFOLLOW);
	CHECK(fd >= 0);
	close(fd);
	fd = open("l", O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
	/* with O_CREAT | O_EXCL a symlink is never followed: EEXIST */
	CHECK_ERRNO(open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	/* without O_NOFOLLOW, O_CREAT through a dangling link creates its target */
	fd = open("dangling", O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ(access("missing", F_OK), 0);
	printf("done\n");
	fs_leave();
	return check_done();
}
