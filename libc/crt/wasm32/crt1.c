/* Process entry. The host calls _start(sp) with sp pointing at what Linux puts
 * at a new process's stack pointer: argc, argv[], NULL, envp[], NULL, auxv. */
#include <features.h>
#include "libc.h"

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
