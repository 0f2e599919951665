/* compare: native */
/* Resource limits: getrlimit/setrlimit/prlimit round trip (also on a child,
 * which sees the new limit, and inherited across fork); soft above hard and
 * unknown resources are EINVAL, a pid that does not exist ESRCH. A lowered
 * RLIMIT_NOFILE makes open, dup, F_DUPFD and pipe fail with EMFILE once every
 * fd below it is used, dup2 to an fd at or above it EBADF, F_DUPFD from it
 * EINVAL, while an fd already above it keeps working. RLIMIT_NPROC, for a
 * non-root user (root is exempt): fork at the limit fails with EAGAIN, and an
 * unprivileged process cannot raise its hard limit (EPERM). */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIMIT 16
#define UNPRIVILEGED 54321 /* a uid no other process runs as: NPROC counts per user */

static struct rlimit lim(rlim_t cur, rlim_t max)
{
	struct rlimit r = { cur, max };
	return r;
}

/* A child that waits for a byte, then exits 0 if its NOFILE soft limit is want. */
static pid_t child_expecting(int fd[2], rlim_t want)
{
	char c;
	CHECK_EQ(pipe(fd), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit r;
		close(fd[1]);
		read(fd[0], &c, 1);
		_exit(getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur != want);
	}
	CHECK(pid > 0);
	close(fd[0]);
	return pid;
}

static int exited_ok(pid_t pid)
{
	int status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void round_trip(const struct rlimit *orig)
{
	struct rlimit r, old, want = lim(64, orig->rlim_max);
	int fd[2];

	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &want), 0);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK(r.rlim_cur == 64 && r.rlim_max == orig->rlim_max);
	want.rlim_cur = 48;
	CHECK_EQ(prlimit(0, RLIMIT_NOFILE, &want, &old), 0);
	CHECK(old.rlim_cur == 64 && old.rlim_max == orig->rlim_max);
	CHECK_EQ(prlimit(getpid(), RLIMIT_NOFILE, NULL, &old), 0);
	CHECK_EQ(old.rlim_cur, 48);

	want = lim(200, 100);
	CHECK_ERRNO(setrlimit(RLIMIT_NOFILE, &want), EINVAL);
	CHECK_ERRNO(prlimit(0, RLIMIT_NOFILE, &want, NULL), EINVAL);
	CHECK_ERRNO(getrlimit(99, &r), EINVAL);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(r.rlim_cur, 48);

	/* a child inherits the limit, and prlimit sets another for it */
	pid_t pid = child_expecting(fd, 40);
	CHECK_EQ(prlimit(pid, RLIMIT_NOFILE, NULL, &old), 0);
	CHECK_EQ(old.rlim_cur, 48);
	want = lim(40, orig->rlim_max);
	CHECK_EQ(prlimit(pid, RLIMIT_NOFILE, &want, &old), 0);
	CHECK_EQ(old.rlim_cur, 48);
	close(fd[1]);
	CHECK(exited_ok(pid));
	CHECK_ERRNO(prlimit(pid, RLIMIT_NOFILE, NULL, &old), ESRCH);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(r.rlim_cur, 48);
	printf("round trip: getrlimit, setrlimit, prlimit on self and on a child\n");
}

static void nofile(const struct rlimit *orig)
{
	struct rlimit want = lim(LIMIT, orig->rlim_max);
	int high = LIMIT + 4, fds[LIMIT], n = 0, p[2];

	CHECK_EQ(dup2(0, high), high);
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &want), 0);
	pid_t pid = child_expecting(p, LIMIT);
	close(p[1]);
	CHECK(exited_ok(pid));

	int fd, last = -1;
	while (n < LIMIT && (fd = open("/dev/null", O_RDONLY)) >= 0)
		fds[n++] = last = fd;
	CHECK_ERRNO(open("/dev/null", O_RDONLY), EMFILE);
	CHECK_EQ(last, LIMIT - 1);
	CHECK_ERRNO(dup(0), EMFILE);
	CHECK_ERRNO(fcntl(0, F_DUPFD, 0), EMFILE);
	CHECK_ERRNO(fcntl(0, F_DUPFD_CLOEXEC, 3), EMFILE);
	CHECK_ERRNO(pipe(p), EMFILE);
	CHECK_ERRNO(fcntl(0, F_DUPFD, LIMIT), EINVAL);
	CHECK_ERRNO(dup2(0, LIMIT), EBADF);
	CHECK_ERRNO(dup2(0, high), EBADF);
	CHECK_ERRNO(dup3(0, LIMIT + 1, O_CLOEXEC), EBADF);
	CHECK_EQ(dup2(0, LIMIT - 1), LIMIT - 1);
	CHECK_EQ(fcntl(high, F_GETFD), 0);
	CHECK_EQ(close(high), 0);
	CHECK_EQ(close(last), 0);
	CHECK_EQ(dup(0), last);
	CHECK_ERRNO(dup(0), EMFILE);
	printf("NOFILE %d: EMFILE at the limit, EBADF for dup2 beyond it\n", LIMIT);
	while (n > 0)
		close(fds[--n]);
}

/* In a child running as an unprivileged user. */
static void nproc_child(void)
{
	struct rlimit r = lim(2, 2);
	int fd[2], status;
	char c;

	if (setuid(UNPRIVILEGED) != 0)
		_exit(10);
	CHECK_EQ(setrlimit(RLIMIT_NPROC, &r), 0);
	CHECK_EQ(pipe(fd), 0);
	pid_t g = fork();
	if (g == 0) {
		close(fd[1]);
		read(fd[0], &c, 1);
		_exit(0);
	}
	CHECK(g > 0);
	close(fd[0]);
	CHECK_ERRNO(fork(), EAGAIN);
	close(fd[1]);
	CHECK_EQ(waitpid(g, &status, 0), g);
	/* below the limit again */
	g = fork();
	if (g == 0)
		_exit(0);
	CHECK(g > 0);
	CHECK_EQ(waitpid(g, &status, 0), g);
	r = lim(1, 1);
	CHECK_EQ(setrlimit(RLIMIT_NPROC, &r), 0);
	CHECK_ERRNO(fork(), EAGAIN);
	r = lim(2, 2);
	CHECK_ERRNO(setrlimit(RLIMIT_NPROC, &r), EPERM);
	_exit(check_failures ? 1 : 0);
}

int main(void)
{
	struct rlimit orig;

	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &orig), 0);
	CHECK(orig.rlim_cur <= orig.rlim_max);
	CHECK(orig.rlim_cur >= 2 * LIMIT && orig.rlim_max >= 64);
	round_trip(&orig);
	nofile(&orig);
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &orig), 0);

	/* Only root can become another user; otherwise the NPROC part is skipped,
	 * and its line missing from stdout makes the comparison with wunix (where
	 * programs run as root) fail rather than pass quietly. */
	if (getuid() == 0) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			check_failures = 0;
			nproc_child();
		}
		CHECK(pid > 0);
		CHECK(exited_ok(pid));
		printf("NPROC as uid %d: fork at the limit EAGAIN, raising the hard limit EPERM\n", UNPRIVILEGED);
	}
	return check_done();
}
