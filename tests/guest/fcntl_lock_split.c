/* compare: native */
/* Unlocking the middle of a lock splits it in two; setting the other type in
 * the middle makes three; relocking the whole merges them into one. Probed
 * through an OFD description, which sees the process's POSIX locks. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static int fd, probe;

static int set(short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(fd, F_SETLK, &fl);
}

/* Prints the locks the probe sees, walking from 0. */
static void dump(const char *what)
{
	off_t at = 0;

	printf("%s:", what);
	for (int i = 0; i < 10; i++) {
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 0 };
		if (fcntl(probe, F_OFD_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
			break;
		printf(" %s[%lld,+%lld]", fl.l_type == F_RDLCK ? "RD" : "WR", (long long)fl.l_start,
		       (long long)fl.l_len);
		if (fl.l_len == 0)
			break;
		at = fl.l_start + fl.l_len;
	}
	printf("\n");
}

int main(void)
{
	fs_enter("fcntl_lock_split");
	fd = open("f", O_CREAT | O_RDWR, 0600);
	probe = open("f", O_RDWR);
	CHECK(fd >= 0 && probe >= 0);
	CHECK_EQ(set(F_WRLCK, 0, 100), 0);
	dump("one");
	CHECK_EQ(set(F_UNLCK, 40, 20), 0);
	dump("split");
	CHECK_EQ(set(F_RDLCK, 40, 20), 0);
	dump("three");
	CHECK_EQ(set(F_RDLCK, 10, 10), 0);
	dump("read inside");
	CHECK_EQ(set(F_WRLCK, 0, 100), 0);
	dump("merged");
	CHECK_EQ(set(F_WRLCK, 100, 50), 0);
	dump("adjacent");
	CHECK_EQ(set(F_RDLCK, 200, 0), 0);
	dump("to eof");
	CHECK_EQ(set(F_UNLCK, 50, 200), 0);
	dump("cut");
	/* a negative length locks the bytes before l_start */
	CHECK_EQ(set(F_UNLCK, 0, 0), 0);
	CHECK_EQ(set(F_WRLCK, 30, -10), 0);
	dump("negative");
	CHECK_ERRNO(set(F_WRLCK, 5, -10), EINVAL);
	CHECK_EQ(close(probe), 0);
	CHECK_EQ(close(fd), 0);
	fs_leave();
	return check_done();
}
