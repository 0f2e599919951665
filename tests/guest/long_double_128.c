/* compare: native */
/* 128-bit integers and long double arithmetic, which wasm has no instructions
 * for and compiler-rt's builtins provide: multiply, divide, modulo, shifts,
 * conversions both ways, comparisons, and libm on long double. On wunix long
 * double is IEEE binary128 (113-bit mantissa). */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include "check.h"

typedef unsigned __int128 u128;
typedef __int128 i128;

static char *u128_str(u128 v, char *end)
{
	*--end = '\0';
	do {
		*--end = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	return end;
}

static void show(const char *what, i128 v)
{
	char buf[64];
	u128 mag = v < 0 ? -(u128)v : (u128)v;
	char *s = u128_str(mag, buf + sizeof buf);
	printf("%s = %s%s\n", what, v < 0 ? "-" : "", s);
}

/* volatile: the arithmetic must happen at run time, in compiler-rt. */
static volatile i128 vi;
static volatile long double vl;

int main(void)
{
	char buf[64];
	u128 f = 1;
	for (int i = 2; i <= 30; i++)
		f *= (u128)i;
	CHECK_STR(u128_str(f, buf + sizeof buf), "265252859812191058636308480000000");
	show("30!", (i128)f);

	vi = (i128)1 << 100;
	show("2^100", vi);
	CHECK_STR(u128_str((u128)vi, buf + sizeof buf), "1267650600228229401496703205376");

	u128 max = ~(u128)0;
	CHECK_STR(u128_str(max, buf + sizeof buf), "340282366920938463463374607431768211455");
	i128 big = (i128)(max >> 1);
	vi = big;
	CHECK(vi / 7 * 7 + vi % 7 == big);
	show("(2^127-1)/7", vi / 7);
	show("(2^127-1)%7", vi % 7);
	vi = -big;
	show("-(2^127-1)/1000003", vi / 1000003);
	show("-(2^127-1)%1000003", vi % 1000003);
	CHECK(vi % 1000003 < 0);
	CHECK((u128)vi >> 120 == 0x80);
	CHECK(vi >> 120 == -128);
	CHECK(vi < 0 && -vi > 0);

	u128 m = (u128)0xfedcba9876543210ull * 0x123456789abcdefull;
	CHECK((uint64_t)(m >> 64) == 0x121fa00ad77d742ull);
	CHECK((uint64_t)m == 0x2236d88fe5618cf0ull);
	show("0xfedcba9876543210*0x123456789abcdef", (i128)m);

	/* Integer <-> floating conversions. */
	vl = (long double)f;
	snprintf(buf, sizeof buf, "%.6Le", vl);
	CHECK_STR(buf, "2.652529e+32");
	printf("(long double)30! = %s\n", buf);
	vi = (i128)((long double)UINT64_MAX);
	CHECK((u128)vi == UINT64_MAX);
	vl = -12345678901234567.0L;
	CHECK((i128)vl == -(i128)12345678901234567LL);
	CHECK((double)((i128)1 << 70) == 0x1p70);
	CHECK((u128)0x1p100 == (u128)1 << 100);
	CHECK((u128)1e22 == (u128)10000000000ull * 1000000000000ull);

	/* long double arithmetic. */
	vl = 1.0L;
	long double third = vl / 3.0L;
	CHECK(third * 3.0L == 1.0L || fabsl(third * 3.0L - 1.0L) <= LDBL_EPSILON);
	CHECK(1.0L + LDBL_EPSILON != 1.0L);
	CHECK(1.0L + LDBL_EPSILON / 2 == 1.0L);
	CHECK(LDBL_MANT_DIG > DBL_MANT_DIG);
	vl = 0x1p64L;
	CHECK(vl * 3 == 55340232221128654848.0L);
	CHECK(vl + 2 != vl);
	CHECK(vl > 18446744073709551615.0L - 1 && !(vl < 1));
	long double s = sqrtl(2.0L);
	CHECK(fabsl(s * s - 2.0L) <= 4 * LDBL_EPSILON);
	CHECK(fmodl(10.5L, 3.0L) == 1.5L);
	CHECK(floorl(-2.5L) == -3.0L && ceill(-2.5L) == -2.0L);
	int e;
	CHECK(frexpl(0x1p100L * 1.5L, &e) == 0.75L && e == 101);
	CHECK(ldexpl(1.0L, -16000) > 0 && ldexpl(1.0L, -16000) < 1e-4800L);
	CHECK(fabsl(expl(1.0L) - 2.718281828459045235360287471352662L) < 1e-15L);
	CHECK(fabsl(logl(10.0L) - 2.302585092994045684017991454684364L) < 1e-15L);
	CHECK(fabsl(powl(2.0L, 0.5L) - s) < 1e-15L);
#ifdef __wunix__
	CHECK_EQ(LDBL_MANT_DIG, 113);
	CHECK(1.0L + 0x1p-112L != 1.0L);
	CHECK((long double)((u128)1 << 112 | 1) == 0x1p112L + 1);
#endif
	printf("long double ok\n");
	return check_done();
}
