/* compare: native */
/* renameat2 with RENAME_EXCHANGE swaps two names; RENAME_NOREPLACE refuses an existing target. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/syscall.h>

static long rename2(const char *a, const char *b, unsigned flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static void show(const char *name)
{
	char buf[16] = { 0 };
	int fd = open(name, O_RDONLY);
	CHECK_EQ(read(fd, buf, sizeof(buf) - 1) > 0, 1);
	close(fd);
	printf("%s: %s\n", name, buf);
}

int main(void)
{
	fs_enter("rename_exchange");
	int fd = open("a", O_CREAT | O_WRONLY, 0644);
	CHECK_EQ(write(fd, "A", 1), 1);
	close(fd);
	fd = open("b", O_CREAT | O_WRONLY, 0644);
	CHECK_EQ(write(fd, "B", 1), 1);
	close(fd);
	CHECK_EQ(rename2("a", "b", 2 /* RENAME_EXCHANGE */), 0);
	show("a");
	show("b");
	CHECK_ERRNO(rename2("a", "b", 1 /* RENAME_NOREPLACE */), EEXIST);
	CHECK_ERRNO(rename2("a", "c", 2), ENOENT);
	CHECK_ERRNO(rename2("a", "c", 3), EINVAL);
	CHECK_EQ(rename("a", "c"), 0);
	show("c");
	CHECK_EQ(rename("c", "b"), 0);
	show("b");
	CHECK_ERRNO(access("c", F_OK), ENOENT);
	CHECK_EQ(mkdir("d", 0755), 0);
	CHECK_ERRNO(rename("d", "d/x"), EINVAL);
	CHECK_ERRNO(rename("d", "b"), ENOTDIR);
	CHECK_ERRNO(rename("b", "d"), EISDIR);
	fs_leave();
	return check_done();
}
