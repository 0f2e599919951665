/* compare: native */
/* flock locks belong to the open file description: with two descriptions,
 * LOCK_EX then LOCK_EX|LOCK_NB fails with EWOULDBLOCK; a dup shares the lock;
 * flock ignores fcntl record locks. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/file.h>

int main(void)
{
	fs_enter("flock_nb");
	int a = open("f", O_CREAT | O_RDWR, 0600), b = open("f", O_RDONLY);
	CHECK(a >= 0 && b >= 0);
	CHECK_EQ(flock(a, LOCK_EX), 0);
	CHECK_ERRNO(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_ERRNO(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	int a2 = dup(a);
	CHECK_EQ(flock(a2, LOCK_EX | LOCK_NB), 0); /* same description: already its lock */
	CHECK_EQ(close(a2), 0);
	CHECK_ERRNO(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	/* record locks do not see flock locks */
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	CHECK_EQ(fcntl(a, F_OFD_GETLK, &fl), 0);
	CHECK_EQ(fl.l_type, F_UNLCK);
	CHECK_EQ(flock(a, LOCK_SH), 0);
	CHECK_EQ(flock(b, LOCK_SH | LOCK_NB), 0);
	CHECK_ERRNO(flock(a, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_EQ(flock(b, LOCK_UN), 0);
	CHECK_EQ(flock(a, LOCK_EX | LOCK_NB), 0);
	CHECK_ERRNO(flock(a, LOCK_UN | LOCK_SH), EINVAL);
	CHECK_EQ(close(a), 0); /* the last close of the description drops it */
	CHECK_EQ(flock(b, LOCK_EX | LOCK_NB), 0);
	CHECK_EQ(close(b), 0);
	printf("flock ok\n");
	fs_leave();
	return check_done();
}
