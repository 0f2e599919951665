/* Linked only when the program has no __main_void: main takes envp too, and
 * keeps its name. crt1 keeps argc and argv for it. */
extern int __wunix_argc;
extern char **__wunix_argv;

int main(int, char **, char **);

int __main_void(void)
{
	return main(__wunix_argc, __wunix_argv, __wunix_argv + __wunix_argc + 1);
}
