/* compare: native */
/* expect: exit 141 */
/* Writing to a pipe whose read end is closed raises SIGPIPE, whose default
 * action kills the writer (128 + 13). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int fd[2];

	if (pipe(fd) != 0)
		return 2;
	close(fd[0]);
	printf("before\n");
	fflush(stdout);
	write(fd[1], "x", 1);
	printf("survived\n");
	return 1;
}
