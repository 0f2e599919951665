/* wunix/wait.h -- Linux wait status encoding (what host.proc_exit and wait4 report). */
#ifndef WUNIX_WAIT_H
#define WUNIX_WAIT_H

#define WUNIX_W_EXITCODE(code) (((code) & 0xff) << 8)
#define WUNIX_W_SIGNALED(sig) ((sig) & 0x7f)
#define WUNIX_WCOREFLAG 0x80

#endif
