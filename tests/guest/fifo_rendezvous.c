/* compare: native */
/* Two processes meet at FIFOs. A blocking open of one end waits until the
 * other end is opened (the reader's open, then the writer's, each observed
 * not to return early); data goes one way through "up" and the answer back
 * through "down"; the reader sees end of file when the writer closes. With
 * O_NONBLOCK a reader's open returns at once, a writer's without a reader
 * is ENXIO. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>

/* True if a byte arrives on fd within ms. */
static int arrives(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, ms) == 1;
}

static void child(int report)
{
	char buf[64];
	int up = open("up", O_RDONLY);
	if (up < 0)
		_exit(1);
	write(report, "r", 1);
	ssize_t n = read(up, buf, sizeof(buf));
	if (n != 4 || memcmp(buf, "ping", 4))
		_exit(2);
	int down = open("down", O_WRONLY);
	if (down < 0)
		_exit(3);
	write(report, "w", 1);
	if (write(down, "pong", 4) != 4)
		_exit(4);
	close(down);
	n = read(up, buf, sizeof(buf));
	_exit(n == 0 ? 0 : 5);
}

int main(void)
{
	int rep[2];
	char c, buf[16];

	fs_enter("fifo_rendezvous");
	CHECK_EQ(mkfifo("up", 0600), 0);
	CHECK_EQ(mkfifo("down", 0600), 0);
	CHECK_ERRNO(open("up", O_WRONLY | O_NONBLOCK), ENXIO);
	int nb = open("up", O_RDONLY | O_NONBLOCK);
	CHECK(nb >= 0);
	CHECK_EQ(read(nb, buf, sizeof(buf)), 0);
	close(nb);

	CHECK_EQ(pipe(rep), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(rep[0]);
		child(rep[1]);
	}
	CHECK(pid > 0);
	close(rep[1]);

	/* the child's open of the read end waits for a writer */
	int early = arrives(rep[0], 200);
	CHECK(!early);
	int up = open("up", O_WRONLY);
	CHECK(up >= 0);
	CHECK_EQ(read(rep[0], &c, 1), 1);
	CHECK_EQ(c, 'r');
	CHECK_EQ(write(up, "ping", 4), 4);
	printf("reader's open waited for the writer: %s\n", early ? "no" : "yes");

	/* and its open of "down"'s write end waits for us to read */
	early = arrives(rep[0], 200);
	CHECK(!early);
	int down = open("down", O_RDONLY);
	CHECK(down >= 0);
	CHECK_EQ(read(rep[0], &c, 1), 1);
	CHECK_EQ(c, 'w');
	printf("writer's open waited for the reader: %s\n", early ? "no" : "yes");
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(down, buf, sizeof(buf) - 1), 4);
	CHECK_EQ(read(down, buf + 4, sizeof(buf) - 5), 0);
	printf("answer: %s\n", buf);

	CHECK_EQ(close(up), 0);
	int status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(down);
	close(rep[0]);
	fs_leave();
	return check_done();
}
