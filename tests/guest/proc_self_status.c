/* compare: native */
/* /proc/self names the caller; its status, stat and comm give its pid, parent and name; /proc lists it. */
#include "check.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[8192];

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

/* The value after "key:\t" in buf, as a number, or -1. */
static long field(const char *key)
{
	char pat[64];
	snprintf(pat, sizeof(pat), "\n%s:\t", key);
	char *s = strstr(buf, pat);
	return s ? strtol(s + strlen(pat), NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	char want[64], link[64], name[16];
	const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];

	snprintf(name, sizeof(name), "%.15s", base);
	ssize_t n = readlink("/proc/self", link, sizeof(link) - 1);
	CHECK(n > 0);
	link[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "%d", (int)getpid());
	CHECK_STR(link, want);

	CHECK(slurp("/proc/self/status") > 0);
	CHECK(strncmp(buf, "Name:\t", 6) == 0);
	CHECK(strncmp(buf + 6, name, strlen(name)) == 0 && buf[6 + strlen(name)] == '\n');
	CHECK_EQ(field("Pid"), getpid());
	CHECK_EQ(field("PPid"), getppid());
	CHECK_EQ(field("Tgid"), getpid());
	CHECK(strstr(buf, "\nState:\tR (running)\n") != NULL);
	char uids[64];
	snprintf(uids, sizeof(uids), "\nUid:\t%u\t%u\t", getuid(), geteuid());
	CHECK(strstr(buf, uids) != NULL);

	CHECK(slurp("/proc/self/stat") > 0);
	char comm[32];
	snprintf(comm, sizeof(comm), "%d (%s) R %d ", (int)getpid(), name, (int)getppid());
	CHECK(strncmp(buf, comm, strlen(comm)) == 0);
	int fields = 2; /* pid and (comm), then one per space */
	for (char *s = strrchr(buf, ')'); s && *s; s++)
		fields += *s == ' ';
	CHECK(fields >= 52);

	CHECK_EQ(slurp("/proc/self/comm"), (long)strlen(name) + 1);
	CHECK(strncmp(buf, name, strlen(name)) == 0 && buf[strlen(name)] == '\n');

	/* the same files through the pid */
	snprintf(want, sizeof(want), "/proc/%d/stat", (int)getpid());
	CHECK(slurp(want) > 0);
	CHECK(strncmp(buf, comm, strlen(comm)) == 0);

	int found = 0;
	DIR *d = opendir("/proc");
	struct dirent *e;
	snprintf(want, sizeof(want), "%d", (int)getpid());
	while (d && (e = readdir(d)))
		found += strcmp(e->d_name, want) == 0 || strcmp(e->d_name, "self") == 0;
	if (d)
		closedir(d);
	CHECK_EQ(found, 2);

	CHECK_ERRNO(open("/proc/0/status", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("/proc/self/no-such-file", O_RDONLY), ENOENT);
	printf("proc self ok\n");
	return check_done();
}
