/* kernel/cred.c -- user and group ids with Linux's rules. Without capabilities
 * in the kernel, "privileged" means an effective uid of 0, which is when Linux
 * holds CAP_SETUID and CAP_SETGID for a process that was never given file
 * capabilities. (uid_t)-1 means "leave unchanged" where Linux says so. */
#include "cred.h"
#include "klib.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>

#define NOID 0xffffffffu
#define NGROUPS_MAX 65536 /* Linux's limit; larger requests are EINVAL, as there */

void cred_init_root(struct cred *c)
{
	memset(c, 0, sizeof(*c));
}

static struct cred *curcred(void)
{
	return &curproc()->cred;
}

static bool privileged(const struct cred *c)
{
	return c->euid == 0;
}

static bool one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c)
{
	return id == a || id == b || id == c;
}

long sys_getuid(const sarg_t *a)
{
	(void)a;
	return curcred()->ruid;
}

long sys_geteuid(const sarg_t *a)
{
	(void)a;
	return curcred()->euid;
}

long sys_getgid(const sarg_t *a)
{
	(void)a;
	return curcred()->rgid;
}

long sys_getegid(const sarg_t *a)
{
	(void)a;
	return curcred()->egid;
}

/* setuid and setgid: the privileged set all ids, others only the effective
 * (and fs) id, to the real or saved one. */
static long set_id(uint32_t id, uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs)
{
	struct cred *c = curcred();

	if (id == NOID)
		return -EINVAL;
	if (privileged(c)) {
		*r = *e = *s = *fs = id;
	} else if (id == *r || id == *s) {
		*e = *fs = id;
	} else {
		return -EPERM;
	}
	return 0;
}

long sys_setuid(const sarg_t *a)
{
	struct cred *c = curcred();
	return set_id((uint32_t)a[0], &c->ruid, &c->euid, &c->suid, &c->fsuid);
}

long sys_setgid(const sarg_t *a)
{
	struct cred *c = curcred();
	return set_id((uint32_t)a[0], &c->rgid, &c->egid, &c->sgid, &c->fsgid);
}

/* setreuid/setregid: an unprivileged real id may become the effective one, an
 * effective id the real or saved one; the saved id follows the effective id
 * when the real id is set or the effective id becomes other than the old real. */
static long set_re(uint32_t nr, uint32_t ne, uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs)
{
	bool priv = privileged(curcred());

	if (nr != NOID && !priv && nr != *r && nr != *e)
		return -EPERM;
	if (ne != NOID && !priv && !one_of(ne, *r, *e, *s))
		return -EPERM;
	uint32_t oldr = *r;
	if (nr != NOID)
		*r = nr;
	if (ne != NOID)
		*e = ne;
	if (nr != NOID || (ne != NOID && ne != oldr))
		*s = *e;
	*fs = *e;
	return 0;
}

long sys_setreuid(const sarg_t *a)
{
	struct cred *c = curcred();
	return set_re((uint32_t)a[0], (uint32_t)a[1], &c->ruid, &c->euid, &c->suid, &c->fsuid);
}

long sys_setregid(const sarg_t *a)
{
	struct cred *c = curcred();
	return set_re((uint32_t)a[0], (uint32_t)a[1], &c->rgid, &c->egid, &c->sgid, &c->fsgid);
}

/* setresuid/setresgid: unprivileged, each new id must be one of the current three. */
static long set_res(const sarg_t *a, uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs)
{
	uint32_t n[3] = { (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2] };

	if (!privileged(curcred()))
		for (int i = 0; i < 3; i++)
			if (n[i] != NOID && !one_of(n[i], *r, *e, *s))
				return -EPERM;
	if (n[0] != NOID)
		*r = n[0];
	if (n[1] != NOID)
		*e = n[1];
	if (n[2] != NOID)
		*s = n[2];
	*fs = *e;
	return 0;
}

long sys_setresuid(const sarg_t *a)
{
	struct cred *c = curcred();
	return set_res(a, &c->ruid, &c->euid, &c->suid, &c->fsuid);
}

long sys_setresgid(const sarg_t *a)
{
	struct cred *c = curcred();
	return set_res(a, &c->rgid, &c->egid, &c->sgid, &c->fsgid);
}

static long get_res(const sarg_t *a, uint32_t r, uint32_t e, uint32_t s)
{
	if (copyout((uaddr_t)a[0], &r, 4) || copyout((uaddr_t)a[1], &e, 4) ||
	    copyout((uaddr_t)a[2], &s, 4))
		return -EFAULT;
	return 0;
}

long sys_getresuid(const sarg_t *a)
{
	struct cred *c = curcred();
	return get_res(a, c->ruid, c->euid, c->suid);
}

long sys_getresgid(const sarg_t *a)
{
	struct cred *c = curcred();
	return get_res(a, c->rgid, c->egid, c->sgid);
}

/* setfsuid/setfsgid never fail: they return the old id and change it only when allowed. */
static long set_fs(uint32_t id, uint32_t r, uint32_t e, uint32_t s, uint32_t *fs)
{
	uint32_t old = *fs;

	if (id != NOID && (privileged(curcred()) || one_of(id, r, e, s) || id == *fs))
		*fs = id;
	return old;
}

long sys_setfsuid(const sarg_t *a)
{
	struct cred *c = curcred();
	return set_fs((uint32_t)a[0], c->ruid, c->euid, c->suid, &c->fsuid);
}

long sys_setfsgid(const sarg_t *a)
{
	struct cred *c = curcred();
	return set_fs((uint32_t)a[0], c->rgid, c->egid, c->sgid, &c->fsgid);
}

long sys_getgroups(const sarg_t *a)
{
	struct cred *c = curcred();
	int size = (int)a[0];

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if (size < c->ngroups)
		return -EINVAL;
	if (copyout((uaddr_t)a[1], c->groups, sizeof(uint32_t) * (size_t)c->ngroups))
		return -EFAULT;
	return c->ngroups;
}

long sys_setgroups(const sarg_t *a)
{
	struct cred *c = curcred();
	int size = (int)a[0];
	uint32_t g[NGROUPS];

	if (!privileged(c))
		return -EPERM;
	if (size < 0 || size > NGROUPS_MAX || size > NGROUPS)
		return -EINVAL;
	if (copyin(g, (uaddr_t)a[1], sizeof(uint32_t) * (size_t)size))
		return -EFAULT;
	memcpy(c->groups, g, sizeof(uint32_t) * (size_t)size);
	c->ngroups = size;
	return 0;
}
