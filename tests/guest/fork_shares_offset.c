/* compare: native */
/* After fork, parent and child share each open file description: the offset
 * moved by the child's write, read or lseek is the parent's too, through the
 * same fd and through a dup of it; O_APPEND writes from both land at the end;
 * status flags (F_SETFL) are shared while FD_CLOEXEC stays per descriptor. A
 * file the child opens itself has its own offset. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/wait.h>

static int fd, dupfd, afd;

/* Runs fn in a child and waits for it; true when the child's checks passed. */
static int in_child(void (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		check_failures = 0;
		fn();
		_exit(check_failures ? 1 : 0);
	}
	int status = -1;
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void child_write(void) { CHECK_EQ(write(fd, "defgh", 5), 5); }
static void child_seek(void) { CHECK_EQ(lseek(fd, 2, SEEK_SET), 2); }
static void child_read(void)
{
	char b[3];
	CHECK_EQ(read(fd, b, 3), 3);
	CHECK(!memcmp(b, "cde", 3));
}
static void child_write_dup(void) { CHECK_EQ(write(dupfd, "XY", 2), 2); }
static void child_append(void) { CHECK_EQ(write(afd, "22", 2), 2); }
static void child_own_open(void)
{
	int own = open("f", O_RDWR);
	CHECK(own >= 0);
	CHECK_EQ(lseek(own, 0, SEEK_CUR), 0);
	CHECK_EQ(write(own, "A", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7);
	close(own);
}
static void child_flags(void)
{
	CHECK_EQ(fcntl(fd, F_SETFL, O_APPEND), 0);
	CHECK_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
}

static void show(const char *name)
{
	char b[64];
	int f = open(name, O_RDONLY);
	ssize_t n = read(f, b, sizeof(b) - 1);
	close(f);
	b[n > 0 ? n : 0] = 0;
	printf("%s: \"%s\"\n", name, b);
}

int main(void)
{
	fs_enter("fork_shares_offset");
	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "abc", 3), 3);

	CHECK(in_child(child_write));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 8);
	CHECK(in_child(child_seek));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);
	CHECK(in_child(child_read));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 5);
	printf("offset follows the child's write, lseek and read\n");

	dupfd = dup(fd);
	CHECK(dupfd >= 0);
	CHECK(in_child(child_write_dup));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7);
	CHECK_EQ(lseek(dupfd, 0, SEEK_CUR), 7);
	printf("and through a dup\n");

	CHECK(in_child(child_own_open));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7);
	show("f");

	afd = open("g", O_WRONLY | O_CREAT | O_APPEND, 0600);
	CHECK(afd >= 0);
	CHECK_EQ(write(afd, "1", 1), 1);
	CHECK(in_child(child_append));
	CHECK_EQ(lseek(afd, 0, SEEK_CUR), 3);
	CHECK_EQ(write(afd, "333", 3), 3);
	CHECK_EQ(lseek(afd, 0, SEEK_CUR), 6);
	show("g");

	CHECK(in_child(child_flags));
	CHECK_EQ(fcntl(fd, F_GETFL) & O_APPEND, O_APPEND);
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	/* at 7 without O_APPEND; with it, at the end */
	CHECK_EQ(write(fd, "!", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 9);
	printf("status flags shared, FD_CLOEXEC not\n");
	show("f");

	close(fd);
	close(dupfd);
	close(afd);
	fs_leave();
	return check_done();
}
