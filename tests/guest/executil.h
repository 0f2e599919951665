/* Helpers for exec and spawn tests. A test runs a second program by running
 * itself (argv[0], an absolute path under tools/guest-test on Linux and, through
 * its --mount, under wunix) with a mode word as argv[1]. */
#ifndef EXECUTIL_H
#define EXECUTIL_H

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* fn (posix_spawn or posix_spawnp) of name fails with err, stores no pid and
 * leaves no child (waitpid: ECHILD). A macro, so a failure names the caller's line. */
#define CHECK_SPAWN_FAILS(fn, name, err) \
	do { \
		pid_t pid_ = -7; \
		int st_; \
		CHECK_EQ(fn(&pid_, (name), NULL, NULL, (char *[]){ "prog", NULL }, environ), (err)); \
		CHECK_EQ(pid_, -7); \
		CHECK_ERRNO(waitpid(-1, &st_, WNOHANG), ECHILD); \
	} while (0)

/* argv[0] of the test made absolute: what to exec or spawn to run it again. */
static const char *self;

static inline void self_init(char **argv)
{
	static char abs[2048], cwd[1024];
	if (!strchr(argv[0], '/')) {
		fprintf(stderr, "%s: run me by a path\n", argv[0]);
		exit(2);
	}
	self = argv[0];
	if (self[0] != '/' && getcwd(cwd, sizeof cwd)) {
		snprintf(abs, sizeof abs, "%s/%s", cwd, self);
		self = abs;
	}
}

/* The last component of self. */
static inline const char *self_base(void)
{
	return strrchr(self, '/') + 1;
}

/* The directory of self, in a static buffer. */
static inline const char *self_dir(void)
{
	static char dir[1024];
	snprintf(dir, sizeof dir, "%.*s", (int)(self_base() - 1 - self), self);
	return dir[0] ? dir : "/";
}

/* Waits for pid: its exit status, 128+N for a death by signal N, -1 on error. */
static inline int wait_status(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
}

/* Creates path holding text with the given mode; 0 or -1. */
static inline int write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) && chmod(path, mode) == 0 ? 0 : -1;
}

/* The contents of path (up to 4 KiB, NUL-terminated) in a static buffer, or "". */
static inline const char *read_file(const char *path)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof buf - 1);
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

#endif
