/* compare: native */
/* posix_spawn of a program that does not exist returns ENOENT (ENOTDIR for a
 * path through a regular file), stores no pid and leaves no child: waitpid
 * then finds none (ECHILD). posix_spawnp of a name on no PATH directory, and of
 * the empty name, is ENOENT too. */
#define _GNU_SOURCE
#include "check.h"
#include "executil.h"
#include "fsutil.h"

int main(void)
{
	fs_enter("spawn-missing");
	CHECK_EQ(write_file("file", "a file\n", 0755), 0);
	char path[2048];

	CHECK_SPAWN_FAILS(posix_spawn, "missing", ENOENT);
	printf("posix_spawn missing: ENOENT, no child\n");

	snprintf(path, sizeof path, "%s/missing", fs_tmpdir);
	CHECK_SPAWN_FAILS(posix_spawn, path, ENOENT);
	printf("posix_spawn missing, absolute: ENOENT, no child\n");

	CHECK_SPAWN_FAILS(posix_spawn, "file/prog", ENOTDIR);
	printf("posix_spawn through a file: ENOTDIR, no child\n");

	snprintf(path, sizeof path, "/nonexistent:%s", fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	CHECK_SPAWN_FAILS(posix_spawnp, "no-such-program", ENOENT);
	CHECK_SPAWN_FAILS(posix_spawnp, "", ENOENT);
	printf("posix_spawnp missing: ENOENT, no child\n");

	fs_leave();
	return check_done();
}
