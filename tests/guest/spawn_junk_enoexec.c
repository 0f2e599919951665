/* compare: native */
/* posix_spawn of an executable file that is no program (junk, or empty)
 * returns ENOEXEC, stores no pid and leaves no child; posix_spawnp reports it
 * too rather than running the file with a shell. */
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
	fs_enter("spawn-junk");
	CHECK_EQ(write_file("junk", "this is no program\n", 0755), 0);
	CHECK_EQ(write_file("empty", "", 0755), 0);
	pid_t pid = -7;

	CHECK_EQ(posix_spawn(&pid, "junk", NULL, NULL, args, environ), ENOEXEC);
	CHECK_EQ(pid, -7);
	no_child();
	printf("junk: ENOEXEC, no child\n");

	CHECK_EQ(posix_spawn(&pid, "empty", NULL, NULL, args, environ), ENOEXEC);
	CHECK_EQ(pid, -7);
	no_child();
	printf("empty: ENOEXEC, no child\n");

	char path[2048];
	snprintf(path, sizeof path, "/nonexistent:%s", fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	CHECK_EQ(posix_spawnp(&pid, "junk", NULL, NULL, args, environ), ENOEXEC);
	CHECK_EQ(pid, -7);
	no_child();
	printf("posix_spawnp junk: ENOEXEC, no child\n");

	fs_leave();
	return check_done();
}
