/* Helpers for file system tests: each runs in a fresh directory under /tmp
 * (the same on Linux and wunix) that is removed at the end. */
#ifndef FSUTIL_H
#define FSUTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fs_tmpdir[256];

static void fs_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char sub[1024];
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			fs_rmtree(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* Makes and enters /tmp/wunix-NAME-PID. */
static void fs_enter(const char *name)
{
	snprintf(fs_tmpdir, sizeof(fs_tmpdir), "/tmp/wunix-%s-%d", name, (int)getpid());
	fs_rmtree(fs_tmpdir);
	if (mkdir(fs_tmpdir, 0700) != 0 || chdir(fs_tmpdir) != 0) {
		perror(fs_tmpdir);
		exit(2);
	}
}

static void fs_leave(void)
{
	if (chdir("/") == 0)
		fs_rmtree(fs_tmpdir);
}

#endif
