/* compare: native */
/* args: 0 0 0 */
/* pty: 1 1 1 => exit 0 */
/* isatty(0/1/2) says what the runner gave the process (arguments: 1 or 0 for
 * fds 0, 1, 2); a terminal answers TCGETS and TIOCGWINSZ, anything else fails
 * them with ENOTTY. On a terminal the three share one open file description. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "check.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: isatty TTY0 TTY1 TTY2 (each 0 or 1)\n");
		return 2;
	}
	for (int fd = 0; fd < 3; fd++) {
		int want = atoi(argv[fd + 1]);
		struct termios t;
		struct winsize ws;
		errno = 0;
		int got = isatty(fd);
		if (got != want) {
			check_failures++;
			fprintf(stderr, "isatty(%d) = %d, want %d\n", fd, got, want);
		}
		if (want) {
			CHECK_EQ(tcgetattr(fd, &t), 0);
			CHECK_EQ(ioctl(fd, TIOCGWINSZ, &ws), 0);
		} else {
			CHECK(errno == ENOTTY);
			CHECK_ERRNO(tcgetattr(fd, &t), ENOTTY);
			CHECK_ERRNO(ioctl(fd, TIOCGWINSZ, &ws), ENOTTY);
		}
	}
	/* on a terminal, 0, 1 and 2 are one open file description (opened once, duplicated) */
	if (atoi(argv[1]) && atoi(argv[2]) && atoi(argv[3])) {
		int fl = fcntl(0, F_GETFL);
		CHECK_EQ(fcntl(0, F_SETFL, fl | O_NONBLOCK), 0);
		CHECK((fcntl(1, F_GETFL) & O_NONBLOCK) && (fcntl(2, F_GETFL) & O_NONBLOCK));
		CHECK_EQ(fcntl(0, F_SETFL, fl), 0);
		CHECK(!(fcntl(2, F_GETFL) & O_NONBLOCK));
	}
	printf("isatty: %s %s %s\n", argv[1], argv[2], argv[3]);
	return check_done();
}
