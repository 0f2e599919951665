/* compare: native */
/* O_CREAT|O_EXCL fails on an existing name, symlinks included; O_TRUNC empties. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	struct stat st;

	fs_enter("open_excl");
	int fd = open("f", O_CREAT | O_EXCL | O_WRONLY, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "data", 4), 4);
	close(fd);
	CHECK_ERRNO(open("f", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	CHECK_EQ(symlink("nowhere", "dangling"), 0);
	CHECK_ERRNO(open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	CHECK_ERRNO(open("dangling", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("dangling", O_RDONLY | O_NOFOLLOW), ELOOP);
	fd = open("dangling", O_CREAT | O_WRONLY, 0644); /* creates the target */
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ(stat("nowhere", &st), 0);
	fd = open("f", O_WRONLY | O_TRUNC);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 0);
	close(fd);
	CHECK_ERRNO(open("f/", O_CREAT | O_WRONLY, 0644), EISDIR);
	CHECK_ERRNO(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	printf("ok\n");
	fs_leave();
	return check_done();
}
