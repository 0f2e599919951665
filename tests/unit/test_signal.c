/* tests/unit/test_signal.c -- rt_sigaction and rt_sigprocmask state. */
#include "fakehost.h"
#include "test.h"
#include <string.h>
#include <wunix/errno.h>
#include <wunix/signal.h>

#define BIT(s) (1ull << ((s) - 1))

TEST(signal_sigaction_state)
{
	struct wunix_sigaction act = { 0x1234, SA_RESTART | SA_SIGINFO, 0x99, { 0, 0 } };
	uint64_t mask = BIT(SIGUSR2) | BIT(SIGKILL) | BIT(SIGSTOP) | BIT(64);

	fh_proc_begin();
	memcpy(act.sa_mask, &mask, 8);
	memcpy(fh_u(8292), &act, sizeof(act));
	CHECK_EQ(SC4(NR_rt_sigaction, SIGUSR1, 8292, 8392, 4), -EINVAL);
	CHECK_EQ(SC4(NR_rt_sigaction, 0, 8292, 8392, 8), -EINVAL);
	CHECK_EQ(SC4(NR_rt_sigaction, 65, 8292, 8392, 8), -EINVAL);
	CHECK_EQ(SC4(NR_rt_sigaction, SIGKILL, 8292, 0, 8), -EINVAL);
	CHECK_EQ(SC4(NR_rt_sigaction, SIGSTOP, 8292, 0, 8), -EINVAL);
	CHECK_EQ(SC4(NR_rt_sigaction, SIGKILL, 0, 8392, 8), 0); /* reading is fine */
	memset(fh_u(8392), 0xff, sizeof(act));
	CHECK_EQ(SC4(NR_rt_sigaction, SIGUSR1, 8292, 8392, 8), 0);
	struct wunix_sigaction *old = fh_u(8392);
	CHECK_EQ(old->sa_handler, 0); /* SIG_DFL */
	CHECK_EQ(old->sa_flags, 0);
	CHECK_EQ(SC4(NR_rt_sigaction, SIGUSR1, 0, 8492, 8), 0);
	struct wunix_sigaction *now = fh_u(8492);
	CHECK_EQ(now->sa_handler, 0x1234);
	CHECK_EQ(now->sa_flags, SA_RESTART | SA_SIGINFO);
	CHECK_EQ(now->sa_restorer, 0x99);
	uint64_t got;
	memcpy(&got, now->sa_mask, 8);
	CHECK_EQ(got, BIT(SIGUSR2) | BIT(64)); /* SIGKILL and SIGSTOP cannot be blocked */
	CHECK_EQ(sizeof(struct wunix_sigaction), 20);
	CHECK_EQ(SC4(NR_rt_sigaction, SIGUSR1, 0, 0xfffffff0u, 8), -EFAULT);
	fh_proc_end();
	/* a new process starts with default dispositions */
	fh_proc_begin();
	CHECK_EQ(SC4(NR_rt_sigaction, SIGUSR1, 0, 8492, 8), 0);
	CHECK_EQ(((struct wunix_sigaction *)fh_u(8492))->sa_handler, 0);
	fh_proc_end();
}

static uint64_t getmask(void)
{
	uint64_t m;
	CHECK_EQ(SC4(NR_rt_sigprocmask, SIG_BLOCK, 0, 8692, 8), 0);
	memcpy(&m, fh_u(8692), 8);
	return m;
}

static long setmask(int how, uint64_t m)
{
	memcpy(fh_u(8592), &m, 8);
	return SC4(NR_rt_sigprocmask, how, 8592, 0, 8);
}

TEST(signal_sigprocmask_state)
{
	fh_proc_begin();
	CHECK_EQ(getmask(), 0);
	CHECK_EQ(setmask(SIG_BLOCK, BIT(SIGUSR1) | BIT(SIGKILL) | BIT(SIGSTOP)), 0);
	CHECK_EQ(getmask(), BIT(SIGUSR1));
	CHECK_EQ(setmask(SIG_BLOCK, BIT(SIGINT)), 0);
	CHECK_EQ(getmask(), BIT(SIGUSR1) | BIT(SIGINT));
	CHECK_EQ(setmask(SIG_UNBLOCK, BIT(SIGUSR1)), 0);
	CHECK_EQ(getmask(), BIT(SIGINT));
	CHECK_EQ(setmask(SIG_SETMASK, BIT(40) | BIT(SIGTERM)), 0);
	CHECK_EQ(getmask(), BIT(40) | BIT(SIGTERM));
	CHECK_EQ(setmask(7, BIT(SIGHUP)), -EINVAL);
	CHECK_EQ(getmask(), BIT(40) | BIT(SIGTERM));
	CHECK_EQ(SC4(NR_rt_sigprocmask, 7, 0, 8692, 8), 0); /* how is ignored without a set */
	CHECK_EQ(SC4(NR_rt_sigprocmask, SIG_BLOCK, 8592, 8692, 16), -EINVAL);
	CHECK_EQ(SC4(NR_rt_sigprocmask, SIG_BLOCK, 0xfffffff0u, 0, 8), -EFAULT);
	/* the old mask is the one before the change */
	memset(fh_u(8792), 0, 8);
	uint64_t m = 0;
	memcpy(fh_u(8592), &m, 8);
	CHECK_EQ(SC4(NR_rt_sigprocmask, SIG_SETMASK, 8592, 8792, 8), 0);
	memcpy(&m, fh_u(8792), 8);
	CHECK_EQ(m, BIT(40) | BIT(SIGTERM));
	CHECK_EQ(getmask(), 0);
	fh_proc_end();
}
