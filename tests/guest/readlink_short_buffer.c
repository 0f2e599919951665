/* compare: native */
/* readlink returns the target's length without a NUL; a short buffer gets the
 * first bytes only (truncated, the rest of the buffer untouched); a bufsiz of
 * 0 or a non-link is EINVAL; readlinkat with an empty path reads an O_PATH
 * descriptor's link, and is ENOENT on a descriptor of anything else. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/syscall.h>

int main(void)
{
	char buf[32];

	fs_enter("readlink_short_buffer");
	CHECK_EQ(symlink("some/target/path", "l"), 0);
	close(open("f", O_CREAT | O_WRONLY, 0644));
	memset(buf, '#', sizeof(buf));
	CHECK_EQ(readlink("l", buf, sizeof(buf)), 16);
	printf("[%.20s]\n", buf);
	memset(buf, '#', sizeof(buf));
	CHECK_EQ(readlink("l", buf, 4), 4);
	printf("[%.8s]\n", buf);
	memset(buf, '#', sizeof(buf));
	CHECK_EQ(readlink("l", buf, 16), 16);
	printf("[%.18s]\n", buf);
	memset(buf, '#', sizeof(buf));
	CHECK_EQ(readlink("l", buf, 1), 1);
	printf("[%.3s]\n", buf);
	CHECK_ERRNO(syscall(SYS_readlinkat, AT_FDCWD, "l", buf, 0), EINVAL); /* musl's readlink returns 0 */
	CHECK_ERRNO(readlink("f", buf, sizeof(buf)), EINVAL);
	CHECK_ERRNO(readlink(".", buf, sizeof(buf)), EINVAL);
	CHECK_ERRNO(readlink("missing", buf, sizeof(buf)), ENOENT);
	CHECK_ERRNO(readlink("f/x", buf, sizeof(buf)), ENOTDIR);
	int dfd = open(".", O_RDONLY | O_DIRECTORY);
	memset(buf, '#', sizeof(buf));
	CHECK_EQ(readlinkat(dfd, "l", buf, 6), 6);
	printf("[%.8s]\n", buf);
	close(dfd);
	int fd = open("l", O_PATH | O_NOFOLLOW);
	memset(buf, '#', sizeof(buf));
	CHECK_EQ(readlinkat(fd, "", buf, 9), 9);
	printf("[%.10s]\n", buf);
	close(fd);
	fd = open("f", O_PATH);
	CHECK_ERRNO(readlinkat(fd, "", buf, sizeof(buf)), ENOENT);
	close(fd);
	CHECK_ERRNO(readlinkat(AT_FDCWD, "", buf, sizeof(buf)), ENOENT);
	fs_leave();
	return check_done();
}
