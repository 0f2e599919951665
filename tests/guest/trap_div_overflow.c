/* compare: native */
/* expect: exit 136 */
/* INT_MIN / -1 overflows: SIGFPE, as on x86. */
#include <limits.h>
#include <stdio.h>

static volatile int num = INT_MIN, den = -1;

int main(void)
{
	printf("dividing\n");
	fflush(stdout);
	int q = num / den;
	printf("quotient %d\n", q);
	return 0;
}
