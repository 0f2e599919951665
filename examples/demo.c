/* The demo `make run` starts: a wunix process reporting on itself. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;
	struct timespec t0, t1;

	uname(&u);
	printf("%s %s on %s: pid %d, parent %d\n", u.sysname, u.release, u.machine,
	       getpid(), getppid());
	printf("argv:");
	for (int i = 0; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\nstdin is %sa terminal; HOME=%s\n", isatty(0) ? "" : "not ",
	       getenv("HOME") ? getenv("HOME") : "(unset)");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 100000; i++)
		getppid();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("100000 system calls took %.1f ms\n",
	       (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	return 0;
}
