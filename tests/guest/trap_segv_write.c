/* compare: native */
/* expect: exit 139 */
/* A store outside the process's memory kills the process with SIGSEGV. */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	printf("before the fault\n");
	fflush(stdout);
	*(volatile int *)(uintptr_t)0xfffffff0u = 1;
	printf("after the fault\n");
	return 0;
}
