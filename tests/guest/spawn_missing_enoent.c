/* compare: native */
/* posix_spawn of a program that does not exist returns ENOENT (ENOTDIR for a
 * path through a regular file), stores no pid and leaves no child: waitpid
 * then finds none (ECHILD). posix_spawnp of a name on no PATH directory, and of
 * the empty name, is ENOENT too. */
#define _GNU_SOURCE
#include <spawn.h>
#include "check.h"
#include "executil.h"
#include "fsutil.h"

static char *args[] = { "prog", NULL };

static void no_child(void)
{
	int st;
	CHECK_ERRNO(waitpid(-1, &st, WNOHANG), ECHILD);
}

int main(void)
{
	fs_enter("spawn-missing");
	CHECK_EQ(write_file("file", "a file\n", 0755), 0);
	char path[2048];
	pid_t pid = -7;

	CHECK_EQ(posix_spawn(&pid, "missing", NULL, NULL, args, environ), ENOENT);
	CHECK_EQ(pid, -7);
	no_child();
	printf("posix_spawn missing: ENOENT, no child\n");

	snprintf(path, sizeof path, "%s/missing", fs_tmpdir);
	CHECK_EQ(posix_spawn(&pid, path, NULL, NULL, args, environ), ENOENT);
	CHECK_EQ(pid, -7);
	no_child();
	printf("posix_spawn missing, absolute: ENOENT, no child\n");

	CHECK_EQ(posix_spawn(&pid, "file/prog", NULL, NULL, args, environ), ENOTDIR);
	CHECK_EQ(pid, -7);
	no_child();
	printf("posix_spawn through a file: ENOTDIR, no child\n");

	snprintf(path, sizeof path, "/nonexistent:%s", fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	CHECK_EQ(posix_spawnp(&pid, "no-such-program", NULL, NULL, args, environ), ENOENT);
	CHECK_EQ(posix_spawnp(&pid, "", NULL, NULL, args, environ), ENOENT);
	CHECK_EQ(pid, -7);
	no_child();
	printf("posix_spawnp missing: ENOENT, no child\n");

	fs_leave();
	return check_done();
}
