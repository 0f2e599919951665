/* compare: native */
/* utimensat sets explicit times, UTIME_NOW takes the current time and UTIME_OMIT leaves a time alone. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <time.h>

int main(void)
{
	struct stat st;
	struct timespec ts[2];

	fs_enter("utimensat_now_omit");
	close(open("f", O_CREAT | O_WRONLY, 0644));
	ts[0].tv_sec = 1000000000; ts[0].tv_nsec = 123;
	ts[1].tv_sec = 1200000000; ts[1].tv_nsec = 456;
	CHECK_EQ(utimensat(AT_FDCWD, "f", ts, 0), 0);
	CHECK_EQ(stat("f", &st), 0);
	printf("%lld.%ld %lld.%ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	time_t before = time(NULL);
	CHECK_EQ(utimensat(AT_FDCWD, "f", ts, 0), 0);
	CHECK_EQ(stat("f", &st), 0);
	CHECK_EQ(st.st_atim.tv_sec, 1000000000);
	CHECK(st.st_mtim.tv_sec >= before && st.st_mtim.tv_sec <= time(NULL) + 1);
	CHECK(st.st_ctim.tv_sec >= before);
	ts[0].tv_nsec = 1000000000;
	CHECK_ERRNO(utimensat(AT_FDCWD, "f", ts, 0), EINVAL);
	CHECK_EQ(utimensat(AT_FDCWD, "f", NULL, 0), 0);
	CHECK_EQ(stat("f", &st), 0);
	CHECK(st.st_atim.tv_sec >= before);
	int fd = open("f", O_RDONLY);
	ts[0].tv_sec = 5; ts[0].tv_nsec = 0;
	ts[1].tv_nsec = UTIME_OMIT;
	CHECK_EQ(futimens(fd, ts), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_atim.tv_sec, 5);
	close(fd);
	fs_leave();
	return check_done();
}
