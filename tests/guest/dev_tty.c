/* compare: native */
/* pty: => exit 0 */
/* /dev/tty is the caller's controlling terminal: a process that started a
 * session of its own has none, and opening /dev/tty fails with ENXIO. On a
 * terminal (the pty run), it opens that terminal, whose foreground group is
 * the caller's. */
#include "check.h"
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int st;
	pid_t pid = fork();
	if (pid == 0) {
		if (setsid() < 0)
			_exit(2);
		errno = 0;
		_exit(open("/dev/tty", O_RDWR) < 0 && errno == ENXIO ? 0 : 1);
	}
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("after setsid: ENXIO\n");

	/* whether the plain run has a controlling terminal depends on who runs
	 * the tests (natively it is theirs): only the pty run looks */
	if (isatty(0)) {
		int fd = open("/dev/tty", O_RDWR);
		CHECK(fd >= 0);
		CHECK(isatty(fd));
		CHECK_EQ(tcgetpgrp(fd), getpgrp());
		close(fd);
		printf("on a terminal: opened\n");
	}
	return check_done();
}
