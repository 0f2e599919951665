/* compare: native */
/* expect: exit 139 */
/* Unbounded recursion with no locals in memory: on wasm this exhausts the
 * engine's call stack rather than the program's stack; it is SIGSEGV all the
 * same. */
#include <stdio.h>

static volatile unsigned long depth;

static void recurse(void)
{
	depth++;
	recurse();
	depth--;
}

int main(void)
{
	printf("recursing\n");
	fflush(stdout);
	recurse();
	printf("returned\n");
	return 0;
}
