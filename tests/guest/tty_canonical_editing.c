/* compare: native */
/* The canonical line discipline on a pty: erase, word erase, kill, literal
 * next, VEOF (mid-line and at line start), VEOL, one line per read, partial
 * reads; the echo forms (ECHOE's "\b \b", ECHOCTL's ^X, ECHOK and ECHOKE,
 * ECHONL); input maps ICRNL, IGNCR, INLCR, ISTRIP; output ONLCR, OCRNL, and
 * OPOST off; FIONREAD counting complete lines only. The master types, the
 * slave reads; what the master got back (echo) is printed and compared. */
#include "ttyutil.h"
#include <sys/ioctl.h>

int main(void)
{
	int s, m = pty_pair(&s, O_NOCTTY);
	struct termios t, t0;
	char buf[64];
	int n;

	CHECK(isatty(m) && isatty(s));
	CHECK_STR(ttyname(s), ptsname(m));
	CHECK_EQ(tcgetattr(s, &t0), 0);
	CHECK((t0.c_lflag & (ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | ISIG | IEXTEN)) ==
	      (ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | ISIG | IEXTEN));
	CHECK((t0.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR));
	CHECK(t0.c_iflag & ICRNL);

	printf("erase:\n");
	TYPE(m, s, "abc\x7f\x7f" "d\n");
	printf("word erase, kill, literal next:\n");
	TYPE(m, s, "foo bar\x17" "x\x15" "yz\x16\x7f" "q\n");
	printf("word erase stops at punctuation:\n");
	TYPE(m, s, "a.b  cd \x17\x17" "!\n");
	printf("control characters echo as ^X, CR becomes NL:\n");
	TYPE(m, s, "\x01" "x\r");
	printf("VEOF mid-line ends the read without a newline:\n");
	TYPE(m, s, "abc\x04");
	printf("VEOF at line start reads 0:\n");
	CHECK_EQ(write(m, "\x04", 1), 1);
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);

	printf("two lines, one read each; a short buffer:\n");
	CHECK_EQ(write(m, "one\ntwo\nhello\n", 14), 14);
	show("  read", buf, read(s, buf, sizeof(buf)));
	show("  read", buf, read(s, buf, sizeof(buf)));
	show("  read", buf, read(s, buf, 2));
	show("  read", buf, read(s, buf, sizeof(buf)));
	/* after the reads: Linux runs the discipline after write(m) returns */
	show_master("  echo", m, s);

	printf("FIONREAD counts complete lines:\n");
	CHECK_EQ(write(m, "ab\n", 3), 3);
	struct pollfd pf = { s, POLLIN, 0 };
	CHECK_EQ(poll(&pf, 1, -1), 1); /* the line is in */
	CHECK_EQ(write(m, "cd", 2), 2);
	CHECK_EQ(ioctl(s, FIONREAD, &n), 0);
	printf("  FIONREAD %d\n", n);
	show("  read", buf, read(s, buf, sizeof(buf)));
	TYPE(m, s, "\n");

	printf("VEOL:\n");
	t = t0;
	t.c_cc[VEOL] = ';';
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	CHECK_EQ(write(m, "ab;cd\n", 6), 6);
	show("  read", buf, read(s, buf, sizeof(buf)));
	show("  read", buf, read(s, buf, sizeof(buf)));
	show_master("  echo", m, s);

	printf("without ECHOE and ECHOKE:\n");
	t = t0;
	t.c_lflag &= ~(tcflag_t)(ECHOE | ECHOKE);
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	TYPE(m, s, "abc\x7f" "de\x15" "fg\n");
	printf("ECHONL without ECHO:\n");
	t = t0;
	t.c_lflag &= ~(tcflag_t)ECHO;
	t.c_lflag |= ECHONL;
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	TYPE(m, s, "secret\x7fT\n");
	printf("IGNCR, ISTRIP:\n");
	t = t0;
	t.c_iflag |= IGNCR | ISTRIP;
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	TYPE(m, s, "a\rb\xc1\n");
	printf("INLCR without ICRNL, VEOL2 = CR:\n");
	t = t0;
	t.c_iflag &= ~(tcflag_t)ICRNL;
	t.c_iflag |= INLCR;
	t.c_cc[VEOL2] = '\r';
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	TYPE(m, s, "xy\n");

	printf("output: ONLCR, OCRNL, OPOST off:\n");
	CHECK_EQ(tcsetattr(s, TCSANOW, &t0), 0);
	CHECK_EQ(write(s, "a\nb\r", 4), 4);
	show_master("  onlcr", m, s);
	t = t0;
	t.c_oflag |= OCRNL;
	t.c_oflag &= ~(tcflag_t)ONLCR;
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	CHECK_EQ(write(s, "a\nb\r", 4), 4);
	show_master("  ocrnl", m, s);
	t.c_oflag &= ~(tcflag_t)OPOST;
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	CHECK_EQ(write(s, "a\nb\r", 4), 4);
	show_master("  raw", m, s);

	close(s);
	close(m);
	return check_done();
}
