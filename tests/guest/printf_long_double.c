/* compare: native */
/* printf and strtold on long double. What is printed is the same for x86's
 * 80-bit format and wasm's IEEE binary128; digits only binary128 can hold are
 * checked, not printed, when long double is binary128. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include "check.h"

struct lcase {
	const char *fmt;
	long double v;
	const char *want;
};

static const struct lcase cases[] = {
	{ "%Lf", 1.5L, "1.500000" },
	{ "%.3Lf", 123456789.125L, "123456789.125" },
	{ "%.18Lg", 1.0L / 3.0L, "0.333333333333333333" },
	{ "%.18Lg", 0.1L, "0.1" },
	{ "%Le", 12345.678L, "1.234568e+04" },
	{ "%Lg", 1e4000L, "1e+4000" },
	{ "%Lg", -1e-4000L, "-1e-4000" },
	{ "%.0Lf", 18446744073709551616.0L, "18446744073709551616" },
	{ "%.2Lf", 0.125L, "0.12" },
	{ "%.0Lf", 2.5L, "2" },
	{ "%Lg", LDBL_MAX, "1.18973e+4932" },
	{ "%Lf", -0.0L, "-0.000000" },
	{ "%Lf", (long double)INFINITY, "inf" },
	{ "%Lf", (long double)NAN, "nan" },
	{ "%+012.4Lf", -3.14159265358979323846L, "-000003.1416" },
};

int main(void)
{
	char buf[256];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(buf, sizeof buf, cases[i].fmt, cases[i].v);
		CHECK_STR(buf, cases[i].want);
		printf("%-10s -> [%s]\n", cases[i].fmt, buf);
	}

	long double s = sqrtl(2.0L);
	snprintf(buf, sizeof buf, "%.18Lg", s);
	CHECK_STR(buf, "1.41421356237309505");
	printf("sqrtl(2) = %s\n", buf);

	/* More precision than double has: 1 + 2^-60 is not 1. */
	long double tiny = ldexpl(1.0L, -60);
	CHECK(1.0L + tiny != 1.0L);
	snprintf(buf, sizeof buf, "%.25Lf", 1.0L + tiny);
	CHECK_STR(buf, "1.0000000000000000008673617");
	printf("1 + 2^-60 = %s\n", buf);

	long double back = strtold("1.0000000000000000008673617379884035472059622406959533691406250", NULL);
	CHECK(back == 1.0L + tiny);
	CHECK(strtold("1e4000", NULL) > 1e3999L);
	long double scanned;
	CHECK_EQ(sscanf("2.75e-3000", "%Lf", &scanned), 1);
	CHECK(scanned == 2.75e-3000L);

#if LDBL_MANT_DIG == 113
	snprintf(buf, sizeof buf, "%.34Lg", 1.0L / 3.0L);
	CHECK_STR(buf, "0.3333333333333333333333333333333333");
	snprintf(buf, sizeof buf, "%.36Lg", sqrtl(2.0L));
	CHECK_STR(buf, "1.41421356237309504880168872420969798");
	snprintf(buf, sizeof buf, "%La", 1.0L + ldexpl(1.0L, -112));
	CHECK_STR(buf, "0x1.0000000000000000000000000001p+0");
	snprintf(buf, sizeof buf, "%Lg", LDBL_MAX);
	CHECK_STR(buf, "1.18973e+4932");
	snprintf(buf, sizeof buf, "%.35Lg", LDBL_MAX);
	CHECK_STR(buf, "1.189731495357231765085759326628007e+4932");
#endif
	return check_done();
}
