/* kernel/ksignal.h -- signal dispositions and masks (delivery comes later). */
#ifndef WUNIX_KSIGNAL_H
#define WUNIX_KSIGNAL_H

#include "types.h"
#include <wunix/signal.h>

/* sigset bit of signal s (1..64) */
#define SIGBIT(s) ((uint64_t)1 << ((s) - 1))
/* signals that cannot be caught, ignored or blocked */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* A process's dispositions. BKL held. */
struct sigacts {
	struct wunix_sigaction act[WUNIX_NSIG]; /* act[s - 1] */
};

/* Every signal at its default disposition. */
void sig_init(struct sigacts *sa);

#endif
