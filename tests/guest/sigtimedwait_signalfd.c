/* compare: native */
/* Taking blocked signals synchronously. sigtimedwait with nothing pending
 * fails with EAGAIN after its timeout (at once for a zero timeout); it takes a
 * pending blocked signal with its siginfo (kill: SI_USER and our pid) and
 * clears it, and it waits for one a child sends later. signalfd: nothing
 * pending reads EAGAIN (non-blocking) and polls not readable; a pending signal
 * makes it readable and reads as a signalfd_siginfo (ssi_signo, ssi_pid,
 * ssi_uid, ssi_code; ssi_int for sigqueue), two pending ones in one read; a
 * buffer smaller than one record is EINVAL; a blocking signalfd waits in
 * poll and read for a child's signal; signals outside its mask stay. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int pending(int sig)
{
	sigset_t s;
	sigpending(&s);
	return sigismember(&s, sig);
}

/* A child that sends sig to us after ms and exits. */
static pid_t send_later(int sig, int ms)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, ms * 1000000L };
		nanosleep(&ts, NULL);
		kill(getppid(), sig);
		_exit(0);
	}
	CHECK(pid > 0);
	return pid;
}

static void timedwait(const sigset_t *usr)
{
	siginfo_t si;
	struct timespec zero = { 0, 0 }, ms30 = { 0, 30000000 }, long_ = { 5, 0 };
	CHECK_ERRNO(sigtimedwait(usr, &si, &zero), EAGAIN);
	double t0 = now();
	CHECK_ERRNO(sigtimedwait(usr, &si, &ms30), EAGAIN);
	double took = now() - t0;
	CHECK(took >= 0.029 && took < 3);
	printf("sigtimedwait, nothing pending: EAGAIN, after the timeout: %s\n", took >= 0.029 ? "yes" : "no");

	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK(pending(SIGUSR1));
	memset(&si, 0, sizeof si);
	CHECK_EQ(sigtimedwait(usr, &si, &zero), SIGUSR1);
	CHECK_EQ(si.si_signo, SIGUSR1);
	CHECK_EQ(si.si_code, SI_USER);
	CHECK_EQ(si.si_pid, getpid());
	CHECK(!pending(SIGUSR1));
	printf("sigtimedwait took the pending SIGUSR1 (SI_USER, our pid) and cleared it\n");

	pid_t pid = send_later(SIGUSR2, 20);
	memset(&si, 0, sizeof si);
	CHECK_EQ(sigtimedwait(usr, &si, &long_), SIGUSR2);
	CHECK_EQ(si.si_pid, pid);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	printf("sigtimedwait waited for the child's SIGUSR2: from the child: %s\n", si.si_pid == pid ? "yes" : "no");
}

static void sfd(const sigset_t *usr)
{
	struct signalfd_siginfo ss[4];
	int fd = signalfd(-1, usr, SFD_NONBLOCK | SFD_CLOEXEC);
	CHECK(fd >= 0);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
	CHECK_ERRNO(read(fd, ss, sizeof ss), EAGAIN);
	struct pollfd p = { fd, POLLIN, 0 };
	CHECK_EQ(poll(&p, 1, 0), 0);

	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	p.revents = 0;
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLIN);
	CHECK_ERRNO(read(fd, ss, sizeof ss[0] - 1), EINVAL);
	memset(ss, 0, sizeof ss);
	CHECK_EQ(read(fd, ss, sizeof ss), (long)sizeof ss[0]);
	CHECK_EQ(ss[0].ssi_signo, SIGUSR1);
	CHECK_EQ(ss[0].ssi_pid, getpid());
	CHECK_EQ(ss[0].ssi_uid, getuid());
	CHECK_EQ(ss[0].ssi_code, SI_USER);
	CHECK_ERRNO(read(fd, ss, sizeof ss), EAGAIN);
	CHECK(!pending(SIGUSR1));
	printf("signalfd: EAGAIN when empty, POLLIN and a record (SIGUSR1, our pid, SI_USER) when pending\n");

	CHECK_EQ(sigqueue(getpid(), SIGUSR2, (union sigval){ .sival_int = 77 }), 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	memset(ss, 0, sizeof ss);
	CHECK_EQ(read(fd, ss, sizeof ss), 2 * (long)sizeof ss[0]);
	CHECK_EQ(ss[0].ssi_signo, SIGUSR1);
	CHECK_EQ(ss[1].ssi_signo, SIGUSR2);
	CHECK_EQ(ss[1].ssi_code, SI_QUEUE);
	CHECK_EQ(ss[1].ssi_int, 77);
	printf("signalfd: two pending in one read, the queued one with ssi_int %d\n", ss[1].ssi_int);

	/* a signal outside the fd's mask stays pending */
	sigset_t only1;
	sigemptyset(&only1);
	sigaddset(&only1, SIGUSR1);
	CHECK_EQ(signalfd(fd, &only1, 0), fd);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK_ERRNO(read(fd, ss, sizeof ss), EAGAIN);
	CHECK(pending(SIGUSR2));
	siginfo_t si;
	struct timespec zero = { 0, 0 };
	CHECK_EQ(sigtimedwait(usr, &si, &zero), SIGUSR2);
	close(fd);
	printf("signalfd with its mask changed: SIGUSR2 not read, still pending\n");

	fd = signalfd(-1, usr, 0);
	CHECK(fd >= 0);
	pid_t pid = send_later(SIGUSR1, 20);
	p.fd = fd;
	p.revents = 0;
	CHECK_EQ(poll(&p, 1, 5000), 1);
	memset(ss, 0, sizeof ss);
	CHECK_EQ(read(fd, ss, sizeof ss), (long)sizeof ss[0]);
	CHECK_EQ(ss[0].ssi_signo, SIGUSR1);
	CHECK_EQ(ss[0].ssi_pid, (unsigned)pid);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	pid = send_later(SIGUSR2, 20);
	CHECK_EQ(read(fd, ss, sizeof ss), (long)sizeof ss[0]); /* blocks until it comes */
	CHECK_EQ(ss[0].ssi_signo, SIGUSR2);
	CHECK_EQ(ss[0].ssi_pid, (unsigned)pid);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	close(fd);
	printf("blocking signalfd: poll and read waited for the child's signals\n");
}

int main(void)
{
	sigset_t usr;
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR1);
	sigaddset(&usr, SIGUSR2);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr, NULL), 0);
	timedwait(&usr);
	sfd(&usr);
	return check_done();
}
