/* compare: native */
/* /proc/mounts lists / and /proc; meminfo, uptime and cpuinfo have Linux's formats. */
#include "check.h"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[65536];

static long slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	long n, total = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = 0;
	return total;
}

static unsigned long long kb(const char *key)
{
	char pat[64];
	snprintf(pat, sizeof(pat), "%s:", key);
	char *s = strstr(buf, pat);
	if (!s || (s != buf && s[-1] != '\n'))
		return 0;
	char *end;
	unsigned long long v = strtoull(s + strlen(pat), &end, 10);
	return strncmp(end, " kB\n", 4) == 0 ? v : 0;
}

int main(void)
{
	CHECK(slurp("/proc/mounts") > 0);
	int lines = 0, root = 0, proc = 0;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char dev[256], dir[256], type[64], opts[512];
		int a, b;
		CHECK_EQ(sscanf(line, "%255s %255s %63s %511s %d %d", dev, dir, type, opts, &a, &b), 6);
		root += strcmp(dir, "/") == 0;
		proc += strcmp(dir, "/proc") == 0 && strcmp(type, "proc") == 0;
		lines++;
	}
	CHECK(lines >= 2 && root >= 1 && proc >= 1);

	CHECK(slurp("/proc/meminfo") > 0);
	CHECK(strncmp(buf, "MemTotal:", 9) == 0);
	CHECK(kb("MemTotal") > 0);
	CHECK(kb("MemFree") > 0 && kb("MemFree") <= kb("MemTotal"));
	CHECK(kb("MemAvailable") > 0);

	CHECK(slurp("/proc/uptime") > 0);
	double up = -1, idle = -1;
	CHECK_EQ(sscanf(buf, "%lf %lf", &up, &idle), 2);
	CHECK(up > 0 && idle >= 0);

	CHECK(slurp("/proc/cpuinfo") > 0);
	CHECK(strncmp(buf, "processor\t: 0\n", 14) == 0);
	printf("mounts, meminfo, uptime, cpuinfo ok\n");
	return check_done();
}
