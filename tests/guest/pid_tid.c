/* compare: native */
/* The process has a pid, a parent that is not itself, and one thread whose tid
 * is the pid; set_tid_address returns the tid; the ids stay the same. */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	pid_t pid = getpid(), ppid = getppid();
	CHECK(pid > 1);
	CHECK(ppid > 0 && ppid != pid);
	CHECK_EQ(gettid(), pid);
	CHECK_EQ(syscall(SYS_gettid), pid);
	static int tid_word;
	CHECK_EQ(syscall(SYS_set_tid_address, &tid_word), pid);
	CHECK_EQ(sched_yield(), 0);
	CHECK_EQ(getpid(), pid);
	CHECK_EQ(getppid(), ppid);
	printf("pid > 1, ppid differs, tid == pid\n");
	return check_done();
}
