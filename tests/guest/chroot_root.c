/* compare: native */
/* After chroot (as root) into a directory, "/" names that directory, ".." at
 * the new root stays there, absolute symlinks resolve inside it, and getcwd
 * reports paths from it. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static void show(const char *path)
{
	char buf[32] = { 0 };
	int fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	if (fd < 0) {
		printf("%s: open failed\n", path);
		return;
	}
	CHECK(read(fd, buf, sizeof(buf) - 1) > 0);
	close(fd);
	printf("%s: %s", path, buf);
}

int main(void)
{
	char cwd[256];
	struct stat a, b;

	fs_enter("chroot_root");
	CHECK_EQ(mkdir("jail", 0755), 0);
	CHECK_EQ(mkdir("jail/sub", 0755), 0);
	int fd = open("jail/inside", O_CREAT | O_WRONLY, 0644);
	CHECK_EQ(write(fd, "inside\n", 7), 7);
	close(fd);
	CHECK_EQ(symlink("/inside", "jail/sub/abs"), 0);
	CHECK_EQ(stat("jail", &a), 0);
	int outside = open(".", O_RDONLY | O_DIRECTORY);
	int oldroot = open("/", O_RDONLY | O_DIRECTORY);

	CHECK_ERRNO(chroot("missing"), ENOENT);
	CHECK_ERRNO(chroot("jail/inside"), ENOTDIR);
	CHECK_EQ(chroot("jail"), 0);
	/* the cwd is not moved: outside the new root, getcwd says "(unreachable)" */
	CHECK_EQ(chdir("/"), 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	printf("cwd %s\n", cwd);
	CHECK_EQ(stat("/", &b), 0);
	CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	CHECK_EQ(stat("/..", &b), 0);
	CHECK(a.st_ino == b.st_ino);
	CHECK_EQ(stat("/../../..", &b), 0);
	CHECK(a.st_ino == b.st_ino);
	show("/inside");
	show("/../inside");
	show("/sub/abs");
	CHECK_EQ(chdir("sub"), 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	printf("cwd %s\n", cwd);
	show("../../../inside");
	show("abs");
	CHECK_EQ(chdir("../.."), 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	printf("cwd %s\n", cwd);
	CHECK_ERRNO(access("/tmp", F_OK), ENOENT);
	/* descriptors opened before still reach the old tree: back out through one */
	CHECK_EQ(fchdir(outside), 0);
	CHECK_EQ(faccessat(AT_FDCWD, "jail/inside", F_OK, 0), 0);
	CHECK_EQ(fchdir(oldroot), 0);
	CHECK_EQ(chroot("."), 0);
	CHECK_EQ(stat(fs_tmpdir, &b), 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	printf("cwd %s\n", cwd);
	close(outside);
	close(oldroot);
	fs_leave();
	return check_done();
}
