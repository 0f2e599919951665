/* compare: native */
/* A relative program path given to posix_spawn is resolved in the cwd left by
 * the file actions (POSIX: "a relative path passed to posix_spawn() will be
 * affected by the last chdir or fchdir action"), as glibc and musl do by
 * exec'ing in the child after the actions: "./NAME" runs from the test's own
 * directory after addchdir or addfchdir, while the parent stays in "/". */
#define _GNU_SOURCE
#include <spawn.h>
#include "check.h"
#include "executil.h"

static void spawn_rel(const char *how, posix_spawn_file_actions_t *fa, int want)
{
	char rel[512];
	snprintf(rel, sizeof rel, "./%s", self_base());
	pid_t pid = -7;
	fflush(stdout);
	CHECK_EQ(posix_spawn(&pid, rel, fa, NULL, (char *[]){ rel, (char *)how, NULL }, environ), want);
	if (want == 0 && pid > 0)
		CHECK_EQ(wait_status(pid), 0);
	if (want)
		printf("%s: %s\n", how, want == ENOENT ? "ENOENT" : "?");
}

int main(int argc, char **argv)
{
	if (argc == 2) {
		printf("%s: ran\n", argv[1]);
		return 0;
	}
	self_init(argv);
	CHECK_EQ(chdir("/"), 0);

	posix_spawn_file_actions_t fa;
	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_addchdir_np(&fa, self_dir()), 0);
	spawn_rel("after addchdir", &fa, 0);
	posix_spawn_file_actions_destroy(&fa);

	int dir = open(self_dir(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	CHECK(dir >= 0);
	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_addfchdir_np(&fa, dir), 0);
	spawn_rel("after addfchdir", &fa, 0);
	posix_spawn_file_actions_destroy(&fa);

	spawn_rel("without a chdir action", NULL, ENOENT);
	return check_done();
}
