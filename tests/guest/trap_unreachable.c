/* compare: native */
/* expect: exit 132 */
/* A trap instruction (wasm `unreachable`, x86 ud2) kills the process with
 * SIGILL; output written before it is not lost. */
#include <stdio.h>

int main(void)
{
	printf("before the trap\n");
	fflush(stdout);
	__builtin_trap();
}
