/* compare: native */
/* A child forks a grandchild and exits. The orphaned grandchild is adopted:
 * under wunix by init (getppid() becomes 1), natively by init or whichever
 * subreaper is above us (so there only "no longer the dead child"). The
 * grandchild is never the original parent's to wait for (ECHILD), and under
 * wunix init reaps it once it exits. */
#include "check.h"
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void nap(void)
{
	struct timespec ts = { 0, 2000000 };
	nanosleep(&ts, NULL);
}

static int adopted(pid_t dead_parent)
{
#ifdef __wunix__
	(void)dead_parent;
	return getppid() == 1;
#else
	return getppid() != dead_parent;
#endif
}

int main(void)
{
	int fd[2];
	CHECK_EQ(pipe(fd), 0);
	fflush(stdout);

	pid_t child = fork();
	CHECK(child >= 0);
	if (child == 0) {
		close(fd[0]);
		pid_t me = getpid();
		pid_t grandchild = fork();
		if (grandchild == 0) {
			/* up to 10 s for the adoption */
			int i;
			for (i = 0; i < 5000 && !adopted(me); i++)
				nap();
			char r = adopted(me) ? 'y' : 'n';
			write(fd[1], &r, 1);
			_exit(0);
		}
		write(fd[1], &grandchild, sizeof(grandchild));
		_exit(grandchild > 0 ? 0 : 1);
	}
	close(fd[1]);

	pid_t grandchild = 0;
	CHECK_EQ(read(fd[0], &grandchild, sizeof(grandchild)), sizeof(grandchild));
	CHECK(grandchild > 0 && grandchild != child);
	int status = -1;
	CHECK_EQ(waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_ERRNO(waitpid(grandchild, &status, 0), ECHILD);
	CHECK_ERRNO(waitpid(grandchild, &status, WNOHANG), ECHILD);

	char r = '?';
	CHECK_EQ(read(fd[0], &r, 1), 1);
	printf("grandchild adopted: %s\n", r == 'y' ? "yes" : "no");
	CHECK(r == 'y');
	/* end of file: the grandchild has exited (and closed its end) */
	CHECK_EQ(read(fd[0], &r, 1), 0);
	CHECK_ERRNO(wait(&status), ECHILD);
#ifdef __wunix__
	/* init reaps it: soon no process by that pid is left, not even a zombie */
	int i;
	for (i = 0; i < 5000 && getpgid(grandchild) >= 0; i++)
		nap();
	CHECK_ERRNO(getpgid(grandchild), ESRCH);
#endif
	return check_done();
}
