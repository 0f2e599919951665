/* compare: native */
/* posix_spawn applies its file actions in the order they were added: open,
 * dup2 (onto another fd, and onto itself, which clears FD_CLOEXEC), close
 * (of an open fd, and of one that is not open, which is no error), chdir and
 * fchdir, with relative paths resolved against the cwd the earlier actions
 * left. Close-on-exec fds are closed after the actions. The parent's fds and
 * cwd are untouched. A failing action fails the spawn and leaves no child. */
#define _GNU_SOURCE
#include <spawn.h>
#include "check.h"
#include "executil.h"
#include "fsutil.h"

/* What the child sees: each fd from 0 to 12 open ('o') or closed ('-'), what
 * its fds read, and its cwd; it writes a line to fd 4. */
static int child(void)
{
	char buf[64];
	printf("child fds: ");
	for (int fd = 0; fd <= 12; fd++)
		printf("%c", fcntl(fd, F_GETFD) < 0 ? '-' : fcntl(fd, F_GETFD) & FD_CLOEXEC ? 'c' : 'o');
	printf("\n");
	for (int fd = 5; fd <= 9; fd += 2) {
		ssize_t n = read(fd, buf, sizeof buf - 1);
		buf[n > 0 ? n : 0] = 0;
		printf("fd %d reads: %s", fd, buf);
	}
	printf("cwd is the scratch directory: %s\n", access("in", F_OK) == 0 ? "yes" : "no");
	const char *msg = "written by the child to fd 4\n";
	CHECK_EQ(write(4, msg, strlen(msg)), (long)strlen(msg));
	return check_done();
}

static void no_child(void)
{
	int st;
	CHECK_ERRNO(waitpid(-1, &st, WNOHANG), ECHILD);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "child"))
		return child();
	self_init(argv);
	fs_enter("spawn-fa");
	CHECK_EQ(write_file("in", "the input file\n", 0644), 0);
	CHECK_EQ(mkdir("sub", 0755), 0);
	CHECK_EQ(write_file("sub/rel", "sub/rel, opened after chdir\n", 0644), 0);

	/* The parent's fds: 6, 8 and 9 on "in" (6 and 9 close-on-exec), 10 the
	 * scratch directory (close-on-exec). */
	int fd = open("in", O_RDONLY);
	CHECK_EQ(dup3(fd, 6, O_CLOEXEC), 6);
	CHECK_EQ(dup2(fd, 8), 8);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(open("in", O_RDONLY | O_CLOEXEC), 3);
	CHECK_EQ(dup3(3, 9, O_CLOEXEC), 9);
	CHECK_EQ(close(3), 0);
	CHECK_EQ(open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), 3);
	CHECK_EQ(dup3(3, 10, O_CLOEXEC), 10);
	CHECK_EQ(close(3), 0);

	posix_spawn_file_actions_t fa;
	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 3, "out", O_WRONLY | O_CREAT | O_TRUNC, 0644), 0);
	CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, 3, 4), 0);
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, 3), 0);
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, 8), 0);
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, 11), 0);
	CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, 9, 9), 0);
	CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, 6, 5), 0);
	CHECK_EQ(posix_spawn_file_actions_addchdir_np(&fa, "sub"), 0);
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 7, "rel", O_RDONLY, 0), 0);
	CHECK_EQ(posix_spawn_file_actions_addfchdir_np(&fa, 10), 0);
	/* Opened after the fchdir, so in the scratch directory; then moved. */
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 12, "out2", O_WRONLY | O_CREAT | O_EXCL, 0644), 0);
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, 12), 0);

	pid_t pid = -1;
	fflush(stdout);
	CHECK_EQ(posix_spawn(&pid, self, &fa, NULL, (char *[]){ (char *)self, "child", NULL }, environ), 0);
	if (pid > 0)
		CHECK_EQ(wait_status(pid), 0);
	printf("out: %s", read_file("out"));
	printf("out2 created in the scratch directory: %s\n", access("out2", F_OK) == 0 ? "yes" : "no");
	posix_spawn_file_actions_destroy(&fa);

	printf("parent fds 6 8 9 10: %d %d %d %d, sub/out exists: %s\n", fcntl(6, F_GETFD),
		fcntl(8, F_GETFD), fcntl(9, F_GETFD), fcntl(10, F_GETFD),
		access("sub/out", F_OK) == 0 ? "yes" : "no");

	/* A failing action: the open of a missing file, after a successful one. */
	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 3, "in", O_RDONLY, 0), 0);
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 4, "missing/file", O_RDONLY, 0), 0);
	pid = -7;
	CHECK_EQ(posix_spawn(&pid, self, &fa, NULL, (char *[]){ (char *)self, "child", NULL }, environ), ENOENT);
	CHECK_EQ(pid, -7);
	no_child();
	posix_spawn_file_actions_destroy(&fa);
	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, 11, 4), 0);
	CHECK_EQ(posix_spawn(&pid, self, &fa, NULL, (char *[]){ (char *)self, "child", NULL }, environ), EBADF);
	CHECK_EQ(pid, -7);
	no_child();
	posix_spawn_file_actions_destroy(&fa);
	printf("failing open: ENOENT, failing dup2: EBADF, no child\n");

	fs_leave();
	return check_done();
}
