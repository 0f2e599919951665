/* Process entry. The host calls _start(sp) with sp pointing at what Linux puts
 * at a new process's stack pointer: argc, argv[], NULL, envp[], NULL, auxv. */
#include <features.h>
#include "libc.h"
#include "syscall.h"

int __libc_start_main(int (*)(int, char **, char **), int, char **,
                      void (*)(void), void (*)(void), void (*)(void));
int __main_argc_argv(int, char **);
void __wasm_call_ctors(void);

/* musl runs _init before main; wasm constructors live in __wasm_call_ctors. */
void _init(void)
{
	__wasm_call_ctors();
}

/* For a main(int, char **, char **), which keeps its name (__main_envp.c). */
int __wunix_argc;
char **__wunix_argv;

/* main's own type depends on its parameters, and a call through a pointer of
 * another type traps, so musl is given this one. */
static int main3(int argc, char **argv, char **envp)
{
	__wunix_argc = argc;
	__wunix_argv = argv;
	return __main_argc_argv(argc, argv);
}

__attribute__((export_name("_start")))
void _start(long *sp)
{
	__libc_start_main(main3, (int)sp[0], (char **)(sp + 1), 0, 0, 0);
}

/* A thread's entry (docs/abi.md, "Threads"). The host runs it on the new
 * thread's worker with the stack clone was given, whose first two words
 * __clone filled with the start function and its argument, after
 * __wasm_init_tls put the thread's wasm TLS block at its thread pointer tp. */
int __set_thread_area(void *);

__attribute__((export_name("__wunix_thread_start")))
void __wunix_thread_start(void **sp, void *tp)
{
	int (*fn)(void *) = (int (*)(void *))sp[0];
	__set_thread_area(tp);
	int r = fn(sp[1]);
	for (;;)
		__syscall(SYS_exit, r);
}

/* Runs a signal handler: the kernel wrote the frame (struct wunix_sigframe in
 * kernel/include/wunix/signal.h) on this thread's stack and the host called
 * this with the stack pointer just below it. Returning ends the handler. */
struct sigframe {
	unsigned long handler;
	int sig;
	unsigned long flags;
	unsigned long pad;
	unsigned char info[128];
	unsigned char uc[];
};

__attribute__((export_name("__wunix_sigenter")))
void __wunix_sigenter(struct sigframe *f)
{
	if (f->flags & 4 /* SA_SIGINFO */)
		((void (*)(int, void *, void *))f->handler)(f->sig, f->info, f->uc);
	else
		((void (*)(int))f->handler)(f->sig);
}
