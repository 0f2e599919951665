/* tests/unit/test_cred.c -- uid/gid rules (processes start as root). */
#include "fakehost.h"
#include "test.h"
#include <string.h>
#include <wunix/errno.h>

#define NOID I32(-1)

static void resuid(uint32_t r, uint32_t e, uint32_t s)
{
	CHECK_EQ(SC3(NR_getresuid, 8292, 8296, 8300), 0);
	CHECK_EQ(*(uint32_t *)fh_u(8292), r);
	CHECK_EQ(*(uint32_t *)fh_u(8296), e);
	CHECK_EQ(*(uint32_t *)fh_u(8300), s);
}

TEST(cred_root_setuid_drops_everything)
{
	fh_proc_begin();
	CHECK_EQ(SC0(NR_getuid), 0);
	CHECK_EQ(SC0(NR_geteuid), 0);
	CHECK_EQ(SC0(NR_getgid), 0);
	CHECK_EQ(SC0(NR_getegid), 0);
	CHECK_EQ(SC1(NR_setuid, NOID), -EINVAL);
	CHECK_EQ(SC1(NR_setgid, 8292), 0);
	CHECK_EQ(SC0(NR_getgid), 8292);
	CHECK_EQ(SC1(NR_setuid, 1000), 0);
	resuid(1000, 1000, 1000);
	CHECK_EQ(SC1(NR_setuid, 0), -EPERM);
	CHECK_EQ(SC1(NR_setgid, 0), -EPERM); /* no privilege once euid is not 0 */
	CHECK_EQ(SC1(NR_setgid, 8292), 0);     /* but the real gid is allowed */
	CHECK_EQ(SC3(NR_setresuid, 0, NOID, NOID), -EPERM);
	CHECK_EQ(SC3(NR_getresuid, 0xfffffff0u, 8296, 8300), -EFAULT);
	fh_proc_end();
}

TEST(cred_saved_uid_allows_switching_back)
{
	fh_proc_begin();
	CHECK_EQ(SC3(NR_setresuid, 1000, 0, 0), 0);
	CHECK_EQ(SC2(NR_setreuid, NOID, 1000), 0); /* euid becomes the real uid: saved 0 stays */
	resuid(1000, 1000, 0);
	CHECK_EQ(SC0(NR_geteuid), 1000);
	CHECK_EQ(SC2(NR_setreuid, NOID, 0), 0);    /* back to root through the saved uid */
	resuid(1000, 0, 0);
	CHECK_EQ(SC1(NR_setgid, 50), 0);           /* privileged again */
	fh_proc_end();
}

TEST(cred_setreuid_rules)
{
	fh_proc_begin();
	CHECK_EQ(SC2(NR_setreuid, 1000, 2000), 0); /* ruid set: saved = new euid */
	resuid(1000, 2000, 2000);
	CHECK_EQ(SC2(NR_setreuid, NOID, 1000), 0); /* euid to the real uid: saved unchanged */
	resuid(1000, 1000, 2000);
	CHECK_EQ(SC2(NR_setreuid, NOID, 2000), 0); /* to the saved one */
	resuid(1000, 2000, 2000);
	CHECK_EQ(SC2(NR_setreuid, NOID, 3000), -EPERM);
	CHECK_EQ(SC2(NR_setreuid, 3000, NOID), -EPERM);
	CHECK_EQ(SC2(NR_setreuid, 2000, 1000), 0); /* swap real and effective */
	resuid(2000, 1000, 1000);
	CHECK_EQ(SC1(NR_setuid, 2000), 0);         /* unprivileged: only the euid moves */
	resuid(2000, 2000, 1000);
	fh_proc_end();
}

TEST(cred_setresuid_and_fsuid)
{
	fh_proc_begin();
	CHECK_EQ(SC3(NR_setresuid, 10, 20, 30), 0);
	resuid(10, 20, 30);
	CHECK_EQ(SC1(NR_setfsuid, NOID), 20);       /* fsuid follows euid; -1 just reads */
	CHECK_EQ(SC3(NR_setresuid, 30, 10, NOID), 0); /* permutations of the three are allowed */
	resuid(30, 10, 30);
	CHECK_EQ(SC3(NR_setresuid, NOID, 40, NOID), -EPERM);
	CHECK_EQ(SC1(NR_setfsuid, 5555), 10);        /* refused silently */
	CHECK_EQ(SC1(NR_setfsuid, 30), 10);          /* allowed: the real uid */
	CHECK_EQ(SC1(NR_setfsuid, NOID), 30);
	CHECK_EQ(SC3(NR_setresgid, 1, 2, 3), -EPERM); /* no CAP_SETGID without euid 0 */
	CHECK_EQ(SC3(NR_getresgid, 8292, 8296, 8300), 0);
	CHECK_EQ(*(uint32_t *)fh_u(8292), 0);
	fh_proc_end();
}

TEST(cred_groups)
{
	uint32_t g[3] = { 5, 6, 7 };

	fh_proc_begin();
	CHECK_EQ(SC2(NR_getgroups, 0, 0), 0);
	memcpy(fh_u(8392), g, sizeof(g));
	CHECK_EQ(SC2(NR_setgroups, 3, 8392), 0);
	CHECK_EQ(SC2(NR_getgroups, 0, 0), 3);
	CHECK_EQ(SC2(NR_getgroups, 2, 8492), -EINVAL);
	CHECK_EQ(SC2(NR_getgroups, I32(-1), 8492), -EINVAL);
	CHECK_EQ(SC2(NR_getgroups, 10, 8492), 3);
	CHECK(!memcmp(fh_u(8492), g, sizeof(g)));
	CHECK_EQ(SC2(NR_setgroups, I32(-1), 8392), -EINVAL);
	CHECK_EQ(SC2(NR_setgroups, 70000, 8392), -EINVAL);
	CHECK_EQ(SC2(NR_setgroups, 2, 0xfffffffcu), -EFAULT);
	CHECK_EQ(SC2(NR_getgroups, 3, 0xfffffffcu), -EFAULT);
	CHECK_EQ(SC1(NR_setuid, 1000), 0);
	CHECK_EQ(SC2(NR_setgroups, 0, 0), -EPERM);
	fh_proc_end();
}
