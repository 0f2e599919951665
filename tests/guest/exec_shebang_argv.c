/* compare: native */
/* execve of a "#!" script runs its interpreter with argv = [interpreter as
 * written, the optional argument (the rest of the line, one word, trailing
 * blanks dropped), the script path as passed to execve, argv[1]...], as Linux
 * does; blanks after "#!" are skipped and a missing interpreter is ENOENT.
 * The interpreter is this test: each stage prints its argv and execs the next.
 * wunix runs one level only, so an interpreter that is itself a script is
 * ENOEXEC there (Linux nests a few levels): checked under __wunix__ only. */
#define _GNU_SOURCE
#include "check.h"
#include "executil.h"
#include "fsutil.h"

/* Prints argv with this test's path shown as INTERP and the scratch directory as DIR. */
static void show(int argc, char **argv, const char *dir)
{
	size_t n = strlen(dir);
	printf("argc %d:", argc);
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], self))
			printf(" [INTERP]");
		else if (!strncmp(argv[i], dir, n) && argv[i][n] == '/')
			printf(" [DIR%s]", argv[i] + n);
		else
			printf(" [%s]", argv[i]);
	}
	printf("\n");
}

/* The interpreter named on script's "#!" line. */
static const char *interpreter(const char *script)
{
	static char line[4096];
	snprintf(line, sizeof line, "%s", read_file(script));
	char *p = line + 2;
	p += strspn(p, " \t");
	p[strcspn(p, " \t\n")] = 0;
	return p;
}

static void run(const char *path, char *const *argv)
{
	fflush(stdout);
	execve(path, argv, environ);
	fprintf(stderr, "execve %s: %s\n", path, strerror(errno));
	exit(1);
}

/* Stage 2: run as the interpreter of "with-arg", with its optional argument. */
static int with_arg(int argc, char **argv)
{
	char dir[512];
	snprintf(dir, sizeof dir, "%.*s", (int)(strrchr(argv[2], '/') - argv[2]), argv[2]);
	show(argc, argv, dir);
	CHECK_EQ(argc, 5);
	CHECK_STR(argv[0], interpreter(argv[2]));
	CHECK_STR(argv[1], "with-arg  two words");
	CHECK_STR(argv[3], "extra1");
	CHECK_STR(argv[4], "extra 2");
	if (check_failures)
		return check_done();
	/* The cwd is still the scratch directory: a relative script path. */
	run("./no-arg", (char *[]){ "ignored", "last", NULL });
	return 1;
}

/* Stage 3: run as the interpreter of "no-arg", without an optional argument. */
static int no_arg(int argc, char **argv)
{
	CHECK(getcwd(fs_tmpdir, sizeof fs_tmpdir) != NULL);
	show(argc, argv, fs_tmpdir);
	CHECK_EQ(argc, 3);
	CHECK_STR(argv[0], interpreter("no-arg"));
	CHECK_STR(argv[1], "./no-arg");
	CHECK_STR(argv[2], "last");
	fs_leave();
	return check_done();
}

int main(int argc, char **argv)
{
	self_init(argv);
	if (argc > 1 && !strncmp(argv[1], "with-arg", 8))
		return with_arg(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "./no-arg"))
		return no_arg(argc, argv);

	fs_enter("exec-shebang");
	char text[1200], path[512];
	snprintf(text, sizeof text, "#!%s with-arg  two words \t\nexit 3\n", self);
	CHECK_EQ(write_file("with-arg", text, 0755), 0);
	snprintf(text, sizeof text, "#! \t%s\nexit 3\n", self);
	CHECK_EQ(write_file("no-arg", text, 0755), 0);
	CHECK_EQ(write_file("missing-interp", "#!/nonexistent/interp\n", 0755), 0);

	fflush(stdout);
	CHECK_ERRNO(execv("missing-interp", (char *[]){ "missing-interp", NULL }), ENOENT);
	printf("missing interpreter: ENOENT\n");

	snprintf(path, sizeof path, "%s/with-arg", fs_tmpdir);
#ifdef __wunix__
	snprintf(text, sizeof text, "#!%s\n", path);
	CHECK_EQ(write_file("nested", text, 0755), 0);
	CHECK_ERRNO(execv("nested", (char *[]){ "nested", NULL }), ENOEXEC);
#endif
	if (check_failures)
		return check_done();
	run(path, (char *[]){ "ignored", "extra1", "extra 2", NULL });
	return 1;
}
