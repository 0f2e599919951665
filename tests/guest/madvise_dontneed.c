/* compare: native */
/* madvise(MADV_DONTNEED) on private anonymous memory drops the pages: they read
 * as zero afterwards (allocators rely on this); pages outside the range keep
 * their data. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include "check.h"

#define PG 4096u

int main(void)
{
	unsigned char *p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return check_done();
	memset(p, 0x77, 8 * PG);
	CHECK_EQ(madvise(p + 2 * PG, 3 * PG, MADV_DONTNEED), 0);
	int zero = 1, kept = 1;
	for (unsigned i = 0; i < 8 * PG; i++) {
		if (i >= 2 * PG && i < 5 * PG)
			zero &= p[i] == 0;
		else
			kept &= p[i] == 0x77;
	}
	CHECK(zero);
	CHECK(kept);
	CHECK_EQ(madvise(p, 8 * PG, MADV_NORMAL), 0);
	CHECK_EQ(madvise(p, 8 * PG, MADV_WILLNEED), 0);
	CHECK_ERRNO(madvise(p + 1, PG, MADV_DONTNEED), EINVAL);
	CHECK_EQ(munmap(p, 8 * PG), 0);
	printf("MADV_DONTNEED zeroes the range and only it\n");
	return check_done();
}
