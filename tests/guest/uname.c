/* uname fills every field with a NUL-terminated, non-empty string, the same
 * each time; gethostname agrees with nodename; the release starts with a
 * version number, as configure scripts expect; on wunix the machine is wasm32. */
#include <ctype.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "check.h"

static int terminated(const char *field)
{
	return memchr(field, '\0', sizeof ((struct utsname *)0)->sysname) != NULL;
}

int main(void)
{
	struct utsname u, again;
	memset(&u, 0x7f, sizeof u);
	CHECK_EQ(uname(&u), 0);
	CHECK(terminated(u.sysname) && u.sysname[0]);
	CHECK(terminated(u.nodename) && u.nodename[0]);
	CHECK(terminated(u.release) && isdigit((unsigned char)u.release[0]));
	CHECK(terminated(u.version) && u.version[0]);
	CHECK(terminated(u.machine) && u.machine[0]);
#ifdef __wunix__
	CHECK_STR(u.machine, "wasm32");
#endif
	CHECK_EQ(uname(&again), 0);
	CHECK_STR(again.sysname, u.sysname);
	CHECK_STR(again.release, u.release);
	CHECK_STR(again.machine, u.machine);

	char host[256];
	CHECK_EQ(gethostname(host, sizeof host), 0);
	CHECK_STR(host, u.nodename);
	printf("%s %s %s\n", u.sysname, u.release, u.machine);
	return check_done();
}
