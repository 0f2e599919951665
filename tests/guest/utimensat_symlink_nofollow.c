/* compare: native */
/* utimensat with AT_SYMLINK_NOFOLLOW sets a symlink's own times and leaves its
 * target alone; without it the target's times change; a dangling link can be
 * touched only with the flag. UTIME_OMIT works on links too. Following the
 * link marks it read (relatime: its atime was older than its mtime). */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <time.h>

static time_t start;

/* A time from the test's run is printed as "now". */
static void show(const char *name)
{
	struct stat st;
	CHECK_EQ(lstat(name, &st), 0);
	printf("%s: ", name);
	if (st.st_atim.tv_sec >= start)
		printf("a now");
	else
		printf("a %lld.%09ld", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec);
	printf(" m %lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

int main(void)
{
	struct timespec base[2] = { { 1000000000, 1 }, { 1000000000, 2 } };
	struct timespec ts[2] = { { 1100000000, 111 }, { 1200000000, 222 } };

	start = time(NULL) - 1;
	fs_enter("utimensat_symlink_nofollow");
	close(open("f", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(symlink("f", "l"), 0);
	CHECK_EQ(symlink("missing", "dangling"), 0);
	CHECK_EQ(utimensat(AT_FDCWD, "f", base, 0), 0);
	CHECK_EQ(utimensat(AT_FDCWD, "l", base, AT_SYMLINK_NOFOLLOW), 0);
	show("f");
	show("l");

	CHECK_EQ(utimensat(AT_FDCWD, "l", ts, AT_SYMLINK_NOFOLLOW), 0);
	show("f");
	show("l");

	ts[0].tv_sec = 1300000000;
	ts[1].tv_sec = 1400000000;
	CHECK_EQ(utimensat(AT_FDCWD, "l", ts, 0), 0);
	show("f");
	show("l");

	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 1500000000;
	CHECK_EQ(utimensat(AT_FDCWD, "l", ts, AT_SYMLINK_NOFOLLOW), 0);
	show("l");

	CHECK_ERRNO(utimensat(AT_FDCWD, "dangling", ts, 0), ENOENT);
	CHECK_EQ(utimensat(AT_FDCWD, "dangling", base, AT_SYMLINK_NOFOLLOW), 0);
	show("dangling");

	/* through a directory descriptor */
	int dfd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK_EQ(utimensat(dfd, "l", base, AT_SYMLINK_NOFOLLOW), 0);
	show("l");
	close(dfd);
	CHECK_ERRNO(utimensat(AT_FDCWD, "l", base, 0x8000), EINVAL);
	fs_leave();
	return check_done();
}
