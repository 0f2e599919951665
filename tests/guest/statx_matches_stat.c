/* compare: native */
/* statx reports the basic fields with their mask bits set, and they agree with
 * stat: size, mode, nlink, ino, uid/gid, times; AT_SYMLINK_NOFOLLOW and
 * AT_EMPTY_PATH work, a bad mask bit is EINVAL. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

/* Linux's struct xstatx and its mask bits (musl's headers lack them). */
struct xts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};
struct xstatx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct xts stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t spare2[14];
};
#define X_SIZE 0x200u
#define X_BASIC 0x7ffu
#define X_RESERVED 0x80000000u

static long xstatx(int dirfd, const char *path, int flags, unsigned mask, struct xstatx *x)
{
	return syscall(SYS_statx, dirfd, path, flags, mask, x);
}

static void same(const struct xstatx *x, const struct stat *st)
{
	CHECK((x->stx_mask & X_BASIC) == X_BASIC);
	CHECK_EQ(x->stx_size, st->st_size);
	CHECK_EQ(x->stx_mode, st->st_mode);
	CHECK_EQ(x->stx_nlink, st->st_nlink);
	CHECK_EQ(x->stx_ino, st->st_ino);
	CHECK_EQ(x->stx_uid, st->st_uid);
	CHECK_EQ(x->stx_gid, st->st_gid);
	CHECK_EQ(x->stx_blocks, st->st_blocks);
	CHECK_EQ(x->stx_mtime.tv_sec, st->st_mtim.tv_sec);
	CHECK_EQ(x->stx_mtime.tv_nsec, st->st_mtim.tv_nsec);
	CHECK_EQ(x->stx_atime.tv_sec, st->st_atim.tv_sec);
	CHECK_EQ(x->stx_ctime.tv_sec, st->st_ctim.tv_sec);
	CHECK_EQ(x->stx_ctime.tv_nsec, st->st_ctim.tv_nsec);
	CHECK(makedev(x->stx_dev_major, x->stx_dev_minor) == st->st_dev);
}

int main(void)
{
	struct xstatx x;
	struct stat st;

	fs_enter("statx_matches_stat");
	int fd = open("f", O_CREAT | O_WRONLY, 0640);
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	struct timespec ts[2] = { { 1000000000, 5 }, { 1500000000, 123456789 } };
	CHECK_EQ(futimens(fd, ts), 0);
	CHECK_EQ(xstatx(AT_FDCWD, "f", 0, X_BASIC, &x), 0);
	CHECK_EQ(stat("f", &st), 0);
	same(&x, &st);
	printf("size %llu mode %o nlink %u\n", (unsigned long long)x.stx_size,
		(unsigned)x.stx_mode, (unsigned)x.stx_nlink);
	printf("mtime %lld.%09u atime %lld.%09u\n", (long long)x.stx_mtime.tv_sec,
		(unsigned)x.stx_mtime.tv_nsec, (long long)x.stx_atime.tv_sec,
		(unsigned)x.stx_atime.tv_nsec);
	/* a smaller mask still fills what the file system has */
	memset(&x, 0xff, sizeof(x));
	CHECK_EQ(xstatx(AT_FDCWD, "f", 0, X_SIZE, &x), 0);
	CHECK(x.stx_mask & X_SIZE);
	CHECK_EQ(x.stx_size, 10);
	/* AT_EMPTY_PATH on the descriptor */
	CHECK_EQ(xstatx(fd, "", AT_EMPTY_PATH, X_BASIC, &x), 0);
	same(&x, &st);
	close(fd);
	/* a symlink, followed or not */
	CHECK_EQ(symlink("f", "l"), 0);
	CHECK_EQ(xstatx(AT_FDCWD, "l", AT_SYMLINK_NOFOLLOW, X_BASIC, &x), 0);
	CHECK_EQ(lstat("l", &st), 0);
	same(&x, &st);
	printf("link: %s size %llu\n", S_ISLNK(x.stx_mode) ? "symlink" : "?",
		(unsigned long long)x.stx_size);
	CHECK_EQ(xstatx(AT_FDCWD, "l", 0, X_BASIC, &x), 0);
	CHECK(S_ISREG(x.stx_mode));
	/* a directory */
	CHECK_EQ(mkdir("d", 0750), 0);
	CHECK_EQ(xstatx(AT_FDCWD, "d", 0, X_BASIC, &x), 0);
	CHECK_EQ(stat("d", &st), 0);
	same(&x, &st);
	printf("dir mode %o\n", (unsigned)x.stx_mode);
	CHECK_ERRNO(xstatx(AT_FDCWD, "missing", 0, X_BASIC, &x), ENOENT);
	CHECK_ERRNO(xstatx(AT_FDCWD, "f", 0, X_RESERVED, &x), EINVAL);
	CHECK_ERRNO(xstatx(AT_FDCWD, "f", 0x40000000, X_BASIC, &x), EINVAL);
	CHECK_ERRNO(xstatx(AT_FDCWD, "", 0, X_BASIC, &x), ENOENT);
	CHECK_ERRNO(xstatx(-1, "f2", 0, X_BASIC, &x), EBADF);
	fs_leave();
	return check_done();
}
