/* compare: native */
/* Record locks between processes: a POSIX lock held by one process makes a
 * conflicting F_SETLK in another fail with EAGAIN, F_GETLK names the holder's
 * pid, and F_SETLKW waits until the holder unlocks. Locks are not inherited by
 * fork, and go away when their process exits or closes any fd of the file.
 * OFD locks belong to the open file description: a child sharing it shares
 * the lock (which outlives the child), a separate open conflicts with it, and
 * F_GETLK reports an OFD holder as pid -1. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>

struct kid {
	pid_t pid;
	int to, from; /* pipe to the child, pipe from it */
};

static int fd;

static struct flock lk(short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fl;
}

static int setlk(int f, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = lk(type, start, len);
	return fcntl(f, cmd, &fl);
}

/* The lock F_GETLK (or F_OFD_GETLK) finds for a write lock on [start,
 * start+len): its type, and its holder's pid in *pid. */
static int getlk(int f, int cmd, off_t start, off_t len, pid_t *pid)
{
	struct flock fl = lk(F_WRLCK, start, len);
	if (fcntl(f, cmd, &fl) != 0)
		return -1;
	*pid = fl.l_pid;
	return fl.l_type;
}

static char recv1(int from)
{
	char c = 0;
	CHECK_EQ(read(from, &c, 1), 1);
	return c;
}

/* Starts a child running fn(to-parent, from-parent). */
static struct kid start(void (*fn)(int, int))
{
	int down[2], up[2];
	struct kid k;
	CHECK_EQ(pipe(down), 0);
	CHECK_EQ(pipe(up), 0);
	fflush(stdout);
	k.pid = fork();
	if (k.pid == 0) {
		check_failures = 0;
		close(down[1]);
		close(up[0]);
		fn(up[1], down[0]);
		_exit(check_failures ? 1 : 0);
	}
	CHECK(k.pid > 0);
	close(down[0]);
	close(up[1]);
	k.to = down[1];
	k.from = up[0];
	return k;
}

