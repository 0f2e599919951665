/* compare: native */
/* Opening ptys: posix_openpt, grantpt, unlockpt, ptsname; the slave cannot
 * be opened while locked (TIOCSPTLCK); TIOCGPTN is N of /dev/pts/N, a
 * character device; ttyname of the slave is its ptsname; isatty. Bad input:
 * bad pointers in terminal ioctls fail with EFAULT, terminal ioctls on a
 * pipe or /dev/null with ENOTTY, bad TCFLSH/TCXONC arguments with EINVAL,
 * job-control ioctls on a terminal that is not the caller's with ENOTTY.
 * Flow control (tcflow) is accepted. */
#include "ttyutil.h"
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

int main(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), n = -1, lock = 1, p[2];
	char want[32];
	struct stat st;
	struct termios t;
	struct winsize ws = { 30, 100, 0, 0 }, ws2;

	CHECK(m >= 0);
	CHECK(isatty(m));
	CHECK_EQ(ioctl(m, TIOCGPTN, &n), 0);
	snprintf(want, sizeof(want), "/dev/pts/%d", n);
	CHECK_STR(ptsname(m), want);
	printf("ptsname is /dev/pts/N, N from TIOCGPTN\n");
	CHECK_EQ(stat(want, &st), 0);
	CHECK(S_ISCHR(st.st_mode));
	CHECK_EQ(major(st.st_rdev), 136);
	CHECK_EQ(minor(st.st_rdev), n);
	printf("a character device (136, N)\n");

	CHECK_ERRNO(open(want, O_RDWR | O_NOCTTY), EIO);
	printf("locked: open fails with EIO\n");
	CHECK_EQ(grantpt(m), 0);
	CHECK_EQ(unlockpt(m), 0);
	int s = open(want, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK(isatty(s));
	CHECK_STR(ttyname(s), want);
	printf("unlocked: open works, ttyname is the ptsname\n");
	CHECK_EQ(ioctl(m, TIOCSPTLCK, &lock), 0);
	CHECK_ERRNO(open(want, O_RDWR | O_NOCTTY), EIO);
	lock = 0;
	CHECK_EQ(ioctl(m, TIOCSPTLCK, &lock), 0);
	int s2 = open(want, O_RDWR | O_NOCTTY);
	CHECK(s2 >= 0);
	close(s2);
	printf("TIOCSPTLCK locks and unlocks\n");

	CHECK_EQ(ioctl(m, TIOCSWINSZ, &ws), 0);
	CHECK_EQ(ioctl(s, TIOCGWINSZ, &ws2), 0);
	printf("window size set on the master, read on the slave: %dx%d\n", ws2.ws_row, ws2.ws_col);

	CHECK_EQ(tcflow(s, TCOOFF), 0);
	CHECK_EQ(tcflow(s, TCOON), 0);
	CHECK_EQ(tcflow(s, TCIOFF), 0);
	CHECK_EQ(tcflow(s, TCION), 0);
	CHECK_EQ(write(s, "x", 1), 1);
	char buf[16];
	show("TCIOFF and TCION send STOP and START, output flows", buf, read_until(m, buf, sizeof(buf), 'x'));
	t.c_lflag = 0;
	CHECK_EQ(tcgetattr(s, &t), 0);
	t.c_iflag |= IXON | IXOFF;
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	CHECK_EQ(write(m, "\x13" "a\x11\n", 4), 4);
	show("IXON: ^S and ^Q are taken, the line", buf, read(s, buf, sizeof(buf)));

	printf("bad input:\n");
	CHECK_ERRNO(ioctl(s, TCGETS, NULL), EFAULT);
	CHECK_ERRNO(ioctl(s, TCSETS, NULL), EFAULT);
	CHECK_ERRNO(ioctl(s, TIOCGWINSZ, NULL), EFAULT);
	CHECK_ERRNO(ioctl(m, TIOCSWINSZ, NULL), EFAULT);
	CHECK_ERRNO(ioctl(m, TIOCGPTN, NULL), EFAULT);
	CHECK_ERRNO(ioctl(m, TIOCSPTLCK, NULL), EFAULT);
	CHECK_ERRNO(ioctl(s, FIONREAD, NULL), EFAULT);
	CHECK_ERRNO(ioctl(s, TIOCOUTQ, NULL), EFAULT);
	printf("  bad pointers: EFAULT\n");
	CHECK_EQ(pipe(p), 0);
	int null = open("/dev/null", O_RDWR);
	CHECK(null >= 0);
	CHECK_ERRNO(isatty(p[0]) - 1, ENOTTY);
	CHECK(!isatty(null));
	CHECK_ERRNO(tcgetattr(p[0], &t), ENOTTY);
	CHECK_ERRNO(tcsetattr(null, TCSANOW, &t), ENOTTY);
	CHECK_ERRNO(ioctl(null, TIOCGWINSZ, &ws), ENOTTY);
	CHECK_ERRNO(ioctl(p[1], TIOCSCTTY, 0), ENOTTY);
	CHECK_ERRNO(tcgetpgrp(null), ENOTTY);
	CHECK_ERRNO(ioctl(null, TIOCGPTN, &n), ENOTTY);
	CHECK_ERRNO(tcflush(p[0], TCIFLUSH), ENOTTY);
	CHECK_ERRNO(ttyname(null) ? 0 : -1, ENOTTY);
	printf("  not a terminal: ENOTTY\n");
	CHECK_ERRNO(tcflush(s, 7), EINVAL);
	CHECK_ERRNO(tcflow(s, 9), EINVAL);
	printf("  bad TCFLSH, TCXONC arguments: EINVAL\n");
	CHECK_ERRNO(tcgetpgrp(s), ENOTTY);
	CHECK_ERRNO(tcsetpgrp(s, getpgrp()), ENOTTY);
	CHECK_ERRNO(tcgetsid(s), ENOTTY);
	CHECK_ERRNO(ioctl(s, TIOCNOTTY), ENOTTY);
	printf("  not our controlling terminal: ENOTTY\n");

	close(s);
	close(m);
	CHECK_ERRNO(open(want, O_RDWR | O_NOCTTY), ENOENT);
	printf("the master closed, /dev/pts/N is gone\n");
	return check_done();
}
