/* measure: wall */
/* target: hello <= 150 ms */
/* Start-up: the harness times whole runs of this program from outside the
 * process (for wunix: `bin/wunix run`, Node's own start-up included). */
#include <stdio.h>

int main(void)
{
	printf("hello, world\n");
	return 0;
}
