/* compare: native */
/* _Thread_local variables in the main thread: initialised from the TLS image
 * (zero or data), writable, distinct, aligned as declared, also when large;
 * errno is per thread too. */
#include <stdint.h>
#include <pthread.h>
#include "check.h"

static _Thread_local int counter = 42;
static _Thread_local char text[32] = "initial";
static _Thread_local long long zeroed;
static _Thread_local _Alignas(64) unsigned char aligned64[64] = { 7 };
static _Thread_local unsigned char big[65536];
static __thread int gnu_style = -5;

static int *counter_addr(void)
{
	return &counter;
}

int main(void)
{
	CHECK_EQ(counter, 42);
	CHECK_STR(text, "initial");
	CHECK_EQ(zeroed, 0);
	CHECK_EQ(gnu_style, -5);
	CHECK_EQ(aligned64[0], 7);
	CHECK((uintptr_t)aligned64 % 64 == 0);
	int nz = 0;
	for (size_t i = 0; i < sizeof big; i++)
		nz |= big[i];
	CHECK_EQ(nz, 0);

	counter++;
	strcpy(text, "changed");
	zeroed = 1LL << 40;
	memset(big, 0x5c, sizeof big);
	gnu_style = 9;
	CHECK(counter_addr() == &counter);
	CHECK_EQ(*counter_addr(), 43);
	CHECK_STR(text, "changed");
	CHECK(zeroed == 1LL << 40);
	CHECK_EQ(gnu_style, 9);
	CHECK_EQ(aligned64[0], 7);
	CHECK((void *)&counter != (void *)text && (void *)&zeroed != (void *)big);

	errno = 0;
	CHECK(&errno != NULL);
	CHECK(pthread_self() != 0);
	CHECK(pthread_equal(pthread_self(), pthread_self()));
	printf("counter %d, text %s, zeroed %lld, big[65535] %#x\n",
		counter, text, zeroed, big[65535]);
	return check_done();
}
