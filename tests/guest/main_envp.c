/* compare: native */
/* env: WUNIX_TEST_VAR=three */
/* A main with a third parameter gets the environment in it (a common Unix extension). */
#include <stdlib.h>
#include "check.h"

extern char **environ;

int main(int argc, char **argv, char **envp)
{
	CHECK(envp == environ);
	CHECK(envp == argv + argc + 1);
	int found = 0;
	for (char **e = envp; *e; e++)
		if (strcmp(*e, "WUNIX_TEST_VAR=three") == 0)
			found++;
	CHECK_EQ(found, 1);
	printf("found %d\n", found);
	return check_done();
}
