/* clang names a two-argument main __main_argc_argv and leaves main(void) as
 * main; this member is linked only for the latter. */
int main(void);

int __main_argc_argv(int argc, char **argv)
{
	return main();
}
