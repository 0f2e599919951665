/* compare: native */
/* getrandom fills exactly the bytes asked for, with different data each call,
 * accepts GRND_NONBLOCK, and rejects unknown flags with EINVAL. */
#include <sys/random.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	unsigned char a[64], b[64], big[4096];
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	CHECK_EQ(getrandom(a, sizeof a, 0), sizeof a);
	CHECK_EQ(getrandom(b, sizeof b, GRND_NONBLOCK), sizeof b);
	CHECK(memcmp(a, b, sizeof a) != 0);

	/* Only the bytes asked for are written. */
	unsigned char guard[40];
	memset(guard, 0x5a, sizeof guard);
	CHECK_EQ(getrandom(guard + 8, 24, 0), 24);
	for (int i = 0; i < 8; i++)
		CHECK(guard[i] == 0x5a && guard[32 + i] == 0x5a);
	CHECK(memcmp(guard + 8, "\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a", 12) != 0);

	CHECK_EQ(getrandom(a, 0, 0), 0);

	/* Plausibly uniform: every byte value shows up in 4 KiB x 16. */
	int seen[256] = { 0 }, distinct = 0;
	for (int round = 0; round < 16; round++) {
		CHECK_EQ(getrandom(big, sizeof big, 0), sizeof big);
		for (size_t i = 0; i < sizeof big; i++)
			seen[big[i]]++;
	}
	for (int v = 0; v < 256; v++) {
		distinct += seen[v] > 0;
		CHECK(seen[v] > 100 && seen[v] < 450);
	}
	CHECK_EQ(distinct, 256);

	CHECK_ERRNO(getrandom(a, sizeof a, 0x4000), EINVAL);

	/* getentropy sits on top of it. */
	CHECK_EQ(getentropy(a, 32), 0);
	CHECK_ERRNO(getentropy(big, 257), EIO);
	printf("getrandom ok\n");
	return check_done();
}
