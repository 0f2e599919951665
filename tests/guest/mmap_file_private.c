/* compare: native */
/* MAP_PRIVATE of a file copies its bytes (zeros past the end of the file in
 * the last page); stores into the copy never reach the file. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/mman.h>

int main(void)
{
	char buf[32] = { 0 };

	fs_enter("mmap_file_private");
	int fd = open("f", O_CREAT | O_RDWR, 0600);
	for (int i = 0; i < 1000; i++)
		CHECK_EQ(write(fd, "0123456789", 10), 10);
	long pg = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	printf("%.10s %.10s\n", p, p + 9990);
	int zeros = 1;
	for (long i = 10000; i < 3 * pg; i++)
		zeros &= p[i] == 0;
	printf("zeros past end: %d\n", zeros);
	memcpy(p, "PRIVATE", 7);
	CHECK_EQ(pread(fd, buf, 10, 0), 10);
	printf("file: %s\n", buf);
	CHECK_EQ(munmap(p, 3 * pg), 0);
	CHECK_EQ(pread(fd, buf, 10, 0), 10);
	printf("after munmap: %s\n", buf);
	/* an offset, through a read-only descriptor */
	int ro = open("f", O_RDONLY);
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, pg);
	CHECK(p != MAP_FAILED);
	printf("at %ld: %.5s\n", pg, p);
	CHECK_EQ(munmap(p, pg), 0);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, ro, 100), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 99, 0), EBADF);
	int pfd[2];
	CHECK_EQ(pipe(pfd), 0);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, pfd[0], 0), ENODEV);
	close(pfd[0]);
	close(pfd[1]);
	close(ro);
	close(fd);
	fs_leave();
	return check_done();
}
