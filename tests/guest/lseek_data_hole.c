/* compare: native */
/* SEEK_DATA and SEEK_HOLE on a fully written file: data at each offset inside
 * it, the only hole at its end, ENXIO at or past the end; an empty file has
 * neither; a pipe cannot seek. Under wunix, holes of whole memfs blocks. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	static char block[40000];

	fs_enter("lseek_data_hole");
	memset(block, 'a', sizeof(block));
	int fd = open("f", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(write(fd, block, sizeof(block)), sizeof(block));
	CHECK_EQ(lseek(fd, 0, SEEK_DATA), 0);
	CHECK_EQ(lseek(fd, 12345, SEEK_DATA), 12345);
	CHECK_EQ(lseek(fd, 39999, SEEK_DATA), 39999);
	CHECK_EQ(lseek(fd, 0, SEEK_HOLE), 40000);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 40000);
	CHECK_EQ(lseek(fd, 30000, SEEK_HOLE), 40000);
	CHECK_ERRNO(lseek(fd, 40000, SEEK_DATA), ENXIO);
	CHECK_ERRNO(lseek(fd, 40000, SEEK_HOLE), ENXIO);
	CHECK_ERRNO(lseek(fd, 50000, SEEK_DATA), ENXIO);
	CHECK_ERRNO(lseek(fd, 50000, SEEK_HOLE), ENXIO);
	CHECK_ERRNO(lseek(fd, -1, SEEK_DATA), ENXIO);
	CHECK_ERRNO(lseek(fd, -1, SEEK_HOLE), ENXIO);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 40000);
	printf("full: done\n");

	int e = open("empty", O_CREAT | O_RDWR, 0644);
	CHECK_ERRNO(lseek(e, 0, SEEK_DATA), ENXIO);
	CHECK_ERRNO(lseek(e, 0, SEEK_HOLE), ENXIO);
	close(e);

	int p[2];
	CHECK_EQ(pipe(p), 0);
	CHECK_ERRNO(lseek(p[0], 0, SEEK_DATA), ESPIPE);
	close(p[0]);
	close(p[1]);
	CHECK_ERRNO(lseek(fd, 0, 5), EINVAL);
#ifdef __wunix__
	/* memfs blocks of 16320 bytes: a block never written is a hole */
	int s = open("sparse", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(pwrite(s, "x", 1, 100000), 1);
	CHECK_EQ(lseek(s, 0, SEEK_HOLE), 0);
	CHECK_EQ(lseek(s, 0, SEEK_DATA), 6 * 16320);
	CHECK_EQ(lseek(s, 6 * 16320, SEEK_HOLE), 100001);
	close(s);
#endif
	close(fd);
	fs_leave();
	return check_done();
}
