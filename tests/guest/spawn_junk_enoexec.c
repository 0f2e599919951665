/* compare: native */
/* posix_spawn of an executable file that is no program (junk, or empty)
 * returns ENOEXEC, stores no pid and leaves no child; posix_spawnp reports it
 * too rather than running the file with a shell. */
#define _GNU_SOURCE
#include "check.h"
#include "executil.h"
#include "fsutil.h"

int main(void)
{
	fs_enter("spawn-junk");
	CHECK_EQ(write_file("junk", "this is no program\n", 0755), 0);
	CHECK_EQ(write_file("empty", "", 0755), 0);

	CHECK_SPAWN_FAILS(posix_spawn, "junk", ENOEXEC);
	printf("junk: ENOEXEC, no child\n");

	CHECK_SPAWN_FAILS(posix_spawn, "empty", ENOEXEC);
	printf("empty: ENOEXEC, no child\n");

	char path[2048];
	snprintf(path, sizeof path, "/nonexistent:%s", fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	CHECK_SPAWN_FAILS(posix_spawnp, "junk", ENOEXEC);
	printf("posix_spawnp junk: ENOEXEC, no child\n");

	fs_leave();
	return check_done();
}
