/* measure: pty */
/* target: echo_kernel_median <= 1000 us */
/* target: echo_kernel_p99 <= 1000 us */
/* Keystroke echo on the console terminal, timed by bench/pty_echo.py, which runs
 * this program on a host pseudo-terminal, types one key at a time and waits for
 * it to come back: first echoed by the line discipline (canonical mode, as a
 * shell's `read` or cat sees keys), then by this program in raw mode (as a
 * shell's line editor or a full-screen program echoes). Natively Linux's pty is
 * the terminal; under wunix the console terminal, with the host terminal as its
 * master (Node in raw mode). */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

int main(void)
{
	char line[4096];
	struct termios t;
	ssize_t n;

	printf("ready\n");
	fflush(stdout);
	/* canonical: the driver sends lines of keys, then "raw" */
	while ((n = read(0, line, sizeof(line) - 1)) > 0) {
		line[n] = 0;
		if (!strcmp(line, "raw\n"))
			break;
	}
	if (n <= 0 || tcgetattr(0, &t))
		return 1;
	struct termios saved = t;
	cfmakeraw(&t);
	if (tcsetattr(0, TCSANOW, &t))
		return 1;
	write(1, "raw-ready\r\n", 11);
	for (char c; read(0, &c, 1) == 1 && c != 'q';)
		write(1, &c, 1);
	tcsetattr(0, TCSANOW, &saved);
	return 0;
}
