/* wunix/wait.h -- wait4 and waitid: Linux's wait status encoding (also what
 * host.proc_exit reports), options, id types and SIGCHLD codes. */
#ifndef WUNIX_WAIT_H
#define WUNIX_WAIT_H

#define WUNIX_W_EXITCODE(code) (((code) & 0xff) << 8)
#define WUNIX_W_SIGNALED(sig) ((sig) & 0x7f)
#define WUNIX_WCOREFLAG 0x80
#define WUNIX_W_STOPCODE(sig) (((sig) << 8) | 0x7f)
#define WUNIX_W_CONTINUED 0xffff

/* options */
#define WUNIX_WNOHANG 0x00000001
#define WUNIX_WUNTRACED 0x00000002 /* = WSTOPPED */
#define WUNIX_WSTOPPED 0x00000002
#define WUNIX_WEXITED 0x00000004
#define WUNIX_WCONTINUED 0x00000008
#define WUNIX_WNOWAIT 0x01000000
#define WUNIX_WNOTHREAD 0x20000000 /* __WNOTHREAD */
#define WUNIX_WALL 0x40000000      /* __WALL */
#define WUNIX_WCLONE 0x80000000u   /* __WCLONE */

/* waitid's idtype */
#define WUNIX_P_ALL 0
#define WUNIX_P_PID 1
#define WUNIX_P_PGID 2
#define WUNIX_P_PIDFD 3

/* si_code of SIGCHLD */
#define WUNIX_CLD_EXITED 1
#define WUNIX_CLD_KILLED 2
#define WUNIX_CLD_DUMPED 3
#define WUNIX_CLD_TRAPPED 4
#define WUNIX_CLD_STOPPED 5
#define WUNIX_CLD_CONTINUED 6

#endif
