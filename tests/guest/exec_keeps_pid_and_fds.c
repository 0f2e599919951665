/* compare: native */
/* execve keeps the pid, the parent and every fd without close-on-exec (with its
 * open file description: the offset carries over); O_CLOEXEC, FD_CLOEXEC and
 * F_DUPFD_CLOEXEC fds are closed. Caught signals are reset to SIG_DFL, ignored
 * ones stay ignored, and the signal mask is kept (pending signals:
 * exec_keeps_pending_signal). The test execs itself: the new image checks what
 * it inherited. */
#define _GNU_SOURCE
#include <signal.h>
#include "check.h"
#include "executil.h"

/* fds set up before the exec: kept, and closed by each kind of close-on-exec */
enum { FD_KEPT = 5, FD_OCLOEXEC = 6, FD_SETFD = 7, FD_DUPFD = 8 };

static void on_usr1(int sig)
{
	(void)sig;
}

static const char *disposition(int sig)
{
	struct sigaction sa;
	if (sigaction(sig, NULL, &sa) != 0)
		return "error";
	return sa.sa_handler == SIG_DFL ? "default" : sa.sa_handler == SIG_IGN ? "ignored" : "caught";
}

static int after_exec(char **argv)
{
	CHECK_EQ(getpid(), atol(argv[2]));
	CHECK_EQ(getppid(), atol(argv[3]));
	printf("pid and ppid kept\n");

	CHECK_EQ(fcntl(FD_KEPT, F_GETFD), 0);
	CHECK_EQ(lseek(FD_KEPT, 0, SEEK_CUR), 5);
	char buf[16] = "";
	CHECK_EQ(pread(FD_KEPT, buf, sizeof buf - 1, 0), 5);
	CHECK_STR(buf, "hello");
	printf("fd %d kept with its offset\n", FD_KEPT);
	CHECK_ERRNO(fcntl(FD_OCLOEXEC, F_GETFD), EBADF);
	CHECK_ERRNO(fcntl(FD_SETFD, F_GETFD), EBADF);
	CHECK_ERRNO(fcntl(FD_DUPFD, F_GETFD), EBADF);
	printf("O_CLOEXEC, FD_CLOEXEC and F_DUPFD_CLOEXEC fds closed\n");

	printf("SIGUSR1 (was caught): %s\n", disposition(SIGUSR1));
	printf("SIGUSR2 (was ignored): %s\n", disposition(SIGUSR2));
	printf("SIGTERM (was default): %s\n", disposition(SIGTERM));

	sigset_t set;
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &set), 0);
	printf("blocked: SIGHUP %d SIGALRM %d SIGUSR1 %d\n", sigismember(&set, SIGHUP),
		sigismember(&set, SIGALRM), sigismember(&set, SIGUSR1));
	return check_done();
}

int main(int argc, char **argv)
{
	self_init(argv);
	if (argc == 4 && !strcmp(argv[1], "after-exec"))
		return after_exec(argv);

	char path[64];
	snprintf(path, sizeof path, "/tmp/wunix-exec-keeps-%d", (int)getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(unlink(path), 0);
	CHECK_EQ(write(fd, "hello", 5), 5);
	CHECK_EQ(dup2(fd, FD_KEPT), FD_KEPT);
	CHECK_EQ(dup3(fd, FD_OCLOEXEC, O_CLOEXEC), FD_OCLOEXEC);
	CHECK_EQ(dup2(fd, FD_SETFD), FD_SETFD);
	CHECK_EQ(fcntl(FD_SETFD, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(fd, F_DUPFD_CLOEXEC, FD_DUPFD), FD_DUPFD);
	CHECK_EQ(close(fd), 0);

	struct sigaction sa = { .sa_handler = on_usr1 };
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sa.sa_handler = SIG_IGN;
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGALRM);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);

	char pid[16], ppid[16];
	snprintf(pid, sizeof pid, "%d", (int)getpid());
	snprintf(ppid, sizeof ppid, "%d", (int)getppid());
	if (check_failures)
		return check_done();
	fflush(stdout);
	execv(self, (char *[]){ (char *)self, "after-exec", pid, ppid, NULL });
	fprintf(stderr, "execv %s: %s\n", self, strerror(errno));
	return 1;
}
