/* compare: native */
/* /proc/self/fd/N names descriptor N's file; opening it opens that file anew (a pipe: the same pipe);
 * /dev/fd, /dev/stdin, /dev/stdout and /dev/stderr lead there; cwd names the working directory. */
#include "check.h"
#include "fsutil.h"
#include <errno.h>
#include <fcntl.h>

static ssize_t link_of(int fd, char *out, size_t n, const char *dir)
{
	char path[64];
	snprintf(path, sizeof(path), "%s/%d", dir, fd);
	ssize_t r = readlink(path, out, n - 1);
	out[r > 0 ? r : 0] = 0;
	return r;
}

int main(void)
{
	char cwd[512], want[600], got[600];
	struct stat st;

	fs_enter("proc_fd_links");
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK(readlink("/proc/self/cwd", got, sizeof(got)) == (ssize_t)strlen(cwd));

	int fd = open("f", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(write(fd, "hello", 5), 5);
	snprintf(want, sizeof(want), "%s/f", cwd);
	CHECK(link_of(fd, got, sizeof(got), "/proc/self/fd") > 0);
	CHECK_STR(got, want);
	CHECK(link_of(fd, got, sizeof(got), "/dev/fd") > 0);
	CHECK_STR(got, want);

	/* a new open file description: its own offset, its own flags */
	snprintf(want, sizeof(want), "/proc/self/fd/%d", fd);
	int fd2 = open(want, O_RDONLY);
	CHECK(fd2 >= 0);
	char b[8] = { 0 };
	CHECK_EQ(read(fd2, b, 5), 5);
	CHECK_STR(b, "hello");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 5);
	CHECK_ERRNO(write(fd2, "x", 1), EBADF);
	close(fd2);
	close(fd);
	CHECK_ERRNO(readlink(want, got, sizeof(got)), ENOENT);

	/* a pipe: pipe:[ino], and an end reopened through /proc is an end of the same pipe */
	int p[2];
	CHECK_EQ(pipe(p), 0);
	CHECK(link_of(p[1], got, sizeof(got), "/proc/self/fd") > 0);
	CHECK_EQ(fstat(p[1], &st), 0);
	snprintf(want, sizeof(want), "pipe:[%llu]", (unsigned long long)st.st_ino);
	CHECK_STR(got, want);
	snprintf(want, sizeof(want), "/proc/self/fd/%d", p[1]);
	int w2 = open(want, O_WRONLY);
	CHECK(w2 >= 0);
	CHECK_EQ(write(w2, "xyz", 3), 3);
	CHECK_EQ(read(p[0], b, sizeof(b)), 3);
	close(w2);
	close(p[1]);
	CHECK_EQ(read(p[0], b, sizeof(b)), 0);
	close(p[0]);

	/* the standard streams by name */
	CHECK_EQ(stat("/dev/stdin", &st), 0);
	CHECK_EQ(stat("/dev/stderr", &st), 0);
	CHECK(link_of(1, got, sizeof(got), "/proc/self/fd") > 0);
	printf("before /dev/stdout\n");
	fflush(stdout);
	int out = open("/dev/stdout", O_WRONLY | O_APPEND);
	CHECK(out >= 0);
	CHECK_EQ(write(out, "through /dev/stdout\n", 20), 20);
	close(out);

#ifndef __wunix__
	CHECK(readlink("/proc/self/exe", got, sizeof(got)) > 0);
#endif
	fs_leave();
	return check_done();
}
