/* compare: native */
/* The uid/gid family keeps state: real, effective and saved ids read back as
 * set; root can give up privilege and then cannot take it back (EPERM).
 * Natively as a non-root user only the EPERM half applies. */
#define _GNU_SOURCE
#include <grp.h>
#include <unistd.h>
#include "check.h"

static void check_res(uid_t r, uid_t e, uid_t s, gid_t rg, gid_t eg, gid_t sg)
{
	uid_t a, b, c;
	gid_t x, y, z;
	CHECK_EQ(getresuid(&a, &b, &c), 0);
	CHECK(a == r && b == e && c == s);
	CHECK(getuid() == r && geteuid() == e);
	CHECK_EQ(getresgid(&x, &y, &z), 0);
	CHECK(x == rg && y == eg && z == sg);
	CHECK(getgid() == rg && getegid() == eg);
	if (!(a == r && b == e && c == s && x == rg && y == eg && z == sg))
		fprintf(stderr, "ids: uid %u %u %u gid %u %u %u, want %u %u %u %u %u %u\n",
			a, b, c, x, y, z, r, e, s, rg, eg, sg);
}

static void unprivileged(void)
{
	gid_t g = 0;
	CHECK_ERRNO(setuid(0), EPERM);
	CHECK_ERRNO(seteuid(0), EPERM);
	CHECK_ERRNO(setresuid(-1, 0, -1), EPERM);
	CHECK_ERRNO(setgroups(1, &g), EPERM);
	printf("unprivileged: EPERM\n");
}

int main(void)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;
	CHECK_EQ(getresuid(&r, &e, &s), 0);
	CHECK_EQ(getresgid(&rg, &eg, &sg), 0);
	check_res(r, e, s, rg, eg, sg);
	CHECK(r == e && e == s);
	CHECK(rg == eg && eg == sg);

	int n = getgroups(0, NULL);
	CHECK(n >= 0);
	gid_t list[64];
	if (n >= 0 && n <= 64)
		CHECK_EQ(getgroups(n, list), n);
	if (n > 0)
		CHECK_ERRNO(getgroups(n - 1 == 0 ? -1 : n - 1, list), EINVAL);

	if (e != 0) {
		unprivileged();
		return check_done();
	}

	gid_t groups[2] = { 10, 20 };
	CHECK_EQ(setgroups(2, groups), 0);
	CHECK_EQ(getgroups(64, list), 2);
	CHECK(list[0] == 10 && list[1] == 20);
	CHECK_EQ(setgroups(0, NULL), 0);
	CHECK_EQ(getgroups(0, NULL), 0);

	CHECK_EQ(setresgid(100, 200, 300), 0);
	check_res(0, 0, 0, 100, 200, 300);
	CHECK_EQ(setregid(-1, 250), 0);
	/* Setting the effective gid to other than the real one updates the saved one. */
	check_res(0, 0, 0, 100, 250, 250);

	CHECK_EQ(setresuid(1000, 1001, 0), 0);
	check_res(1000, 1001, 0, 100, 250, 250);
	/* The saved uid is 0, so the effective one may go back to 0. */
	CHECK_EQ(seteuid(0), 0);
	check_res(1000, 0, 0, 100, 250, 250);
	/* setuid as root sets all three. */
	CHECK_EQ(setuid(500), 0);
	check_res(500, 500, 500, 100, 250, 250);

	unprivileged();
	CHECK_ERRNO(setgid(0), EPERM);
	CHECK_EQ(setgid(100), 0);
	check_res(500, 500, 500, 100, 100, 250);
	CHECK_EQ(setuid(500), 0);
	CHECK_EQ(setresuid(-1, -1, -1), 0);
	check_res(500, 500, 500, 100, 100, 250);
	return check_done();
}
