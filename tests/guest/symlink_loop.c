/* compare: native */
/* Symlink loops give ELOOP; readlink returns the target; a chain below 40 links resolves. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	char buf[64], a[16], b[16];
	struct stat st;

	fs_enter("symlink_loop");
	CHECK_EQ(symlink("l2", "l1"), 0);
	CHECK_EQ(symlink("l1", "l2"), 0);
	CHECK_ERRNO(open("l1", O_RDONLY), ELOOP);
	CHECK_ERRNO(stat("l1", &st), ELOOP);
	CHECK_EQ(lstat("l1", &st), 0);
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_size, 2);
	long n = readlink("l1", buf, sizeof(buf));
	CHECK_EQ(n, 2);
	buf[n > 0 ? n : 0] = 0;
	printf("l1 -> %s\n", buf);
	CHECK_ERRNO(readlink(".", buf, sizeof(buf)), EINVAL);
	close(open("t0", O_CREAT | O_WRONLY, 0644));
	for (int i = 1; i <= 30; i++) {
		snprintf(a, sizeof(a), "t%d", i - 1);
		snprintf(b, sizeof(b), "t%d", i);
		CHECK_EQ(symlink(a, b), 0);
	}
	CHECK_EQ(stat("t30", &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(mkdir("dir", 0755), 0);
	CHECK_EQ(symlink("dir", "dl"), 0);
	CHECK_EQ(mkdir("dl/inner", 0755), 0);
	CHECK_EQ(stat("dir/inner", &st), 0);
	CHECK_ERRNO(symlink("x", "l1"), EEXIST);
	printf("ok\n");
	fs_leave();
	return check_done();
}
