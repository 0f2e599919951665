/* compare: native */
/* args: one 'two words' '' 'café' -x -- */
/* env: WUNIX_TEST_VAR=a=b c */
/* The process starts with argc, argv, envp and an auxiliary vector laid out as
 * on Linux: argv[argc] is NULL, envp follows it, auxv follows envp. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "check.h"

extern char **environ;

static const char *want_args[] = { "one", "two words", "", "caf\xc3\xa9", "-x", "--" };
#define NWANT (int)(sizeof want_args / sizeof want_args[0])

int main(int argc, char **argv)
{
	CHECK_EQ(argc, NWANT + 1);
	CHECK(argv[argc] == NULL);
	CHECK(argv[0] != NULL && argv[0][0] != '\0');
	for (int i = 1; i < argc && i <= NWANT; i++) {
		CHECK_STR(argv[i], want_args[i - 1]);
		printf("argv[%d] = \"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
	}

	CHECK(environ == argv + argc + 1);
	const char *v = getenv("WUNIX_TEST_VAR");
	CHECK(v != NULL);
	if (v) {
		CHECK_STR(v, "a=b c");
		printf("WUNIX_TEST_VAR = \"%s\"\n", v);
	}
	int found = 0;
	char **e = environ;
	for (; *e; e++) {
		CHECK(strchr(*e, '=') != NULL);
		if (strncmp(*e, "WUNIX_TEST_VAR=", 15) == 0)
			found++;
	}
	CHECK_EQ(found, 1);
	CHECK(getenv("WUNIX_NO_SUCH_VAR") == NULL);

	/* auxv starts right after envp's NULL. */
	uintptr_t *aux = (uintptr_t *)(e + 1);
	int npairs = 0, seen_pagesz = 0, seen_random = 0;
	for (; aux[0] != AT_NULL && npairs < 256; aux += 2, npairs++) {
		if (aux[0] == AT_PAGESZ) {
			seen_pagesz = 1;
			CHECK_EQ(aux[1], 4096);
		}
		if (aux[0] == AT_RANDOM)
			seen_random = 1;
	}
	CHECK(npairs < 256);
	CHECK(seen_pagesz);
	CHECK(seen_random);

	CHECK_EQ(getauxval(AT_PAGESZ), 4096);
	CHECK_EQ(sysconf(_SC_PAGESIZE), 4096);
	printf("page size %lu\n", getauxval(AT_PAGESZ));

	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	CHECK(rnd != NULL);
	if (rnd) {
		int nonzero = 0;
		for (int i = 0; i < 16; i++)
			nonzero |= rnd[i];
		CHECK(nonzero);
	}

	CHECK_EQ(getauxval(AT_UID), getuid());
	CHECK_EQ(getauxval(AT_EUID), geteuid());
	CHECK_EQ(getauxval(AT_GID), getgid());
	CHECK_EQ(getauxval(AT_EGID), getegid());
	errno = 0;
	CHECK_EQ(getauxval(AT_SECURE), 0);
	CHECK(errno == 0);
	CHECK_EQ(getauxval(AT_CLKTCK), 100);
	errno = 0;
	getauxval(AT_HWCAP);
	CHECK(errno != ENOENT);

	const char *execfn = (const char *)getauxval(AT_EXECFN);
	CHECK(execfn != NULL && execfn[0] != '\0');
	return check_done();
}
