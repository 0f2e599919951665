/* compare: native */
/* link and linkat add a name to a file: st_nlink counts the names, both names
 * reach the same inode, an existing target is EEXIST and a directory EPERM. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static long nlink(const char *name)
{
	struct stat st;
	if (lstat(name, &st) != 0)
		return -1;
	return (long)st.st_nlink;
}

int main(void)
{
	struct stat a, b;
	char buf[8] = { 0 };

	fs_enter("link_count");
	int fd = open("f", O_CREAT | O_WRONLY, 0644);
	CHECK_EQ(write(fd, "abc", 3), 3);
	close(fd);
	CHECK_EQ(link("f", "g"), 0);
	CHECK_EQ(nlink("f"), 2);
	CHECK_EQ(stat("f", &a), 0);
	CHECK_EQ(stat("g", &b), 0);
	CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	CHECK_EQ(mkdir("d", 0755), 0);
	int dfd = open("d", O_RDONLY | O_DIRECTORY);
	CHECK_EQ(linkat(AT_FDCWD, "f", dfd, "h", 0), 0);
	CHECK_EQ(nlink("f"), 3);
	printf("after 2 links: %ld\n", nlink("g"));
	CHECK_ERRNO(link("f", "g"), EEXIST);
	CHECK_ERRNO(link("f", "d"), EEXIST);
	CHECK_ERRNO(link("d", "d2"), EPERM);
	CHECK_ERRNO(link("missing", "x"), ENOENT);
	CHECK_ERRNO(link("f", "nodir/x"), ENOENT);
	CHECK_ERRNO(link("f", "g/x"), ENOTDIR);
	CHECK_ERRNO(linkat(AT_FDCWD, "f", AT_FDCWD, "x", 0x10000), EINVAL);
	CHECK_EQ(unlink("f"), 0);
	CHECK_EQ(nlink("g"), 2);
	fd = openat(dfd, "h", O_RDONLY);
	CHECK_EQ(read(fd, buf, sizeof(buf) - 1), 3);
	printf("h: %s\n", buf);
	close(fd);
	/* AT_SYMLINK_FOLLOW links the target; without it the symlink itself */
	CHECK_EQ(symlink("g", "s"), 0);
	CHECK_EQ(linkat(AT_FDCWD, "s", AT_FDCWD, "s2", 0), 0);
	CHECK_EQ(lstat("s2", &a), 0);
	CHECK(S_ISLNK(a.st_mode));
	CHECK_EQ(nlink("s"), 2);
	CHECK_EQ(linkat(AT_FDCWD, "s", AT_FDCWD, "t", AT_SYMLINK_FOLLOW), 0);
	CHECK_EQ(lstat("t", &a), 0);
	CHECK(S_ISREG(a.st_mode));
	CHECK_EQ(nlink("g"), 3);
	/* AT_EMPTY_PATH links an open descriptor (root has CAP_DAC_READ_SEARCH) */
	fd = open("g", O_RDONLY);
	CHECK_EQ(linkat(fd, "", AT_FDCWD, "e", AT_EMPTY_PATH), 0);
	close(fd);
	printf("final: %ld\n", nlink("g"));
	close(dfd);
	fs_leave();
	return check_done();
}
