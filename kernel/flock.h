/* kernel/flock.h -- advisory locks on files: fcntl record locks (owned by a
 * process, or by an open file description for the OFD commands) and flock(2)
 * locks (owned by an open file description, independent of record locks). */
#ifndef WUNIX_FLOCK_H
#define WUNIX_FLOCK_H

#include "types.h"
#include <wunix/fcntl.h>

struct file;
struct proc;
struct vnode;

/* Whether cmd is one of fcntl's lock commands (the 64-bit numbers musl sends included). */
static inline bool fcntl_is_lock(int cmd)
{
	switch (cmd) {
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_GETLK64: case F_SETLK64: case F_SETLKW64:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		return true;
	}
	return false;
}

/* fcntl lock command cmd on f with the struct flock at user address arg: 0 or
 * -errno. BKL held; the SETLKW commands may sleep. */
long kern_fcntl_lock(struct file *f, int cmd, uaddr_t arg);
/* flock(2) operation op (LOCK_SH, LOCK_EX, LOCK_UN, | LOCK_NB) on f: 0 or
 * -errno. BKL held; may sleep without LOCK_NB. */
long kern_flock(struct file *f, int op);
/* p closed a descriptor of vn: p's record locks on vn go (POSIX: any close). BKL held. */
void lock_close(struct proc *p, struct vnode *vn);
/* f's last reference is going: its OFD and flock locks go. BKL held. */
void lock_file_gone(struct file *f);

#endif
