/* tests/unit/test.h -- a minimal test runner: TEST(name) { CHECK(...); }. Each
 * test runs in a pthread of its own that is attached as a kernel CPU. */
#ifndef TEST_H
#define TEST_H

#include <stdio.h>

void test_register(const char *name, void (*fn)(void));
void test_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define TEST(name) \
	static void test_##name(void); \
	__attribute__((constructor)) static void register_##name(void) { test_register(#name, test_##name); } \
	static void test_##name(void)

#define CHECK(c) \
	do { \
		if (!(c)) \
			test_fail(__FILE__, __LINE__, "%s", #c); \
	} while (0)

#define CHECK_EQ(a, b) \
	do { \
		long long a_ = (long long)(a), b_ = (long long)(b); \
		if (a_ != b_) \
			test_fail(__FILE__, __LINE__, "%s == %s (%lld != %lld)", #a, #b, a_, b_); \
	} while (0)

#endif
