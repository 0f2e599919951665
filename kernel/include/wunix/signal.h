/* wunix/signal.h -- signal numbers, sigaction flags and the rt_sigaction structure. */
#ifndef WUNIX_SIGNAL_H
#define WUNIX_SIGNAL_H

#include <stdint.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define SIGRTMIN 32
#define WUNIX_NSIG 64 /* signals are 1..64 */

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SIG_DFL 0
#define SIG_IGN 1

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000

/* rt_sigaction's structure with wasm32 sizes (20 bytes): pointers and unsigned
 * long are 32-bit; the mask is 64 signals, bit (sig-1), as two 32-bit words. */
struct wunix_sigaction {
	uint32_t sa_handler;
	uint32_t sa_flags;
	uint32_t sa_restorer;
	uint32_t sa_mask[2];
};

/* The sigsetsize rt_sigaction and rt_sigprocmask accept. */
#define WUNIX_SIGSET_SIZE 8

/* si_code values (Linux's). */
#define SI_USER 0       /* kill */
#define SI_KERNEL 0x80  /* sent by the kernel */
#define SI_QUEUE (-1)   /* sigqueue */
#define SI_TIMER (-2)   /* a POSIX timer expired */
#define SI_TKILL (-6)   /* tkill, tgkill */

/* siginfo_t with wasm32 offsets (128 bytes). */
struct wunix_siginfo {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	union {
		uint8_t pad[116];
		struct {                /* kill, sigqueue, tkill (value: sigqueue) */
			int32_t pid;
			uint32_t uid;
			uint32_t value;     /* union sigval: an int or a pointer */
		} kill;
		struct {                /* SIGCHLD, and waitid */
			int32_t pid;
			uint32_t uid;
			int32_t status;
			int32_t utime, stime; /* clock_t: not written by waitid */
		} chld;
		struct {                /* POSIX timers (SI_TIMER) */
			int32_t tid;
			int32_t overrun;
			uint32_t value;
		} timer;
		struct {                /* SIGSEGV and other faults */
			uint32_t addr;
		} fault;
	} u;
};

/* sigaltstack's stack_t (12 bytes) and its flags. */
struct wunix_stack {
	uint32_t ss_sp;
	int32_t ss_flags;
	uint32_t ss_size;
};
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1u << 31)
#define WUNIX_MINSIGSTKSZ 2048

/* musl's wasm32 ucontext_t (libc/arch/wasm32/bits/signal.h): 212 bytes. The
 * machine context records the stack pointer the handler interrupted; a
 * handler that sets mc_intr makes the system call it interrupted fail with
 * EINTR rather than restart (SA_RESTART). */
struct wunix_ucontext {
	uint32_t uc_flags;
	uint32_t uc_link;
	struct wunix_stack uc_stack;
	uint32_t mc_pc, mc_sp, mc_intr, mc_reserved[13];
	uint32_t uc_sigmask[32];     /* sigset_t: 1024 bits, the first 64 used */
};

/* What the kernel writes on the user stack to run a handler (docs/abi.md,
 * "Signals"): the host sets the thread's stack pointer to the frame and calls
 * the program's export __wunix_sigenter(frame), which calls handler with
 * (sig) or, for SA_SIGINFO, (sig, &info, &uc). When it returns the kernel
 * restores the mask in uc. */
struct wunix_sigframe {
	uint32_t handler;           /* a function-table index */
	int32_t sig;
	uint32_t flags;             /* the action's sa_flags */
	uint32_t pad;
	struct wunix_siginfo info;  /* at 16 */
	struct wunix_ucontext uc;   /* at 144 */
};

#endif
