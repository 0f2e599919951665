/* compare: native */
/* F_GETLK reports a conflicting lock. In one process, POSIX locks never conflict
 * with each other, while OFD locks on two open file descriptions do (and OFD
 * locks conflict with the process's POSIX locks). */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static struct flock lk(short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fl;
}

static void show(const char *what, const struct flock *fl, int ofd)
{
	const char *t = fl->l_type == F_RDLCK ? "RD" : fl->l_type == F_WRLCK ? "WR" : "UN";
	if (fl->l_type == F_UNLCK)
		printf("%s: %s\n", what, t);
	else
		printf("%s: %s start %lld len %lld pid %s\n", what, t, (long long)fl->l_start,
		       (long long)fl->l_len, ofd ? (fl->l_pid == -1 ? "-1" : "?") :
		       (fl->l_pid == getpid() ? "self" : "?"));
}

int main(void)
{
	struct flock fl;

	fs_enter("fcntl_setlk_getlk");
	int a = open("f", O_CREAT | O_RDWR, 0600), b = open("f", O_RDWR);
	CHECK(a >= 0 && b >= 0);

	/* POSIX: one process's locks, through any descriptor, never conflict */
	fl = lk(F_WRLCK, 0, 10);
	CHECK_EQ(fcntl(a, F_SETLK, &fl), 0);
	fl = lk(F_WRLCK, 5, 10);
	CHECK_EQ(fcntl(b, F_SETLK, &fl), 0);
	fl = lk(F_WRLCK, 0, 0);
	CHECK_EQ(fcntl(b, F_GETLK, &fl), 0);
	show("posix getlk", &fl, 0);

	/* an OFD probe sees the process's POSIX locks (merged into one) */
	fl = lk(F_RDLCK, 0, 0);
	CHECK_EQ(fcntl(a, F_OFD_GETLK, &fl), 0);
	show("ofd sees posix", &fl, 0);
	fl = lk(F_RDLCK, 3, 1);
	CHECK_ERRNO(fcntl(a, F_OFD_SETLK, &fl), EAGAIN);
	fl = lk(F_UNLCK, 0, 0);
	CHECK_EQ(fcntl(a, F_SETLK, &fl), 0);

	/* OFD: two descriptions conflict */
	fl = lk(F_RDLCK, 100, 50);
	CHECK_EQ(fcntl(a, F_OFD_SETLK, &fl), 0);
	fl = lk(F_RDLCK, 120, 1);
	CHECK_EQ(fcntl(b, F_OFD_SETLK, &fl), 0); /* readers share */
	fl = lk(F_WRLCK, 0, 0);
	CHECK_EQ(fcntl(b, F_OFD_GETLK, &fl), 0);
	show("ofd getlk", &fl, 1);
	fl = lk(F_WRLCK, 140, 20);
	CHECK_ERRNO(fcntl(b, F_OFD_SETLK, &fl), EAGAIN);
	fl = lk(F_WRLCK, 150, 20);
	CHECK_EQ(fcntl(b, F_OFD_SETLK, &fl), 0);
	fl = lk(F_RDLCK, 0, 0);
	CHECK_EQ(fcntl(a, F_OFD_GETLK, &fl), 0);
	show("ofd getlk 2", &fl, 1);
	/* a POSIX lock conflicts with OFD locks too; l_pid must be 0 for OFD commands */
	fl = lk(F_WRLCK, 100, 1);
	CHECK_ERRNO(fcntl(a, F_SETLK, &fl), EAGAIN);
	fl = lk(F_WRLCK, 100, 1);
	fl.l_pid = 1;
	CHECK_ERRNO(fcntl(a, F_OFD_SETLK, &fl), EINVAL);
	/* no conflict: l_type becomes F_UNLCK */
	fl = lk(F_WRLCK, 0, 100);
	CHECK_EQ(fcntl(a, F_GETLK, &fl), 0);
	show("free range", &fl, 0);

	/* closing b's description drops its OFD lock */
	CHECK_EQ(close(b), 0);
	fl = lk(F_WRLCK, 150, 1);
	CHECK_EQ(fcntl(a, F_GETLK, &fl), 0);
	show("after close", &fl, 0);
	CHECK_EQ(close(a), 0);
	fs_leave();
	return check_done();
}
