/* compare: native */
/* sysinfo() answers (uptime, memory with its unit, a process count including this one) and agrees with
 * /proc/meminfo and /proc/uptime within a margin; /proc/loadavg has Linux's five fields. Only invariant
 * facts are printed: the figures differ from machine to machine. */
#include <stdlib.h>
#include <sys/sysinfo.h>
#include "check.h"

static double read_first(const char *path)
{
	double v = -1;
	FILE *f = fopen(path, "r");

	CHECK(f != NULL);
	if (f) {
		CHECK(fscanf(f, "%lf", &v) == 1);
		fclose(f);
	}
	return v;
}

int main(void)
{
	struct sysinfo si;

	memset(&si, 0xff, sizeof(si));
	CHECK_EQ(sysinfo(&si), 0);
	CHECK(si.mem_unit >= 1);
	CHECK(si.totalram > 0 && si.freeram <= si.totalram);
	CHECK(si.procs >= 1);
	double up = read_first("/proc/uptime");
	CHECK(up >= 0 && (double)si.uptime <= up + 2 && up <= (double)si.uptime + 2);
	printf("sysinfo: uptime, memory and processes\n");

	FILE *f = fopen("/proc/meminfo", "r");
	unsigned long kb = 0;
	CHECK(f != NULL && fscanf(f, "MemTotal: %lu kB", &kb) == 1);
	if (f)
		fclose(f);
	CHECK((unsigned long long)si.totalram * si.mem_unit / 1024 == kb);
	printf("sysinfo's totalram is /proc/meminfo's MemTotal\n");

	double l1, l5, l15;
	int running, total, last;
	f = fopen("/proc/loadavg", "r");
	CHECK(f != NULL);
	if (f) {
		CHECK(fscanf(f, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &total, &last) == 6);
		CHECK(l1 >= 0 && l5 >= 0 && l15 >= 0 && running >= 1 && total >= running && last >= 1);
		fclose(f);
	}
	printf("/proc/loadavg: three loads, running/total, last pid\n");
	CHECK(sysinfo(NULL) == -1 && errno == EFAULT);
	return check_done();
}
