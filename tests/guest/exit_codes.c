/* compare: native */
/* run: => exit 0 */
/* run: exit 1 => exit 1 */
/* run: exit 42 => exit 42 */
/* run: exit 255 => exit 255 */
/* run: exit 256 => exit 0 */
/* run: exit 257 => exit 1 */
/* run: exit -1 => exit 255 */
/* run: return 3 => exit 3 */
/* run: return 300 => exit 44 */
/* run: atexit 7 => exit 7 */
/* run: _exit 9 => exit 9 */
/* run: _Exit 10 => exit 10 */
/* run: sys_exit 12 => exit 12 */
/* run: sys_exit_group 13 => exit 13 */
/* The exit status reaches the parent modulo 256, however the program ends:
 * returning from main, exit (which runs atexit handlers in reverse order and
 * flushes stdio), _exit and _Exit (which flush nothing), and the raw exit and
 * exit_group system calls. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

static void first(void)
{
	printf("handler registered first\n");
}

static void second(void)
{
	printf("handler registered second, ");
}

int main(int argc, char **argv)
{
	static char buf[4096];
	setvbuf(stdout, buf, _IOFBF, sizeof buf);
	if (argc < 2)
		return 0;
	if (argc != 3) {
		fprintf(stderr, "usage: exit_codes [exit|return|atexit|_exit|_Exit|sys_exit|sys_exit_group N]\n");
		return 100;
	}
	const char *how = argv[1];
	int n = atoi(argv[2]);
	if (strcmp(how, "exit") == 0) {
		printf("exit(%d)\n", n);
		exit(n);
	}
	if (strcmp(how, "return") == 0) {
		printf("return %d\n", n);
		return n;
	}
	if (strcmp(how, "atexit") == 0) {
		CHECK_EQ(atexit(first), 0);
		CHECK_EQ(atexit(second), 0);
		printf("unflushed text, then ");
		if (check_failures)
			return 101;
		exit(n);
	}
	/* Buffered output must be lost: these do not flush stdio. */
	printf("this must not appear\n");
	if (strcmp(how, "_exit") == 0)
		_exit(n);
	if (strcmp(how, "_Exit") == 0)
		_Exit(n);
	if (strcmp(how, "sys_exit") == 0)
		syscall(SYS_exit, n);
	if (strcmp(how, "sys_exit_group") == 0)
		syscall(SYS_exit_group, n);
	fprintf(stderr, "exit_codes: unknown way %s\n", how);
	return 102;
}
