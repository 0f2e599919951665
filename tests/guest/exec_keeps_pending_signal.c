/* compare: native */
/* A blocked signal that is pending when execve is called is still pending,
 * and still blocked, in the new image (POSIX execve: "pending signals ... are
 * preserved"); a handler installed for it is reset to SIG_DFL, so unblocking it
 * there would kill the process. The test execs itself to look. */
#define _GNU_SOURCE
#include <signal.h>
#include "check.h"
#include "executil.h"

static void on_signal(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	self_init(argv);
	sigset_t set;
	if (argc == 2 && !strcmp(argv[1], "after-exec")) {
		CHECK_EQ(sigpending(&set), 0);
		printf("pending: SIGUSR1 %d SIGUSR2 %d\n", sigismember(&set, SIGUSR1), sigismember(&set, SIGUSR2));
		CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &set), 0);
		printf("blocked: SIGUSR1 %d SIGUSR2 %d\n", sigismember(&set, SIGUSR1), sigismember(&set, SIGUSR2));
		struct sigaction sa;
		CHECK_EQ(sigaction(SIGUSR1, NULL, &sa), 0);
		printf("SIGUSR1 handler reset: %s\n", sa.sa_handler == SIG_DFL ? "yes" : "no");
		return check_done();
	}

	struct sigaction sa = { .sa_handler = on_signal };
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(sigpending(&set), 0);
	CHECK(sigismember(&set, SIGUSR1));
	if (check_failures)
		return check_done();
	fflush(stdout);
	execv(self, (char *[]){ (char *)self, "after-exec", NULL });
	fprintf(stderr, "execv %s: %s\n", self, strerror(errno));
	return 1;
}
