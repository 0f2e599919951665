/* compare: native */
/* fork returns twice: 0 in the child and the child's pid in the parent. The
 * child starts with a copy of the parent's memory (globals, heap, a large
 * mapped allocation, the stack, a static buffer), and its writes to it stay
 * its own. getpid/getppid are right on both sides, the child's stdio works,
 * and the parent reads the child's exit status. */
#include "check.h"
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIG (4 << 20)

static int global = 1;
static char sbuf[8192];

int main(void)
{
	/* volatile keeps it in the (linear-memory) stack rather than in registers */
	volatile char stack[256];
	int *heap = malloc(sizeof(int));
	unsigned char *big = malloc(BIG);
	int fd[2];

	CHECK(heap && big);
	*heap = 100;
	for (int i = 0; i < BIG; i += 4096)
		big[i] = (unsigned char)(i >> 12);
	for (int i = 0; i < 256; i++)
		stack[i] = (char)i;
	strcpy(sbuf, "parent");
	sbuf[sizeof(sbuf) - 1] = 'p';
	CHECK_EQ(pipe(fd), 0);
	pid_t me = getpid(), parent = getppid();
	fflush(stdout);

	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int ok = global == 1 && *heap == 100 && !strcmp(sbuf, "parent") &&
			 sbuf[sizeof(sbuf) - 1] == 'p' && getppid() == me && getpid() != me;
		for (int i = 0; i < BIG; i += 4096)
			ok &= big[i] == (unsigned char)(i >> 12);
		for (int i = 0; i < 256; i++)
			ok &= stack[i] == (char)i;
		global = 2;
		*heap = 200;
		memset(big, 0xee, BIG);
		for (int i = 0; i < 256; i++)
			stack[i] = 0;
		strcpy(sbuf, "child");
		sbuf[sizeof(sbuf) - 1] = 'c';
		pid_t self = getpid();
		if (write(fd[1], &self, sizeof(self)) != sizeof(self))
			ok = 0;
		printf("child: fork returned 0, saw the parent's memory: %s\n", ok ? "yes" : "no");
		/* exit, not _exit: the child's stdio buffer must be flushed */
		exit(ok ? 42 : 1);
	}

	pid_t reported = 0;
	CHECK_EQ(read(fd[0], &reported, sizeof(reported)), sizeof(reported));
	CHECK_EQ(reported, pid);
	CHECK(pid != me);
	int status = 0;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 42);

	int intact = global == 1 && *heap == 100 && !strcmp(sbuf, "parent") && sbuf[sizeof(sbuf) - 1] == 'p';
	for (int i = 0; i < BIG; i += 4096)
		intact &= big[i] == (unsigned char)(i >> 12);
	for (int i = 0; i < 256; i++)
		intact &= stack[i] == (char)i;
	CHECK(intact);
	CHECK_EQ(getpid(), me);
	CHECK_EQ(getppid(), parent);
	printf("parent: child exited with %d, parent's memory unchanged: %s\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1, intact ? "yes" : "no");
	CHECK_ERRNO(waitpid(pid, &status, 0), ECHILD);
	free(big);
	free(heap);
	return check_done();
}
