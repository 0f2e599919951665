/* compare: native */
/* A system call number the kernel does not know fails with ENOSYS, whatever
 * its arguments, and the process goes on. */
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	static const long nrs[] = { 9999, 5000, 100000, 0x7fffffff, -1 };
	for (size_t i = 0; i < sizeof nrs / sizeof nrs[0]; i++) {
		CHECK_ERRNO(syscall(nrs[i]), ENOSYS);
		CHECK_ERRNO(syscall(nrs[i], 1, 2, 3, 4, 5, 6), ENOSYS);
	}
	printf("unknown numbers: ENOSYS\n");
	CHECK(getpid() > 0);
	CHECK_EQ(syscall(SYS_getpid), getpid());
	printf("still running\n");
	return check_done();
}
