/* compare: native */
/* stdin: 0123456789abcdefghijklmnopqrstuvwxyz */
/* writev gathers its buffers in order, zero-length ones included, up to
 * IOV_MAX of them (more, or a negative count, is EINVAL); readv scatters in
 * order; a 1 MiB write to stdout is written whole. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	struct iovec iov[3] = { { "gather", 6 }, { "", 0 }, { "ed\n", 3 } };
	CHECK_EQ(writev(1, iov, 3), 9);
	CHECK_EQ(writev(1, iov, 0), 0);
	CHECK_ERRNO(writev(1, iov, -1), EINVAL);

	static struct iovec many[IOV_MAX + 1];
	static char letters[IOV_MAX + 1];
	for (int i = 0; i <= IOV_MAX; i++) {
		letters[i] = (char)(i % 64 == 63 ? '\n' : 'A' + i % 26);
		many[i].iov_base = &letters[i];
		many[i].iov_len = 1;
	}
	CHECK_EQ(writev(1, many, IOV_MAX), IOV_MAX);
	CHECK_ERRNO(writev(1, many, IOV_MAX + 1), EINVAL);
	CHECK_EQ(write(1, "\n", 1), 1);

	char a[5], b[1], c[50];
	struct iovec in[3] = { { a, 5 }, { b, 0 }, { c, 50 } };
	CHECK_EQ(readv(0, in, 3), 36);
	CHECK(memcmp(a, "01234", 5) == 0);
	CHECK(memcmp(c, "56789abcdefghijklmnopqrstuvwxyz", 31) == 0);
	CHECK_EQ(readv(0, in, 3), 0);
	CHECK_ERRNO(readv(0, in, -1), EINVAL);

	size_t big = 1u << 20;
	char *p = malloc(big);
	CHECK(p != NULL);
	if (p) {
		for (size_t i = 0; i < big; i++)
			p[i] = (char)(i % 80 == 79 ? '\n' : '!' + i % 90);
		CHECK_EQ(write(1, p, big), (long)big);
		free(p);
	}
	return check_done();
}
