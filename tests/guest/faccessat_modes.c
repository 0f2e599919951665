/* compare: native */
/* faccessat and faccessat2: F_OK/R_OK/W_OK/X_OK as root (X_OK needs some x
 * bit on a file), the real ids by default and the effective ones with
 * AT_EACCESS, AT_SYMLINK_NOFOLLOW on a dangling link, and bad arguments. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/syscall.h>

static long acc(const char *path, int mode)
{
	return syscall(SYS_faccessat, AT_FDCWD, path, mode);
}

static long acc2(const char *path, int mode, int flags)
{
	return syscall(SYS_faccessat2, AT_FDCWD, path, mode, flags);
}

static void mk(const char *name, int mode)
{
	close(open(name, O_CREAT | O_WRONLY, 0600));
	CHECK_EQ(chmod(name, mode), 0);
}

int main(void)
{
	fs_enter("faccessat_modes");
	if (geteuid() != 0) {
		printf("needs root\n");
		return 1;
	}
	mk("rw", 0644);
	mk("none", 0);
	mk("gx", 0010);
	CHECK_EQ(mkdir("d", 0), 0);
	CHECK_EQ(symlink("missing", "dangling"), 0);
	CHECK_EQ(symlink("none", "ln"), 0);

	CHECK_EQ(acc("rw", F_OK), 0);
	CHECK_EQ(acc("rw", R_OK | W_OK), 0);
	CHECK_ERRNO(acc("rw", X_OK), EACCES);
	CHECK_EQ(acc("none", R_OK | W_OK), 0);
	CHECK_ERRNO(acc("none", X_OK), EACCES);
	CHECK_EQ(acc("gx", X_OK), 0);
	CHECK_EQ(acc("d", R_OK | W_OK | X_OK), 0);
	CHECK_EQ(acc("d/..", F_OK), 0);
	CHECK_ERRNO(acc("missing", F_OK), ENOENT);
	CHECK_ERRNO(acc("rw/x", F_OK), ENOTDIR);
	CHECK_ERRNO(acc("dangling", F_OK), ENOENT);
	CHECK_ERRNO(acc("ln", X_OK), EACCES);
	CHECK_ERRNO(acc("rw", 8), EINVAL);
	CHECK_ERRNO(acc("", F_OK), ENOENT);
	printf("root: done\n");

	CHECK_EQ(acc2("dangling", F_OK, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_ERRNO(acc2("dangling", F_OK, 0), ENOENT);
	CHECK_EQ(acc2("ln", F_OK, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_ERRNO(acc2("rw", F_OK, 0x4), EINVAL);
	CHECK_ERRNO(acc2("rw", 8, 0), EINVAL);
	int fd = open("rw", O_RDONLY);
	CHECK_EQ(syscall(SYS_faccessat2, fd, "", R_OK, AT_EMPTY_PATH), 0);
	CHECK_ERRNO(syscall(SYS_faccessat2, fd, "", X_OK, AT_EMPTY_PATH), EACCES);
	close(fd);
	CHECK_EQ(acc2("rw", W_OK, AT_EACCESS), 0);

	/* effective uid 1000, real uid 0: access asks as root, AT_EACCESS as 1000 */
	CHECK_EQ(chmod(".", 0755), 0);
	CHECK_EQ(seteuid(1000), 0);
	CHECK_EQ(acc("none", R_OK | W_OK), 0);
	CHECK_ERRNO(acc2("none", R_OK, AT_EACCESS), EACCES);
	CHECK_EQ(acc2("rw", R_OK, AT_EACCESS), 0);
	CHECK_ERRNO(acc2("rw", W_OK, AT_EACCESS), EACCES);
	CHECK_EQ(acc2("gx", X_OK, AT_EACCESS), 0); /* the egid is still 0 */
	CHECK_EQ(acc2("dangling", F_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW), 0);
	CHECK_EQ(faccessat(AT_FDCWD, "none", W_OK, 0), 0);
	CHECK_ERRNO(faccessat(AT_FDCWD, "none", W_OK, AT_EACCESS), EACCES);
	/* the walk too is done with the ids asked for */
	CHECK_EQ(acc2("d/.", F_OK, 0), 0);
	CHECK_ERRNO(acc2("d/.", F_OK, AT_EACCESS), EACCES);
	CHECK_EQ(seteuid(0), 0);
	printf("euid 1000: done\n");
	fs_leave();
	return check_done();
}
