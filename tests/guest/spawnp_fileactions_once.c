/* compare: native */
/* posix_spawnp walks PATH past a missing directory, a directory without the
 * program and a regular file (ENOTDIR), and applies the file actions exactly
 * once: an O_CREAT|O_EXCL open succeeds and the child writes through the fd it
 * opened. Spawning again with the same actions fails with EEXIST and leaves no
 * child behind. */
#define _GNU_SOURCE
#include <spawn.h>
#include "check.h"
#include "executil.h"
#include "fsutil.h"

enum { FD = 7 };

static int child(void)
{
	struct stat st;
	CHECK_EQ(fcntl(FD, F_GETFD), 0);
	CHECK_EQ(fstat(FD, &st), 0);
	CHECK(S_ISREG(st.st_mode) && st.st_size == 0);
	const char *msg = "written by the child through fd 7\n";
	CHECK_EQ(write(FD, msg, strlen(msg)), (long)strlen(msg));
	return check_done();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "child"))
		return child();
	self_init(argv);
	fs_enter("spawnp-once");
	CHECK_EQ(mkdir("x", 0755), 0);
	CHECK_EQ(write_file("notdir", "a file\n", 0644), 0);
	char path[2048], created[512];
	snprintf(path, sizeof path, "/nonexistent:%s/x:%s/notdir:%s", fs_tmpdir, fs_tmpdir, self_dir());
	CHECK_EQ(setenv("PATH", path, 1), 0);
	snprintf(created, sizeof created, "%s/created", fs_tmpdir);

	posix_spawn_file_actions_t fa;
	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, FD, created, O_WRONLY | O_CREAT | O_EXCL, 0644), 0);
	char *args[] = { (char *)self_base(), "child", NULL };
	pid_t pid = -1;
	fflush(stdout);
	CHECK_EQ(posix_spawnp(&pid, self_base(), &fa, NULL, args, environ), 0);
	CHECK(pid > 0);
	if (pid > 0)
		CHECK_EQ(wait_status(pid), 0);
	printf("created: %s", read_file(created));

	pid = -1;
	CHECK_EQ(posix_spawnp(&pid, self_base(), &fa, NULL, args, environ), EEXIST);
	CHECK_EQ(pid, -1);
	int st;
	CHECK_ERRNO(waitpid(-1, &st, WNOHANG), ECHILD);
	printf("again: EEXIST, no child\n");

	posix_spawn_file_actions_destroy(&fa);
	fs_leave();
	return check_done();
}
