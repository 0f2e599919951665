/* compare: native */
/* printf and strtod on doubles: fixed, exponent, shortest and hex forms, flags,
 * exact rounding of ties, special values, and a bit-exact round trip. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

struct fcase {
	const char *fmt;
	double v;
	const char *want;
};

static const struct fcase cases[] = {
	{ "%f", 1.5, "1.500000" },
	{ "%.2f", 0.125, "0.12" },
	{ "%.2f", 0.375, "0.38" },
	{ "%.0f", 2.5, "2" },
	{ "%.0f", 3.5, "4" },
	{ "%.1f", 0.05, "0.1" },
	{ "%.20f", 0.1, "0.10000000000000000555" },
	{ "%e", 12345.678, "1.234568e+04" },
	{ "%.3e", 9.9996, "1.000e+01" },
	{ "%E", 1e-10, "1.000000E-10" },
	{ "%g", 0.0001, "0.0001" },
	{ "%g", 0.00001, "1e-05" },
	{ "%g", 100000.0, "100000" },
	{ "%g", 1e6, "1e+06" },
	{ "%g", 123456789.0, "1.23457e+08" },
	{ "%.17g", 0.1, "0.10000000000000001" },
	{ "%.17g", 1.0 / 3.0, "0.33333333333333331" },
	{ "%.15g", 2.0 / 3.0, "0.666666666666667" },
	{ "%a", 1.0, "0x1p+0" },
	{ "%a", 0.1, "0x1.999999999999ap-4" },
	{ "%A", -2.5, "-0X1.4P+1" },
	{ "%+.3f", 3.14159, "+3.142" },
	{ "% f", 3.14159, " 3.141590" },
	{ "%010.3f", -3.14159, "-00003.142" },
	{ "%-10.2f|", 3.14159, "3.14      |" },
	{ "%#.0f", 3.0, "3." },
	{ "%#g", 1.0, "1.00000" },
	{ "%g", -0.0, "-0" },
	{ "%f", -0.0, "-0.000000" },
	{ "%.0f", 1e22, "10000000000000000000000" },
	{ "%.0f", 1e23, "99999999999999991611392" },
	{ "%g", DBL_MIN, "2.22507e-308" },
	{ "%g", 4.9406564584124654e-324, "4.94066e-324" },
	{ "%.17g", DBL_MAX, "1.7976931348623157e+308" },
	{ "%f", INFINITY, "inf" },
	{ "%F", -INFINITY, "-INF" },
	{ "%5.1f", NAN, "  nan" },
	{ "%e", 0.0, "0.000000e+00" },
};

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int main(void)
{
	char buf[512];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(buf, sizeof buf, cases[i].fmt, cases[i].v);
		CHECK_STR(buf, cases[i].want);
		printf("%-8s -> [%s]\n", cases[i].fmt, buf);
	}

	snprintf(buf, sizeof buf, "%f", DBL_MAX);
	CHECK_EQ(strlen(buf), 309 + 7);
	CHECK(strncmp(buf, "1797693134862315708145274237317043567980", 40) == 0);
	printf("DBL_MAX %%f has %zu chars\n", strlen(buf));

	volatile size_t small = 4;
	CHECK_EQ(snprintf(buf, small, "%f", 123.25), 10);
	CHECK_STR(buf, "123");
	CHECK_EQ(snprintf(buf, sizeof buf, "%*.*f", 9, 2, 2.675), 9);
	CHECK_STR(buf, "     2.67");

	/* Shortest round trip: %.17g then strtod gives back the same bits. */
	int bad = 0, n = 0;
	for (int i = 0; i < 20000; i++) {
		uint64_t bits = next();
		double d;
		memcpy(&d, &bits, sizeof d);
		if (!isfinite(d))
			continue;
		n++;
		snprintf(buf, sizeof buf, "%.17g", d);
		double back = strtod(buf, NULL);
		if (memcmp(&back, &d, sizeof d) != 0 && bad++ < 5)
			fprintf(stderr, "round trip of %s failed\n", buf);
	}
	CHECK_EQ(bad, 0);
	printf("round trip: %d values, %d bad\n", n, bad);

	double x;
	CHECK_EQ(sscanf("  -1.25e3xyz", "%lf", &x), 1);
	CHECK(x == -1250.0);
	CHECK(strtod("0x1.8p1", NULL) == 3.0);
	CHECK(strtod("1e-400", NULL) == 0.0);
	CHECK(isinf(strtod("1e400", NULL)));
	CHECK(isnan(strtod("nan", NULL)));
	printf("scan ok\n");
	return check_done();
}
