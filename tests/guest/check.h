/* Assertions shared by the guest tests. Failures go to stderr, so stdout stays
 * comparable with the native run; main ends with `return check_done();`. */
#ifndef CHECK_H
#define CHECK_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond) \
	((cond) ? (void)0 : (void)(check_failures++, \
		fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond)))

/* expr must fail with -1 and errno == err. */
#define CHECK_ERRNO(expr, err) do { \
	errno = 0; \
	long check_r_ = (long)(expr); \
	int check_e_ = errno; \
	if (check_r_ != -1 || check_e_ != (err)) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: %s: got %ld errno %d (%s), want -1 errno %d (%s)\n", \
			__FILE__, __LINE__, #expr, check_r_, check_e_, strerror(check_e_), \
			(err), strerror(err)); \
	} \
} while (0)

/* expr must return want (a long). */
#define CHECK_EQ(expr, want) do { \
	errno = 0; \
	long check_r_ = (long)(expr); \
	int check_e_ = errno; \
	if (check_r_ != (long)(want)) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: %s: got %ld (errno %d %s), want %ld\n", \
			__FILE__, __LINE__, #expr, check_r_, check_e_, strerror(check_e_), \
			(long)(want)); \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *check_g_ = (got), *check_w_ = (want); \
	if (strcmp(check_g_, check_w_) != 0) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", \
			__FILE__, __LINE__, #got, check_g_, check_w_); \
	} \
} while (0)

static inline int check_done(void)
{
	fflush(stdout);
	if (check_failures)
		fprintf(stderr, "%d check(s) failed\n", check_failures);
	return check_failures != 0;
}

#endif
