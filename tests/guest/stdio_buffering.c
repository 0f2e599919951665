/* compare: native */
/* stdin: first line\nsecond line\nxyz */
/* stdio buffers as its mode says: unbuffered, line-buffered and fully buffered
 * streams on fd 1 interleave with direct write(2)s in a fixed order; stdin is
 * read back through fgets, getc and ungetc. */
#include <stdlib.h>
#include <unistd.h>
#include "check.h"

static void raw(const char *s)
{
	CHECK_EQ(write(1, s, strlen(s)), (long)strlen(s));
}

int main(void)
{
	static char linebuf[256];
	CHECK_EQ(setvbuf(stdout, linebuf, _IOLBF, sizeof linebuf), 0);

	/* Line buffered: text waits for its newline. */
	CHECK_EQ(printf("L1 "), 3);
	raw("[raw1] ");
	CHECK_EQ(printf("L2\n"), 3);
	raw("[raw2]\n");

	/* Unbuffered: every call reaches the fd at once. */
	FILE *un = fdopen(1, "w");
	CHECK(un != NULL);
	CHECK_EQ(setvbuf(un, NULL, _IONBF, 0), 0);
	CHECK_EQ(fprintf(un, "U1 "), 3);
	raw("[raw3] ");
	CHECK(fputs("U2\n", un) >= 0);
	raw("[raw4]\n");

	/* Fully buffered: nothing reaches the fd before fflush, newlines included. */
	static char fullbuf[128];
	FILE *full = fdopen(1, "w");
	CHECK(full != NULL);
	CHECK_EQ(setvbuf(full, fullbuf, _IOFBF, sizeof fullbuf), 0);
	CHECK_EQ(fprintf(full, "F1\nF2\n"), 6);
	raw("[raw5]\n");
	CHECK_EQ(fflush(full), 0);
	raw("[raw6]\n");

	/* More than the buffer holds: everything arrives, in order. */
	for (int i = 0; i < 1000; i++)
		CHECK(fprintf(full, "%04d%c", i, i % 16 == 15 ? '\n' : ' ') == 5);
	CHECK_EQ(fflush(full), 0);
	CHECK(!ferror(full) && !ferror(stdout) && !ferror(un));

	/* A big line-buffered write without newline still comes out whole. */
	char big[1000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK_EQ(printf("%s", big), 999);
	CHECK_EQ(printf("\n"), 1);

	/* Input. */
	char line[64];
	CHECK(fgets(line, sizeof line, stdin) == line);
	CHECK_STR(line, "first line\n");
	int c = getc(stdin);
	CHECK_EQ(c, 's');
	CHECK_EQ(ungetc('S', stdin), 'S');
	CHECK(fgets(line, sizeof line, stdin) == line);
	CHECK_STR(line, "Second line\n");
	CHECK(fgets(line, 3, stdin) == line);
	CHECK_STR(line, "xy");
	CHECK_EQ(getchar(), 'z');
	CHECK_EQ(getchar(), EOF);
	CHECK(feof(stdin) && !ferror(stdin));
	CHECK(fgets(line, sizeof line, stdin) == NULL);
	printf("input ok\n");
	return check_done();
}
