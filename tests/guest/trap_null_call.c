/* compare: native */
/* expect: exit 139 */
/* Calling a null function pointer kills the process with SIGSEGV. */
#include <stdio.h>

static void (*volatile fn)(void);

int main(void)
{
	printf("before the call\n");
	fflush(stdout);
	fn();
	printf("after the call\n");
	return 0;
}
