/* compare: native */
/* posix_spawn of a file without the x bit, or of a directory, returns EACCES,
 * stores no pid and leaves no child (waitpid: ECHILD); so does posix_spawnp
 * when the only candidate on PATH is not executable. */
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
	fs_enter("spawn-noexec");
	CHECK_EQ(write_file("prog", "\177ELF not executable\n", 0644), 0);
	CHECK_EQ(mkdir("dir", 0755), 0);
	pid_t pid = -7;

	CHECK_EQ(posix_spawn(&pid, "prog", NULL, NULL, args, environ), EACCES);
	CHECK_EQ(pid, -7);
	no_child();
	printf("no x bit: EACCES, no child\n");

	CHECK_EQ(posix_spawn(&pid, "dir", NULL, NULL, args, environ), EACCES);
	CHECK_EQ(pid, -7);
	no_child();
	printf("directory: EACCES, no child\n");

	char path[2048];
	snprintf(path, sizeof path, "/nonexistent:%s", fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	CHECK_EQ(posix_spawnp(&pid, "prog", NULL, NULL, args, environ), EACCES);
	CHECK_EQ(pid, -7);
	no_child();
	printf("posix_spawnp, no x bit: EACCES, no child\n");

	fs_leave();
	return check_done();
}
