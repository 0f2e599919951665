/* compare: native */
/* posix_spawn of a file without the x bit, or of a directory, returns EACCES,
 * stores no pid and leaves no child (waitpid: ECHILD); so does posix_spawnp
 * when the only candidate on PATH is not executable. */
#define _GNU_SOURCE
#include "check.h"
#include "executil.h"
#include "fsutil.h"

int main(void)
{
	fs_enter("spawn-noexec");
	CHECK_EQ(write_file("prog", "\177ELF not executable\n", 0644), 0);
	CHECK_EQ(mkdir("dir", 0755), 0);

	CHECK_SPAWN_FAILS(posix_spawn, "prog", EACCES);
	printf("no x bit: EACCES, no child\n");

	CHECK_SPAWN_FAILS(posix_spawn, "dir", EACCES);
	printf("directory: EACCES, no child\n");

	char path[2048];
	snprintf(path, sizeof path, "/nonexistent:%s", fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	CHECK_SPAWN_FAILS(posix_spawnp, "prog", EACCES);
	printf("posix_spawnp, no x bit: EACCES, no child\n");

	fs_leave();
	return check_done();
}
