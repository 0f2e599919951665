/* wunix/boot.h -- k_boot flags (docs/abi.md). */
#ifndef WUNIX_BOOT_H
#define WUNIX_BOOT_H

#define WUNIX_BOOT_TRACE 0x1      /* print one line per syscall (WUNIX_TRACE=1) */
#define WUNIX_BOOT_STDIN_TTY 0x2  /* host stdin is a terminal */
#define WUNIX_BOOT_STDOUT_TTY 0x4 /* host stdout is a terminal */
#define WUNIX_BOOT_STDERR_TTY 0x8 /* host stderr is a terminal */
#define WUNIX_BOOT_TERMINAL 0x10  /* the console is a terminal whose master is the host's (raw), and the
                                     host pushes every byte typed (kernel/console.c) */

/* Thread state word values (k_thread_state). */
#define WUNIX_THREAD_USER 0
#define WUNIX_THREAD_KERNEL 1
#define WUNIX_THREAD_DEAD 2

#endif
