/* compare: native */
/* posix_spawnp looks a name up on the caller's PATH (not the one in envp): a
 * missing directory and a candidate without the x bit are skipped and a later
 * candidate runs; a candidate that is no program stops the walk with ENOEXEC;
 * a name with a slash is not looked up. */
#define _GNU_SOURCE
#include <spawn.h>
#include "check.h"
#include "executil.h"
#include "fsutil.h"

static char *env[] = { "SPAWNP_TEST=from envp", NULL };

static int child(char **argv)
{
	const char *v = getenv("SPAWNP_TEST");
	printf("child %s: SPAWNP_TEST=%s PATH %s\n", argv[1], v ? v : "(unset)",
		getenv("PATH") ? "set" : "unset");
	return 0;
}

static void spawnp(const char *name, const char *mode, int want)
{
	char *args[] = { (char *)self, (char *)mode, NULL };
	pid_t pid = -7;
	fflush(stdout);
	CHECK_EQ(posix_spawnp(&pid, name, NULL, NULL, args, env), want);
	if (want == 0) {
		CHECK(pid > 0);
		if (pid > 0)
			CHECK_EQ(wait_status(pid), 0);
	} else {
		CHECK_EQ(pid, -7);
		printf("%s: error %s\n", name, want == EACCES ? "EACCES" : want == ENOEXEC ? "ENOEXEC" : "?");
	}
}

int main(int argc, char **argv)
{
	self_init(argv);
	if (argc == 2)
		return child(argv);
	fs_enter("spawnp-path");
	CHECK_EQ(mkdir("a", 0755), 0);
	CHECK_EQ(mkdir("b", 0755), 0);
	CHECK_EQ(mkdir("j", 0755), 0);
	CHECK_EQ(write_file("a/prog", "not executable\n", 0644), 0);
	CHECK_EQ(symlink(self, "b/prog"), 0);
	CHECK_EQ(write_file("j/prog", "this is no program\n", 0755), 0);

	char path[2048];
	snprintf(path, sizeof path, "/nonexistent:%s/a:%s/b", fs_tmpdir, fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	spawnp("prog", "found-after-eacces", 0);
	spawnp("b/prog", "by-relative-path", 0);
	spawnp("a/prog", "never", EACCES);

	snprintf(path, sizeof path, "/nonexistent:%s/j:%s/b", fs_tmpdir, fs_tmpdir);
	CHECK_EQ(setenv("PATH", path, 1), 0);
	spawnp("prog", "never", ENOEXEC);

	fs_leave();
	return check_done();
}
