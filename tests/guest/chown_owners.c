/* compare: native */
/* chown, fchown, fchownat and lchown change the owner and group (-1 keeps
 * one); lchown and AT_SYMLINK_NOFOLLOW change the link, not its target; a
 * change clears set-user-ID and group-executable set-group-ID on a file; a
 * non-root owner may give only a group it is in, nothing else (EPERM). */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static void show(const char *name)
{
	struct stat st;
	CHECK_EQ(lstat(name, &st), 0);
	printf("%s %u:%u %o\n", name, (unsigned)st.st_uid, (unsigned)st.st_gid, (unsigned)st.st_mode);
}

int main(void)
{
	fs_enter("chown_owners");
	if (geteuid() != 0) {
		printf("needs root\n");
		return 1;
	}
	umask(022);
	int fd = open("f", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(mkdir("d", 0755), 0);
	CHECK_EQ(symlink("f", "l"), 0);
	show("f");
	CHECK_EQ(chown("f", 100, 200), 0);
	show("f");
	CHECK_EQ(chown("f", -1, 300), 0);
	show("f");
	CHECK_EQ(fchown(fd, 400, -1), 0);
	show("f");
	CHECK_EQ(lchown("l", 7, 8), 0);
	show("l");
	show("f");
	CHECK_EQ(chown("l", 9, 10), 0); /* follows */
	show("l");
	show("f");
	CHECK_EQ(fchownat(AT_FDCWD, "l", 11, 12, AT_SYMLINK_NOFOLLOW), 0);
	show("l");
	CHECK_EQ(fchownat(fd, "", 13, 14, AT_EMPTY_PATH), 0);
	show("f");
	int dfd = open("d", O_RDONLY | O_DIRECTORY);
	CHECK_EQ(fchownat(dfd, "..", -1, -1, 0), 0);
	CHECK_EQ(fchownat(AT_FDCWD, "d", 15, 16, 0), 0);
	show("d");
	close(dfd);

	/* set-id bits */
	CHECK_EQ(fchmod(fd, 06755), 0);
	CHECK_EQ(fchown(fd, 20, 20), 0);
	show("f");
	CHECK_EQ(fchmod(fd, 06745), 0);
	CHECK_EQ(fchown(fd, 21, 21), 0);
	show("f"); /* set-group-ID without group x marks locking: kept */
	CHECK_EQ(chmod("d", 02755), 0);
	CHECK_EQ(chown("d", 22, 22), 0);
	show("d");

	CHECK_ERRNO(chown("missing", 0, 0), ENOENT);
	CHECK_ERRNO(fchown(-1, 0, 0), EBADF);
	CHECK_ERRNO(fchownat(AT_FDCWD, "f", 0, 0, 0x1), EINVAL);
	CHECK_ERRNO(chown("f/x", 0, 0), ENOTDIR);

	/* as effective uid 1000 (egid stays 0) on a file it owns */
	CHECK_EQ(chmod(".", 0755), 0);
	CHECK_EQ(fchmod(fd, 0644), 0);
	CHECK_EQ(fchown(fd, 1000, 1000), 0);
	CHECK_EQ(setegid(1000), 0);
	CHECK_EQ(seteuid(1000), 0);
	CHECK_EQ(fchown(fd, -1, -1), 0);
	CHECK_EQ(fchown(fd, 1000, 1000), 0);
	CHECK_ERRNO(fchown(fd, 2000, -1), EPERM);
	CHECK_ERRNO(fchown(fd, -1, 12345), EPERM);
	CHECK_ERRNO(chown("d", 1000, -1), EPERM); /* not the owner */
	CHECK_ERRNO(lchown("l", 1000, -1), EPERM);
	CHECK_EQ(seteuid(0), 0);
	CHECK_EQ(setegid(0), 0);
	show("f");
	close(fd);
	fs_leave();
	return check_done();
}
