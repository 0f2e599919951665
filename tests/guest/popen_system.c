/* compare: native */
/* system() runs "sh -c CMD" and returns its wait status (exit N gives
 * WEXITSTATUS N); system(NULL) says a shell exists. popen(.., "r") reads the
 * command's stdout, popen(.., "w") feeds its stdin, and pclose returns its
 * wait status. Under wunix, until a shell is in the root image, the test puts
 * itself at /bin/sh and acts as a shell knowing just the commands used here. */
#define _GNU_SOURCE
#include "check.h"
#include "executil.h"

#ifdef __wunix__
/* sh -c CMD for CMD "echo WORDS", "exit N" and "cat". */
static int tiny_sh(int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[1], "-c") != 0)
		return 2;
	const char *cmd = argv[2];
	if (!strncmp(cmd, "echo ", 5)) {
		printf("%s\n", cmd + 5);
		return 0;
	}
	if (!strncmp(cmd, "exit ", 5))
		return atoi(cmd + 5);
	if (!strcmp(cmd, "cat")) {
		char buf[512];
		ssize_t n;
		while ((n = read(0, buf, sizeof buf)) > 0)
			if (write(1, buf, n) != n)
				return 1;
		return n < 0;
	}
	fprintf(stderr, "sh: cannot run: %s\n", cmd);
	return 127;
}
#endif

int main(int argc, char **argv)
{
#ifdef __wunix__
	const char *base = strrchr(argv[0], '/');
	if (!strcmp(base ? base + 1 : argv[0], "sh"))
		return tiny_sh(argc, argv);
	self_init(argv);
	int made_sh = access("/bin/sh", F_OK) != 0;
	if (made_sh)
		CHECK_EQ(symlink(self, "/bin/sh"), 0);
#else
	(void)argc, (void)argv;
#endif

	CHECK(system(NULL) != 0);
	printf("system(NULL): a shell exists\n");
	fflush(stdout);
	int st = system("exit 3");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	printf("system(\"exit 3\"): exit status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	fflush(stdout);
	st = system("echo hello from system");
	CHECK_EQ(st, 0);

	char line[128] = "";
	FILE *f = popen("echo read through popen", "r");
	CHECK(f != NULL);
	if (f) {
		CHECK(fgets(line, sizeof line, f) != NULL);
		CHECK(fgets(line + strlen(line), sizeof line - strlen(line), f) == NULL);
		CHECK_EQ(pclose(f), 0);
	}
	printf("popen r: %s", line);

	f = popen("exit 5", "r");
	CHECK(f != NULL);
	if (f) {
		st = pclose(f);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5);
		printf("pclose: exit status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	}

	fflush(stdout);
	f = popen("cat", "w");
	CHECK(f != NULL);
	if (f) {
		CHECK(fputs("written through popen w, echoed by cat\n", f) >= 0);
		CHECK_EQ(pclose(f), 0);
	}
	printf("done\n");

#ifdef __wunix__
	if (made_sh)
		CHECK_EQ(unlink("/bin/sh"), 0);
#endif
	return check_done();
}
