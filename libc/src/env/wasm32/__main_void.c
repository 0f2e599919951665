/* crt1 calls __main_argc_argv, clang's name for main(int, char **). This
 * member is linked when main has another shape: main(void), which clang also
 * provides as __main_void, or main(int, char **, char **) (__main_envp.c). */
int __main_void(void);

int __main_argc_argv(int argc, char **argv)
{
	return __main_void();
}
