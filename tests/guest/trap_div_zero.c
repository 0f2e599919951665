/* compare: native */
/* expect: exit 136 */
/* Integer division by zero kills the process with SIGFPE. */
#include <stdio.h>

static volatile int num = 7, den = 0;

int main(void)
{
	printf("dividing\n");
	fflush(stdout);
	int q = num / den;
	printf("quotient %d\n", q);
	return 0;
}
