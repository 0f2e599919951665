/* tests/unit/main.c -- runs the registered tests, each in a pthread attached as
 * a CPU, and prints "N passed, N failed". Arguments select tests by name prefix. */
#include "fakehost.h"
#include "test.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXTESTS 256
#define TEST_TIMEOUT 120 /* seconds: a hang (a lost wakeup, a held lock) kills the run */

static struct {
	const char *name;
	void (*fn)(void);
} tests[MAXTESTS];
static int ntests;
static _Atomic int failures;

void test_register(const char *name, void (*fn)(void))
{
	if (ntests < MAXTESTS)
		tests[ntests++] = (typeof(tests[0])){ name, fn };
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "  %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failures++;
}

static void *run_one(void *arg)
{
	void (*fn)(void) = arg;

	fh_cpu_attach();
	fn();
	fh_cpu_detach();
	return NULL;
}

static void *boot_thread(void *arg)
{
	fh_cpu_attach();
	fh_boot();
	fh_cpu_detach();
	return NULL;
}

static bool selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (!strncmp(name, argv[i], strlen(argv[i])))
			return true;
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const typeof(tests[0]) *)a)->name, ((const typeof(tests[0]) *)b)->name);
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	pthread_t t;

	setvbuf(stdout, NULL, _IOLBF, 0);
	qsort(tests, (size_t)ntests, sizeof(tests[0]), by_name);
	pthread_create(&t, NULL, boot_thread, NULL);
	pthread_join(t, NULL);
	for (int i = 0; i < ntests; i++) {
		if (!selected(tests[i].name, argc, argv))
			continue;
		int before = failures;
		alarm(TEST_TIMEOUT);
		pthread_create(&t, NULL, run_one, (void *)tests[i].fn);
		pthread_join(t, NULL);
		alarm(0);
		if (failures == before) {
			passed++;
			printf("ok   %s\n", tests[i].name);
		} else {
			failed++;
			printf("FAIL %s\n", tests[i].name);
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
