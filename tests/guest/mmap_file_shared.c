/* compare: native */
/* MAP_SHARED of a file within one process: stores into the mapping are what
 * read returns, writes are what the mapping holds, munmap and msync write
 * back, and PROT_WRITE needs a descriptor open for writing. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/mman.h>

int main(void)
{
	char buf[32] = { 0 };
	struct stat st;

	fs_enter("mmap_file_shared");
	int fd = open("f", O_CREAT | O_RDWR, 0600);
	CHECK_EQ(write(fd, "abcdefghijklmnopqrstuvwxyz", 26), 26);
	long pg = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);

	memcpy(p + 2, "XYZ", 3);
	CHECK_EQ(pread(fd, buf, 8, 0), 8);
	printf("read after store: %s\n", buf);
	CHECK_EQ(pwrite(fd, "123", 3, 10), 3);
	printf("mapping after write: %.16s\n", p);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memcpy(p, "!!", 2);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, 4), 4);
	printf("read(): %s\n", buf);

	/* stores past the end of the file never extend it */
	memcpy(p + 100, "beyond", 6);
	CHECK_EQ(msync(p, pg, MS_SYNC), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	printf("size after msync: %lld\n", (long long)st.st_size);

	memcpy(p + 20, "END", 3);
	CHECK_EQ(munmap(p, pg), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, 26, 0), 26);
	printf("after munmap: %s\n", buf);

	int ro = open("f", O_RDONLY);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
	p = mmap(NULL, pg, PROT_READ, MAP_SHARED, ro, 0);
	CHECK(p != MAP_FAILED);
	CHECK_ERRNO(mprotect(p, pg, PROT_READ | PROT_WRITE), EACCES);
	printf("read-only view: %.6s\n", p);
	CHECK_EQ(munmap(p, pg), 0);
	CHECK_ERRNO(msync(p + 1, pg, MS_SYNC), EINVAL);
	close(ro);
	close(fd);
	fs_leave();
	return check_done();
}
