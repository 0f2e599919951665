/* compare: native */
/* Children killed by signals whose default action is "core": a real fault
 * (SIGSEGV), raise of SIGSEGV, SIGQUIT, SIGILL, SIGFPE, SIGBUS, SIGTRAP,
 * SIGSYS, SIGXCPU, SIGXFSZ; abort() (also when SIGABRT is caught by a handler
 * that returns, or blocked); SIGQUIT sent by the parent to a computing child.
 * waitpid reports WIFSIGNALED and the signal each time. (The core flag itself
 * is not compared: natively it depends on RLIMIT_CORE, which is 0 here.) */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static void returns(int sig)
{
	(void)sig;
}

static void die(int how)
{
	sigset_t s;
	switch (how) {
	case 0:
		*(volatile int *)(uintptr_t)0xfffffff0u = 1;
		break;
	case 1:
		abort();
	case 2:
		signal(SIGABRT, returns);
		abort();
	case 3:
		sigemptyset(&s);
		sigaddset(&s, SIGABRT);
		sigprocmask(SIG_BLOCK, &s, NULL);
		abort();
	}
	_exit(99);
}

static const char *name(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGABRT: return "SIGABRT";
	case SIGQUIT: return "SIGQUIT";
	case SIGILL: return "SIGILL";
	case SIGFPE: return "SIGFPE";
	case SIGBUS: return "SIGBUS";
	case SIGTRAP: return "SIGTRAP";
	case SIGSYS: return "SIGSYS";
	case SIGXCPU: return "SIGXCPU";
	case SIGXFSZ: return "SIGXFSZ";
	}
	return "another signal";
}

/* Runs a child that dies by fn(arg) (or by raise(arg) when fn is NULL) and
 * checks that sig killed it. */
static void expect(const char *what, void (*fn)(int), int arg, int sig)
{
	int st = 0;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		signal(sig, SIG_DFL);
		if (fn)
			fn(arg);
		raise(arg);
		_exit(99);
	}
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WIFSIGNALED(st) ? WTERMSIG(st) : -1, sig);
	printf("%s: %s\n", what, WIFSIGNALED(st) ? name(WTERMSIG(st)) : "exited");
}

int main(void)
{
	struct rlimit nocore = { 0, 0 };
	setrlimit(RLIMIT_CORE, &nocore);
	expect("store outside memory", die, 0, SIGSEGV);
	expect("abort()", die, 1, SIGABRT);
	expect("abort() with a handler that returns", die, 2, SIGABRT);
	expect("abort() with SIGABRT blocked", die, 3, SIGABRT);
	const int sigs[] = { SIGSEGV, SIGQUIT, SIGILL, SIGFPE, SIGBUS, SIGTRAP, SIGSYS, SIGXCPU, SIGXFSZ };
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		char what[64];
		snprintf(what, sizeof what, "raise(%s)", name(sigs[i]));
		expect(what, NULL, sigs[i], sigs[i]);
	}

	int fd[2], st;
	char c;
	CHECK_EQ(pipe(fd), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		volatile unsigned long n = 0;
		signal(SIGQUIT, SIG_DFL);
		write(fd[1], "r", 1);
		for (;;)
			n++;
	}
	CHECK(pid > 0);
	CHECK_EQ(read(fd[0], &c, 1), 1);
	CHECK_EQ(kill(pid, SIGQUIT), 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGQUIT);
	printf("SIGQUIT to a computing child: %s\n", WIFSIGNALED(st) ? name(WTERMSIG(st)) : "exited");
	return check_done();
}