static int finish(struct kid *k)
{
	int status = -1;
	close(k->to);
	close(k->from);
	CHECK_EQ(waitpid(k->pid, &status, 0), k->pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Parent holds a write lock on [0, 10). */
static void conflicts(int up, int down)
{
	pid_t holder = 0;
	(void)down;
	CHECK_ERRNO(setlk(fd, F_SETLK, F_WRLCK, 5, 1), EAGAIN);
	CHECK_ERRNO(setlk(fd, F_SETLK, F_RDLCK, 0, 1), EAGAIN);
	CHECK_ERRNO(setlk(fd, F_SETLK, F_WRLCK, 0, 0), EAGAIN);
	CHECK_EQ(getlk(fd, F_GETLK, 0, 0, &holder), F_WRLCK);
	CHECK_EQ(holder, getppid());
	CHECK_EQ(setlk(fd, F_SETLK, F_WRLCK, 10, 10), 0);
	write(up, "l", 1);
	char c;
	read(down, &c, 1);
}

/* Parent holds [0, 10); we wait for it in F_SETLKW. */
static void waiter(int up, int down)
{
	(void)down;
	write(up, "b", 1);
	CHECK_EQ(setlk(fd, F_SETLKW, F_WRLCK, 0, 1), 0);
	write(up, "g", 1);
	char c;
	read(down, &c, 1);
}

/* Locks [50, 60), then drops every lock of ours on the file by closing
 * another fd of it. */
static void closer(int up, int down)
{
	char c;
	int other = open("f", O_RDONLY);
	CHECK(other >= 0);
	CHECK_EQ(setlk(fd, F_SETLK, F_WRLCK, 50, 10), 0);
	write(up, "l", 1);
	read(down, &c, 1);
	CHECK_EQ(close(other), 0);
	write(up, "c", 1);
	read(down, &c, 1);
}

/* Parent's OFD lock on fd's description covers [100, 110). */
static void ofd_user(int up, int down)
{
	char c;
	pid_t holder = 0;
	int own = open("f", O_RDWR);
	CHECK(own >= 0);
	/* the shared description owns the lock: no conflict, and it may extend it */
	CHECK_EQ(setlk(fd, F_OFD_SETLK, F_WRLCK, 100, 20), 0);
	CHECK_ERRNO(setlk(own, F_OFD_SETLK, F_RDLCK, 105, 1), EAGAIN);
	CHECK_ERRNO(setlk(own, F_SETLK, F_RDLCK, 115, 1), EAGAIN);
	CHECK_EQ(getlk(own, F_OFD_GETLK, 100, 1, &holder), F_WRLCK);
	CHECK_EQ(holder, -1);
	CHECK_EQ(getlk(own, F_GETLK, 119, 1, &holder), F_WRLCK);
	CHECK_EQ(holder, -1);
	close(own);
	write(up, "o", 1);
	read(down, &c, 1);
}

int main(void)
{
	pid_t holder = 0;

	fs_enter("lock_conflict_procs");
	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(ftruncate(fd, 200), 0);

	/* conflicts both ways; the child's lock goes when it exits */
	CHECK_EQ(setlk(fd, F_SETLK, F_WRLCK, 0, 10), 0);
	struct kid k = start(conflicts);
	CHECK_EQ(recv1(k.from), 'l');
	CHECK_EQ(getlk(fd, F_GETLK, 15, 1, &holder), F_WRLCK);
	CHECK_EQ(holder, k.pid);
	CHECK_ERRNO(setlk(fd, F_SETLK, F_RDLCK, 19, 5), EAGAIN);
	CHECK_EQ(setlk(fd, F_SETLK, F_RDLCK, 20, 5), 0);
	CHECK(finish(&k));
	CHECK_EQ(getlk(fd, F_GETLK, 0, 0, &holder), F_UNLCK);
	CHECK_EQ(setlk(fd, F_SETLK, F_WRLCK, 10, 10), 0);
	printf("F_SETLK conflicts: EAGAIN both ways; F_GETLK names the holder; released at exit\n");

	/* fork does not pass our locks on: the child conflicts with them */
	CHECK_EQ(setlk(fd, F_SETLK, F_UNLCK, 0, 0), 0);
	CHECK_EQ(setlk(fd, F_SETLK, F_WRLCK, 0, 10), 0);
	k = start(waiter);
	CHECK_EQ(recv1(k.from), 'b');
	struct pollfd p = { .fd = k.from, .events = POLLIN };
	int early = poll(&p, 1, 200);
	CHECK_EQ(early, 0);
	CHECK_EQ(setlk(fd, F_SETLK, F_UNLCK, 0, 10), 0);
	CHECK_EQ(recv1(k.from), 'g');
	CHECK_EQ(getlk(fd, F_GETLK, 0, 10, &holder), F_WRLCK);
	CHECK_EQ(holder, k.pid);
	CHECK(finish(&k));
	CHECK_EQ(getlk(fd, F_GETLK, 0, 10, &holder), F_UNLCK);
	printf("F_SETLKW waited for the unlock: %s\n", early ? "no" : "yes");

	k = start(closer);
	CHECK_EQ(recv1(k.from), 'l');
	CHECK_EQ(getlk(fd, F_GETLK, 55, 1, &holder), F_WRLCK);
	CHECK_EQ(holder, k.pid);
	CHECK_EQ(write(k.to, "x", 1), 1);
	CHECK_EQ(recv1(k.from), 'c');
	CHECK_EQ(getlk(fd, F_GETLK, 50, 10, &holder), F_UNLCK);
	CHECK(finish(&k));
	printf("closing another fd of the file drops the process's locks\n");

	CHECK_EQ(setlk(fd, F_OFD_SETLK, F_WRLCK, 100, 10), 0);
	k = start(ofd_user);
	CHECK_EQ(recv1(k.from), 'o');
	CHECK(finish(&k));
	/* the child's extension belongs to the description, which we still hold */
	int other = open("f", O_RDWR);
	CHECK(other >= 0);
	CHECK_EQ(getlk(other, F_OFD_GETLK, 115, 1, &holder), F_WRLCK);
	CHECK_EQ(holder, -1);
	CHECK_ERRNO(setlk(other, F_SETLK, F_WRLCK, 119, 1), EAGAIN);
	CHECK_EQ(setlk(other, F_SETLK, F_WRLCK, 120, 1), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(getlk(other, F_OFD_GETLK, 0, 0, &holder), F_UNLCK);
	printf("OFD locks: shared with the child through the description, pid -1, gone at its last close\n");
	close(other);
	fs_leave();
	return check_done();
}
