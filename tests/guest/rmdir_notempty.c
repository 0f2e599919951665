/* compare: native */
/* rmdir removes only empty directories: one with a file, a subdirectory or a
 * symlink in it is ENOTEMPTY; "." is EINVAL; a file is ENOTDIR; once emptied it
 * goes, and the parent's link count drops. A directory rename onto a non-empty
 * one is ENOTEMPTY, onto an empty one replaces it. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static long nlink(const char *name)
{
	struct stat st;
	return stat(name, &st) ? -1 : (long)st.st_nlink;
}

int main(void)
{
	fs_enter("rmdir_notempty");
	CHECK_EQ(mkdir("d", 0755), 0);
	CHECK_EQ(mkdir("d/sub", 0755), 0);
	close(open("d/f", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(mkdir("e", 0755), 0);
	CHECK_EQ(symlink("x", "e/l"), 0);
	printf("links: . %ld d %ld\n", nlink("."), nlink("d"));

	CHECK_ERRNO(rmdir("d"), ENOTEMPTY);
	CHECK_ERRNO(rmdir("e"), ENOTEMPTY);
	CHECK_ERRNO(rmdir("d/f"), ENOTDIR);
	CHECK_ERRNO(rmdir("d/."), EINVAL);
	CHECK_ERRNO(rmdir("missing"), ENOENT);
	CHECK_ERRNO(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR), ENOTEMPTY);
	CHECK_EQ(mkdir("empty", 0755), 0);
	CHECK_ERRNO(rename("empty", "d"), ENOTEMPTY);
	CHECK_EQ(rename("d/sub", "empty"), 0);
	CHECK_EQ(access("d/sub", F_OK), -1);
	printf("links: . %ld d %ld\n", nlink("."), nlink("d"));
	CHECK_ERRNO(rmdir("d"), ENOTEMPTY);
	CHECK_EQ(unlink("d/f"), 0);
	CHECK_EQ(rmdir("d"), 0);
	CHECK_EQ(unlink("e/l"), 0);
	CHECK_EQ(unlinkat(AT_FDCWD, "e", AT_REMOVEDIR), 0);
	CHECK_EQ(rmdir("empty/"), 0);
	printf("links: . %ld\n", nlink("."));
	fs_leave();
	return check_done();
}
