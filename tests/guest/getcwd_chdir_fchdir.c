/* compare: native */
/* getcwd follows chdir and fchdir (through "..", symlinks resolved to the real
 * path, absolute and relative), fails with ERANGE for a short buffer and
 * ENOENT once the directory is removed, where nothing can be created then;
 * chdir to a file is ENOTDIR. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/syscall.h>

static void pwd(void)
{
	char buf[512];
	if (!getcwd(buf, sizeof(buf))) {
		printf("getcwd failed\n");
		return;
	}
	size_t n = strlen(fs_tmpdir);
	/* the temporary directory's name has the pid in it: print it as T */
	if (!strncmp(buf, fs_tmpdir, n))
		printf("T%s\n", buf + n);
	else
		printf("%s\n", buf);
}

int main(void)
{
	char buf[512];

	fs_enter("getcwd_chdir_fchdir");
	pwd();
	CHECK_EQ(mkdir("a", 0755), 0);
	CHECK_EQ(mkdir("a/b", 0755), 0);
	CHECK_EQ(symlink("a/b", "lb"), 0);
	close(open("f", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(chdir("a/b"), 0);
	pwd();
	CHECK_EQ(chdir("../.."), 0);
	pwd();
	CHECK_EQ(chdir("lb"), 0);
	pwd();
	int fd = open("..", O_RDONLY | O_DIRECTORY);
	CHECK_EQ(chdir("/"), 0);
	pwd();
	CHECK_EQ(fchdir(fd), 0);
	pwd();
	close(fd);
	CHECK_EQ(chdir("/tmp/../tmp"), 0);
	pwd();
	CHECK_EQ(chdir(fs_tmpdir), 0);
	pwd();

	size_t need = strlen(fs_tmpdir) + 1;
	CHECK(getcwd(buf, need) != NULL);
	CHECK(getcwd(buf, need - 1) == NULL && errno == ERANGE);
	CHECK_ERRNO(syscall(SYS_getcwd, buf, 0), ERANGE);
	CHECK_EQ(syscall(SYS_getcwd, buf, need), need);

	CHECK_ERRNO(chdir("f"), ENOTDIR);
	CHECK_ERRNO(chdir("missing"), ENOENT);
	fd = open("f", O_RDONLY);
	CHECK_ERRNO(fchdir(fd), ENOTDIR);
	close(fd);
	CHECK_ERRNO(fchdir(-1), EBADF);
	pwd();

	CHECK_EQ(mkdir("gone", 0755), 0);
	CHECK_EQ(chdir("gone"), 0);
	CHECK_EQ(rmdir("../gone"), 0);
	CHECK(getcwd(buf, sizeof(buf)) == NULL && errno == ENOENT);
	CHECK_ERRNO(open("x", O_CREAT | O_WRONLY, 0644), ENOENT);
	CHECK_ERRNO(mkdir("x", 0755), ENOENT);
	CHECK_ERRNO(symlink("t", "x"), ENOENT);
	CHECK_ERRNO(mkfifo("x", 0644), ENOENT);
	CHECK_ERRNO(link("../f", "x"), ENOENT);
	CHECK_ERRNO(rename("../f", "x"), ENOENT);
	CHECK_EQ(access("../f", F_OK), 0);
	CHECK_EQ(chdir(".."), 0);
	pwd();
	fs_leave();
	return check_done();
}
