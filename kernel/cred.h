/* kernel/cred.h -- user and group identities of a process. */
#ifndef WUNIX_CRED_H
#define WUNIX_CRED_H

#include "param.h"
#include "types.h"

/* BKL held for every field. */
struct cred {
	uint32_t ruid, euid, suid, fsuid;
	uint32_t rgid, egid, sgid, fsgid;
	int ngroups;
	uint32_t groups[NGROUPS];
};

/* The identity of a new process started by the host: root, no groups. */
void cred_init_root(struct cred *c);

#endif
