/* compare: native */
/* expect: exit 139 */
/* Unbounded recursion with locals in memory runs off the stack: SIGSEGV. */
#include <stdio.h>
#include <string.h>

static volatile unsigned long depth;

static void recurse(void)
{
	char frame[1024];
	memset(frame, (int)depth, sizeof frame);
	depth++;
	recurse();
	/* Keeps the frame alive after the call, so it is no tail call. */
	depth += (unsigned char)frame[depth % sizeof frame];
}

int main(void)
{
	printf("recursing\n");
	fflush(stdout);
	recurse();
	printf("returned\n");
	return 0;
}
