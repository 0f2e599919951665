/* compare: native */
/* A failed execve returns -1 with errno and leaves the caller running with its
 * state intact: ENOENT (missing file), ENOTDIR (a path through a regular file),
 * EACCES (no x bit; a directory), ENOEXEC (junk and empty files with the x bit),
 * ELOOP (a symlink loop), ENAMETOOLONG, E2BIG (32 MiB of arguments, over the
 * limit on Linux and wunix alike). */
#define _GNU_SOURCE
#include <limits.h>
#include "check.h"
#include "executil.h"
#include "fsutil.h"

static char *const args[] = { "prog", "arg", NULL };

static void try_exec(const char *what, const char *path, char *const *argv, int err, const char *name)
{
	fflush(stdout);
	CHECK_ERRNO(execve(path, argv, environ), err);
	printf("%s: %s\n", what, name);
}

int main(int argc, char **argv)
{
	self_init(argv);
	if (argc > 1) {
		fprintf(stderr, "exec with %d arguments succeeded\n", argc);
		return 1;
	}
	fs_enter("exec-missing");
	int fd = open("kept", O_RDWR | O_CREAT, 0600);
	CHECK_EQ(fd, 3);

	try_exec("missing file", "missing", args, ENOENT, "ENOENT");
	CHECK_EQ(write_file("regular", "just text\n", 0755), 0);
	try_exec("path through a file", "regular/prog", args, ENOTDIR, "ENOTDIR");
	CHECK_EQ(write_file("noexec", "\177ELF not really\n", 0644), 0);
	try_exec("no x bit", "noexec", args, EACCES, "EACCES");
	CHECK_EQ(mkdir("dir", 0755), 0);
	try_exec("directory", "dir", args, EACCES, "EACCES");
	try_exec("directory with a slash", "dir/", args, EACCES, "EACCES");
	CHECK_EQ(write_file("junk", "this is no program\n", 0755), 0);
	try_exec("junk with x bit", "junk", args, ENOEXEC, "ENOEXEC");
	CHECK_EQ(write_file("empty", "", 0755), 0);
	try_exec("empty file with x bit", "empty", args, ENOEXEC, "ENOEXEC");
	CHECK_EQ(symlink("loop2", "loop1"), 0);
	CHECK_EQ(symlink("loop1", "loop2"), 0);
	try_exec("symlink loop", "loop1", args, ELOOP, "ELOOP");

	char longname[NAME_MAX + 2];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	try_exec("name too long", longname, args, ENAMETOOLONG, "ENAMETOOLONG");

	/* Strings under Linux's 128 KiB per-string limit, 32 MiB in total, all
	 * pointing at one buffer. The program is this test, so only the size can
	 * fail (wunix reads and compiles the image before it counts). */
	enum { PIECE = 64 << 10, COUNT = 512 };
	char *piece = malloc(PIECE), **big = malloc((COUNT + 2) * sizeof *big);
	CHECK(piece && big);
	if (piece && big) {
		memset(piece, 'a', PIECE - 1);
		piece[PIECE - 1] = 0;
		big[0] = (char *)self;
		for (int i = 1; i <= COUNT; i++)
			big[i] = piece;
		big[COUNT + 1] = NULL;
		try_exec("32 MiB of arguments", self, big, E2BIG, "E2BIG");
	}

	/* Still the same process, with its files. */
	CHECK_EQ(write(fd, "ok", 2), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);
	CHECK_EQ(close(fd), 0);
	printf("caller still running\n");
	fs_leave();
	return check_done();
}
