/* compare: native */
/* execvp and execlp walk PATH: a missing directory is skipped, a candidate
 * without the x bit (EACCES) is skipped too and a later one runs; EACCES is
 * reported when no candidate runs, ENOENT when none exists. fexecve runs an open
 * file, and execveat runs a name relative to a directory fd or (AT_EMPTY_PATH)
 * the fd itself. Each stage is this test, exec'd by the one before. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include "check.h"
#include "executil.h"
#include "fsutil.h"

/* argv[0] is this test's path, so that each stage can find itself. */
static char *stage_argv[3];

static char **next(const char *stage)
{
	fflush(stdout);
	stage_argv[0] = (char *)self;
	stage_argv[1] = (char *)stage;
	return stage_argv;
}

static int execveat_(int dirfd, const char *path, char **argv, int flags)
{
	return syscall(SYS_execveat, dirfd, path, argv, environ, flags);
}

static int failed(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	self_init(argv);
	const char *stage = argc > 1 ? argv[1] : "";
	char path[2048];

	if (!strcmp(stage, "found-by-execvp")) {
		printf("execvp ran b/prog: %s\n", argv[1]);
		fflush(stdout);
		execlp("prog", self, "found-by-execlp", (char *)NULL);
		return failed("execlp");
	}
	if (!strcmp(stage, "found-by-execlp")) {
		printf("execlp ran b/prog: %s\n", argv[1]);
		int fd = open(self, O_RDONLY | O_CLOEXEC);
		CHECK(fd >= 0);
		fexecve(fd, next("ran-by-fexecve"), environ);
		return failed("fexecve");
	}
	if (!strcmp(stage, "ran-by-fexecve")) {
		printf("fexecve ran: %s\n", argv[1]);
		int dir = open("b", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		CHECK(dir >= 0);
		execveat_(dir, "prog", next("ran-by-execveat-dirfd"), 0);
		return failed("execveat dirfd");
	}
	if (!strcmp(stage, "ran-by-execveat-dirfd")) {
		printf("execveat relative to a directory fd ran: %s\n", argv[1]);
		int fd = open(self, O_RDONLY | O_CLOEXEC);
		CHECK(fd >= 0);
		execveat_(fd, "", next("ran-by-execveat-empty-path"), AT_EMPTY_PATH);
		return failed("execveat AT_EMPTY_PATH");
	}
	if (!strcmp(stage, "ran-by-execveat-empty-path")) {
		printf("execveat AT_EMPTY_PATH ran: %s\n", argv[1]);
		CHECK(getcwd(fs_tmpdir, sizeof fs_tmpdir) != NULL);
		fs_leave();
		return check_done();
	}

	fs_enter("execvp");
	CHECK_EQ(mkdir("a", 0755), 0);
	CHECK_EQ(mkdir("b", 0755), 0);
	CHECK_EQ(write_file("a/prog", "not executable\n", 0644), 0);
	CHECK_EQ(symlink(self, "b/prog"), 0);

	CHECK_EQ(setenv("PATH", "/nonexistent", 1), 0);
	CHECK_ERRNO(execvp("prog", next("never")), ENOENT);
	printf("nothing on PATH: ENOENT\n");
	snprintf(path, sizeof path, "/nonexistent:%s/a", fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	CHECK_ERRNO(execvp("prog", next("never")), EACCES);
	printf("only a non-executable candidate: EACCES\n");

	snprintf(path, sizeof path, "/nonexistent:%s/a:%s/b", fs_tmpdir, fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	if (check_failures)
		return check_done();
	execvp("prog", next("found-by-execvp"));
	return failed("execvp");
}
