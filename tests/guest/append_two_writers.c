/* compare: native */
/* Two processes, each with its own O_APPEND open of one file, write records
 * at the same time (released together through a pipe). Every record lands
 * whole at the end: the file holds all of them, none torn or overwritten,
 * and each writer's records in the order it wrote them. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/wait.h>

#define RECORDS 3000
#define LEN 100

static void writer(char who, int go)
{
	char rec[LEN], c;
	int fd = open("log", O_WRONLY | O_APPEND);
	if (fd < 0 || read(go, &c, 1) != 1)
		_exit(1);
	for (int i = 0; i < RECORDS; i++) {
		/* who, sequence number, filler that depends on both, newline */
		int n = snprintf(rec, sizeof(rec), "%c %06d ", who, i);
		for (int j = n; j < LEN - 1; j++)
			rec[j] = (char)('a' + (i + j + who) % 26);
		rec[LEN - 1] = '\n';
		if (write(fd, rec, LEN) != LEN)
			_exit(2);
	}
	_exit(0);
}

/* The record's writer index (0 or 1) and sequence number, or -1 if torn. */
static int parse(const char *rec, int *seq)
{
	char who = rec[0];
	if ((who != 'A' && who != 'B') || rec[1] != ' ' || rec[8] != ' ' || rec[LEN - 1] != '\n')
		return -1;
	*seq = 0;
	for (int j = 2; j < 8; j++) {
		if (rec[j] < '0' || rec[j] > '9')
			return -1;
		*seq = *seq * 10 + rec[j] - '0';
	}
	for (int j = 9; j < LEN - 1; j++)
		if (rec[j] != (char)('a' + (*seq + j + who) % 26))
			return -1;
	return who - 'A';
}

int main(void)
{
	int go[2];
	pid_t pids[2];

	fs_enter("append_two_writers");
	int fd = open("log", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(pipe(go), 0);
	fflush(stdout);
	for (int w = 0; w < 2; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			close(go[1]);
			writer((char)('A' + w), go[0]);
		}
		CHECK(pids[w] > 0);
	}
	close(go[0]);
	CHECK_EQ(write(go[1], "gg", 2), 2);
	close(go[1]);
	for (int w = 0; w < 2; w++) {
		int status = -1;
		CHECK_EQ(waitpid(pids[w], &status, 0), pids[w]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}

	struct stat st;
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 2L * RECORDS * LEN);
	int next[2] = { 0, 0 }, torn = 0, order = 0;
	char rec[LEN];
	while (read(fd, rec, LEN) == LEN) {
		int seq, w = parse(rec, &seq);
		if (w < 0) {
			torn++;
			continue;
		}
		order += seq != next[w];
		next[w] = seq + 1;
	}
	CHECK_EQ(torn, 0);
	CHECK_EQ(order, 0);
	CHECK(next[0] == RECORDS && next[1] == RECORDS);
	printf("%d records from each writer, %d torn, %d out of order\n", RECORDS, torn, order);
	close(fd);
	fs_leave();
	return check_done();
}
