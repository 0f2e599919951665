/* compare: native */
/* Clocks read sane values and advance; nanosleep, clock_nanosleep (relative and
 * absolute) and usleep sleep at least as long as asked, and not absurdly longer
 * (the upper bound is loose on purpose: this is not a timing test). */
#include <stdint.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define MS 1000000LL
#define SLACK (2000 * MS)

static int64_t ns(clockid_t c)
{
	struct timespec ts;
	CHECK_EQ(clock_gettime(c, &ts), 0);
	CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void check_slept(const char *what, int64_t start, int64_t want)
{
	int64_t got = ns(CLOCK_MONOTONIC) - start;
	if (got < want || got > want + SLACK) {
		check_failures++;
		fprintf(stderr, "%s: slept %lld ns, asked for %lld\n", what, (long long)got,
			(long long)want);
	}
	printf("%s: ok\n", what);
}

int main(void)
{
	int64_t a = ns(CLOCK_MONOTONIC), b = ns(CLOCK_MONOTONIC);
	CHECK(b >= a);
	int64_t c = b;
	for (long spins = 0; c == b && spins < 10000000; spins++)
		c = ns(CLOCK_MONOTONIC);
	CHECK(c > b);
	printf("monotonic advances\n");

	struct timespec res;
	CHECK_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
	CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);
	CHECK_EQ(clock_getres(CLOCK_REALTIME, &res), 0);

	/* 2020-01-01 .. 2100-01-01 */
	int64_t rt = ns(CLOCK_REALTIME);
	CHECK(rt > 1577836800LL * 1000000000 && rt < 4102444800LL * 1000000000);
	struct timeval tv;
	CHECK_EQ(gettimeofday(&tv, NULL), 0);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	int64_t tod = (int64_t)tv.tv_sec * 1000000000 + tv.tv_usec * 1000LL;
	CHECK(tod >= rt - 1000 * MS && tod <= rt + 1000 * MS);
	time_t t = time(NULL);
	CHECK(t >= rt / 1000000000 - 1 && t <= rt / 1000000000 + 2);
	printf("realtime plausible\n");

	int64_t s = ns(CLOCK_MONOTONIC);
	struct timespec req = { 0, 20 * MS }, rem = { 7, 7 };
	CHECK_EQ(nanosleep(&req, &rem), 0);
	check_slept("nanosleep 20 ms", s, 20 * MS);

	s = ns(CLOCK_MONOTONIC);
	req = (struct timespec){ 1, 5 * MS };
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL), 0);
	check_slept("clock_nanosleep relative 1.005 s", s, 1005 * MS);

	s = ns(CLOCK_MONOTONIC);
	int64_t target = s + 30 * MS;
	req = (struct timespec){ target / 1000000000, target % 1000000000 };
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL), 0);
	CHECK(ns(CLOCK_MONOTONIC) >= target);
	check_slept("clock_nanosleep absolute +30 ms", s, 30 * MS);

	s = ns(CLOCK_MONOTONIC);
	req = (struct timespec){ 1, 0 };
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL), 0);
	check_slept("clock_nanosleep absolute in the past", s, 0);

	s = ns(CLOCK_REALTIME);
	target = s + 25 * MS;
	req = (struct timespec){ target / 1000000000, target % 1000000000 };
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &req, NULL), 0);
	CHECK(ns(CLOCK_REALTIME) >= target);
	printf("clock_nanosleep realtime absolute: ok\n");

	s = ns(CLOCK_MONOTONIC);
	CHECK_EQ(usleep(15000), 0);
	check_slept("usleep 15 ms", s, 15 * MS);

	s = ns(CLOCK_MONOTONIC);
	req = (struct timespec){ 0, 0 };
	CHECK_EQ(nanosleep(&req, NULL), 0);
	check_slept("nanosleep 0", s, 0);

	req = (struct timespec){ 0, 1000000000 };
	CHECK_ERRNO(nanosleep(&req, NULL), EINVAL);
	req = (struct timespec){ 0, -1 };
	CHECK_ERRNO(nanosleep(&req, NULL), EINVAL);
	req = (struct timespec){ -1, 0 };
	CHECK_ERRNO(nanosleep(&req, NULL), EINVAL);
	req = (struct timespec){ 0, 1000000000 };
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL), EINVAL);
	req = (struct timespec){ 0, 1000 };
	CHECK_EQ(clock_nanosleep((clockid_t)12345, 0, &req, NULL), EINVAL);
	struct timespec ts;
	CHECK_ERRNO(clock_gettime((clockid_t)12345, &ts), EINVAL);
	printf("invalid arguments rejected\n");
	return check_done();
}
