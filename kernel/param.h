/* kernel/param.h -- every fixed limit of the kernel. */
#ifndef WUNIX_PARAM_H
#define WUNIX_PARAM_H

#define NCPU 128                 /* CPUs (workers running a kernel instance), irq worker included */
#define NTHREAD 128              /* live threads, all processes together */
#define NPROC 128                /* process slots, init and zombies included */
#define NOFILE 256               /* open file descriptors per process */
#define NGROUPS 64               /* supplementary groups per process */
#define KSTACK_SIZE (64 * 1024)  /* kernel stack of each CPU */
#define CPU_TLS_SIZE 256         /* room for the kernel's _Thread_local block of each CPU */
#define PID_MAX 32768            /* pids and tids are in [1, PID_MAX) */
#define CONSOLE_RING 16384       /* console input bytes buffered in the kernel */
#define KIOBUF 4096              /* bounce buffer for console writes, on the kernel stack */
#define TTY_BUF 4096             /* input a terminal holds, lines being edited included (Linux's N_TTY_BUF_SIZE) */
#define PTY_BUF 8192             /* output of a pty's slave waiting for the master to read it */
#define NPTY 64                  /* pty pairs at once (/dev/pts/0 .. NPTY-1) */
#define UPAGE 4096               /* page size of process memory (mmap, brk, AT_PAGESZ) */
#define WPAGE 65536              /* wasm memory page: the unit of host_umem_grow */
#define UADDR_MIN 4096           /* lowest valid user address: NULL pointers fault, as on Linux */
#define UADDR_END 0x100000000ull /* process memories end at 4 GiB (wasm32) */
#define MMAP_END 0xffff0000ull   /* mappings end here: results stay out of [-4095, -1] */
#define ARG_STACK_KEEP 16384     /* stack left to the program below its arguments (else E2BIG) */
#define MAX_RW_COUNT 0x7ffff000  /* largest read/write transfer, as Linux's INT_MAX & PAGE_MASK */
#define TRACE_LINE 256           /* longest trace line */
#define PIPE_BUF 4096            /* pipe writes up to this size are atomic (POSIX) */
#define PIPE_DEFAULT_SIZE 65536  /* ring of a new pipe (F_GETPIPE_SZ) */
#define PIPE_MAX_SIZE (1u << 20) /* largest F_SETPIPE_SZ (Linux's pipe-max-size) */
#define MEMFS_LIMIT (256ull << 20) /* bytes the root memfs may hold (data, names, inodes): then ENOSPC */
#define DEVFS_LIMIT (1ull << 20) /* bytes of /dev's memfs */
#define MEMFS_CHUNK (4 * 4096 - 64) /* file data block: four kalloc pages less the allocator's header */

#define VPATH_FIND_BUDGET 20000  /* directory entries a search for an open file's name looks at (/proc links) */
#define VPATH_FIND_DEPTH 32      /* and how deep below its mount's root it looks */

#define IMAGE_MAX (256u << 20)     /* largest program file exec reads */
#define FORK_STACK_SLACK 1024      /* bytes below the stack pointer fork copies too */
#define FORK_RANGES 64             /* memory ranges k_fork reports (more are merged) */
#define ARG_MAX (2u << 20)         /* argv and envp bytes exec and spawn accept (E2BIG) */
#define SPAWN_ACTIONS_MAX 1024     /* file actions one posix_spawn takes (else EINVAL) */
#define RESOLVE_ARGV_MAX 65536    /* bytes of the argv a host's onResolveSpawn may substitute */
#define SHEBANG_MAX 256            /* bytes of a "#!" line exec reads (Linux's BINPRM_BUF_SIZE) */
#define SIGQUEUE_MAX 1024          /* signal infos queued per process (sigqueue: EAGAIN beyond) */
#define TIMER_MAX 1024             /* POSIX timers per process (timer_create: EAGAIN beyond) */
#define TIMER_CPU_TICK 10000000ll  /* ns: ITIMER_VIRTUAL/PROF look at the CPU time at most this often */

#define USER_HZ 100                /* clock ticks per second of times() and AT_CLKTCK */
#define STIME_SAMPLE 16            /* one kernel entry in this many, at random, is timed for system time */
#define RLIM_STACK_DEFAULT (8u << 20) /* RLIMIT_STACK's soft limit, Linux's (the wasm stack is fixed at link time) */

#endif
