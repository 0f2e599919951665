/* compare: native */
/* An O_PATH descriptor names a file without opening it for I/O: fstat,
 * fstatfs, fchdir, *at lookups, dup and fcntl work; read, write, lseek,
 * fchmod, fchown (the system calls), ftruncate, getdents and mmap are EBADF. With O_NOFOLLOW it
 * names a symlink itself. O_PATH needs no permission on the file. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

int main(void)
{
	struct stat st;
	struct statfs sf;
	char buf[32];

	fs_enter("open_path_only");
	int w = open("f", O_CREAT | O_WRONLY, 0000);
	CHECK_EQ(write(w, "data", 4), 4);
	close(w);
	CHECK_EQ(mkdir("d", 0755), 0);
	close(open("d/inner", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(symlink("f", "l"), 0);

	int fd = open("f", O_PATH);
	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 4);
	CHECK_EQ(fstatfs(fd, &sf), 0);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_PATH, O_PATH);
	CHECK_ERRNO(read(fd, buf, 1), EBADF);
	CHECK_ERRNO(write(fd, "x", 1), EBADF);
	CHECK_ERRNO(pread(fd, buf, 1, 0), EBADF);
	CHECK_ERRNO(lseek(fd, 0, SEEK_SET), EBADF);
	/* musl's fchmod and fchown retry an O_PATH descriptor through /proc */
	CHECK_ERRNO(syscall(SYS_fchmod, fd, 0644), EBADF);
	CHECK_ERRNO(syscall(SYS_fchown, fd, 0, 0), EBADF);
	CHECK_ERRNO(ftruncate(fd, 0), EBADF);
	CHECK_ERRNO(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED ? -1 : 0, EBADF);
	int d2 = dup(fd);
	CHECK_EQ(fstat(d2, &st), 0);
	close(d2);
	/* reopened through /proc/self/fd for reading */
	snprintf(buf, sizeof(buf), "/proc/self/fd/%d", fd);
	int r = open(buf, O_RDONLY);
	CHECK(r >= 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(r, buf, sizeof(buf) - 1), 4);
	printf("reopened: %s\n", buf);
	close(r);
	close(fd);

	int dfd = open("d", O_PATH | O_DIRECTORY);
	CHECK(dfd >= 0);
	CHECK_EQ(fstatat(dfd, "inner", &st, 0), 0);
	int in = openat(dfd, "inner", O_RDONLY);
	CHECK(in >= 0);
	close(in);
	CHECK_ERRNO(syscall(SYS_getdents64, dfd, buf, sizeof(buf)), EBADF);
	CHECK_EQ(fchdir(dfd), 0);
	CHECK_EQ(access("inner", F_OK), 0);
	CHECK_EQ(chdir(".."), 0);
	close(dfd);

	int lfd = open("l", O_PATH | O_NOFOLLOW);
	CHECK(lfd >= 0);
	CHECK_EQ(fstat(lfd, &st), 0);
	CHECK(S_ISLNK(st.st_mode));
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(readlinkat(lfd, "", buf, sizeof(buf)), 1);
	printf("link: %s\n", buf);
	close(lfd);
	lfd = open("l", O_PATH);
	CHECK_EQ(fstat(lfd, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	close(lfd);
	CHECK_ERRNO(open("f", O_PATH | O_DIRECTORY), ENOTDIR);
	CHECK_ERRNO(open("missing", O_PATH), ENOENT);
	fs_leave();
	return check_done();
}
