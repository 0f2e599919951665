/* compare: native */
/* POSIX timers. SIGEV_SIGNAL, periodic (5 ms): the handler sees SI_TIMER and
 * the sigev_value, and counts expirations; timer_gettime reports the interval
 * exactly and a remaining time within it, all zero once disarmed, after which
 * no more signals come. With the signal blocked, many expirations make one
 * pending signal and an overrun count. A TIMER_ABSTIME deadline already past
 * fires at once. SIGEV_THREAD runs a callback in another thread with the
 * sigev_value, once per expiration. Bad clocks and times are EINVAL. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t fired, bad_info;

static void on_timer(int sig, siginfo_t *si, void *ctx)
{
	(void)sig, (void)ctx;
	if (si->si_code != SI_TIMER || si->si_value.sival_int != 42)
		bad_info++;
	fired++;
}

static void pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static struct itimerspec every_ms(int first, int interval)
{
	struct itimerspec it = { { 0, interval * 1000000L }, { 0, first * 1000000L } };
	return it;
}

static void signal_timer(int sig)
{
	timer_t t;
	struct sigevent ev;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = sig;
	ev.sigev_value.sival_int = 42;
	CHECK_EQ(timer_create(CLOCK_MONOTONIC, &ev, &t), 0);
	if (check_failures)
		return;
	struct itimerspec it = every_ms(5, 5), cur;
	CHECK_EQ(timer_settime(t, 0, &it, NULL), 0);
	for (int i = 0; i < 2000 && fired < 5; i++)
		pause_ms(1);
	CHECK(fired >= 5);
	CHECK_EQ(bad_info, 0);
	CHECK_EQ(timer_gettime(t, &cur), 0);
	CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 5000000);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 5000000);
	CHECK(timer_getoverrun(t) >= 0);
	printf("SIGEV_SIGNAL every 5 ms: at least 5 expirations with SI_TIMER and value 42: %s\n",
	       fired >= 5 && !bad_info ? "yes" : "no");
	printf("timer_gettime: interval 5 ms, next within it: %s\n",
	       cur.it_interval.tv_nsec == 5000000 && cur.it_value.tv_nsec <= 5000000 ? "yes" : "no");

	struct itimerspec off = { { 0, 0 }, { 0, 0 } }, old;
	CHECK_EQ(timer_settime(t, 0, &off, &old), 0);
	CHECK_EQ(old.it_interval.tv_nsec, 5000000);
	CHECK_EQ(timer_gettime(t, &cur), 0);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
	int after = fired;
	pause_ms(20);
	CHECK_EQ(fired, after);
	printf("disarmed: no more signals\n");

	/* blocked: one pending signal, the rest overruns */
	sigset_t s, prev;
	sigemptyset(&s);
	sigaddset(&s, sig);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &s, &prev), 0);
	it = every_ms(2, 2);
	CHECK_EQ(timer_settime(t, 0, &it, NULL), 0);
	pause_ms(40);
	siginfo_t si;
	struct timespec zero = { 0, 0 };
	CHECK_EQ(sigtimedwait(&s, &si, &zero), sig);
	CHECK_EQ(si.si_code, SI_TIMER);
	int overrun = si.si_overrun;
	CHECK(overrun >= 3);
	CHECK_EQ(timer_settime(t, 0, &off, NULL), 0);
	CHECK_ERRNO(sigtimedwait(&s, &si, &zero), EAGAIN);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &prev, NULL), 0);
	printf("blocked for 40 ms at 2 ms: one signal with overruns: %s\n", overrun >= 3 ? "yes" : "no");

	/* absolute deadline in the past: fires at once */
	struct timespec nowts;
	clock_gettime(CLOCK_MONOTONIC, &nowts);
	it.it_interval.tv_sec = it.it_interval.tv_nsec = 0;
	it.it_value = nowts;
	it.it_value.tv_sec -= 1;
	after = fired;
	CHECK_EQ(timer_settime(t, TIMER_ABSTIME, &it, NULL), 0);
	for (int i = 0; i < 1000 && fired == after; i++)
		pause_ms(1);
	CHECK_EQ(fired, after + 1);
	printf("TIMER_ABSTIME in the past: fired at once\n");

	it.it_value.tv_nsec = 1000000000;
	CHECK_ERRNO(timer_settime(t, 0, &it, NULL), EINVAL);
	CHECK_EQ(timer_delete(t), 0);
	CHECK_ERRNO(timer_create(12345, &ev, &t), EINVAL);
}

static sem_t called;
static pthread_t main_thread;
static volatile int cb_bad, cb_calls;

static void callback(union sigval v)
{
	if (v.sival_ptr != &called || pthread_equal(pthread_self(), main_thread))
		cb_bad++;
	cb_calls++;
	sem_post(&called);
}

static void thread_timer(void)
{
	timer_t t;
	struct sigevent ev;
	main_thread = pthread_self();
	CHECK_EQ(sem_init(&called, 0, 0), 0);
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_notify_function = callback;
	ev.sigev_value.sival_ptr = &called;
	CHECK_EQ(timer_create(CLOCK_REALTIME, &ev, &t), 0);
	if (check_failures)
		return;
	struct itimerspec it = every_ms(10, 0);
	for (int round = 0; round < 3; round++) {
		CHECK_EQ(timer_settime(t, 0, &it, NULL), 0);
		while (sem_wait(&called) != 0)
			CHECK_EQ(errno, EINTR);
	}
	CHECK_EQ(timer_delete(t), 0);
	CHECK_EQ(cb_calls, 3);
	CHECK_EQ(cb_bad, 0);
	printf("SIGEV_THREAD: callback ran %d times in another thread with the value\n", cb_calls);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_timer;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	CHECK_EQ(sigaction(SIGRTMIN + 2, &sa, NULL), 0);
	signal_timer(SIGRTMIN + 2);
	if (!check_failures)
		thread_timer();
	return check_done();
}
