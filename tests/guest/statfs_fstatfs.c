/* compare: native */
/* statfs and fstatfs describe the same file system for a path and a descriptor
 * on it; /proc is procfs, a pipe pipefs; errors as Linux. The memfs figures of
 * /tmp (tmpfs, blocks used by a written file) are checked under wunix only. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>

int main(void)
{
	struct statfs a, b;
	struct statvfs v;

	fs_enter("statfs_fstatfs");
	CHECK_EQ(statfs(".", &a), 0);
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK_EQ(fstatfs(fd, &b), 0);
	close(fd);
	CHECK(a.f_type == b.f_type && a.f_bsize == b.f_bsize && a.f_namelen == b.f_namelen);
	CHECK(a.f_fsid.__val[0] == b.f_fsid.__val[0] && a.f_fsid.__val[1] == b.f_fsid.__val[1]);
	CHECK(a.f_bsize > 0 && a.f_blocks > 0 && a.f_bfree <= a.f_blocks && a.f_bavail <= a.f_bfree);
	CHECK(a.f_flags & 0x20); /* ST_VALID */
	printf("namelen %ld\n", (long)a.f_namelen);
	CHECK_EQ(statvfs(".", &v), 0);
	CHECK_EQ(v.f_namemax, a.f_namelen);
	CHECK_EQ(v.f_blocks, a.f_blocks);

	CHECK_EQ(statfs("/proc", &a), 0);
	printf("/proc type %#lx\n", (unsigned long)a.f_type);
	fd = open("/proc/self/status", O_RDONLY);
	CHECK_EQ(fstatfs(fd, &b), 0);
	CHECK_EQ(b.f_type, a.f_type);
	close(fd);
	int p[2];
	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(fstatfs(p[0], &a), 0);
	printf("pipe type %#lx\n", (unsigned long)a.f_type);
	CHECK(a.f_flags & 0x20);
	close(p[0]);
	close(p[1]);

	close(open("f", O_CREAT | O_WRONLY, 0644));
	CHECK_ERRNO(statfs("missing", &a), ENOENT);
	CHECK_ERRNO(statfs("f/x", &a), ENOTDIR);
	CHECK_ERRNO(statfs("", &a), ENOENT);
	CHECK_ERRNO(fstatfs(-1, &a), EBADF);
	CHECK_ERRNO(fstatfs(1000, &a), EBADF);
#ifdef __wunix__
	static char block[65536];
	CHECK_EQ(statfs("/tmp", &a), 0);
	CHECK_EQ(a.f_type, 0x01021994); /* TMPFS_MAGIC */
	CHECK_EQ(a.f_bsize, 4096);
	CHECK(a.f_files > 0 && a.f_ffree < a.f_files);
	fd = open("big", O_CREAT | O_WRONLY, 0644);
	for (int i = 0; i < 16; i++)
		CHECK_EQ(write(fd, block, sizeof(block)), sizeof(block));
	close(fd);
	CHECK_EQ(statfs("/tmp", &b), 0);
	CHECK(a.f_bfree >= b.f_bfree + 256);
	CHECK(b.f_ffree < a.f_ffree);
	CHECK_EQ(unlink("big"), 0);
	CHECK_EQ(statfs("/tmp", &b), 0);
	CHECK(b.f_bfree >= a.f_bfree);
#endif
	fs_leave();
	return check_done();
}
