/* tests/unit/test_wait.c -- wait4 and waitid: selection, WNOHANG, WNOWAIT,
 * status and siginfo encodings, stop/continue reports, SIGCHLD and reaping at
 * once, ECHILD, EFAULT; process groups and sessions; orphaned groups. */
#include "child.h"
#include "fakehost.h"
#include "test.h"
#include "ksignal.h"
#include "lock.h"
#include "proc.h"
#include <string.h>
#include <wunix/errno.h>
#include <wunix/resource.h>
#include <wunix/signal.h>
#include <wunix/wait.h>

#define STATUS 8292 /* user addresses in the test process's memory */
#define INFO 8400
#define RU 8600
#define ACT 8800
#define BAD 0xfffffff0u

static int status(void)
{
	return *(int *)fh_u(STATUS);
}

static const struct wunix_siginfo *info(void)
{
	return fh_u(INFO);
}

static bool alive(int pid)
{
	bkl_lock();
	bool r = proc_find(pid) != NULL;
	bkl_unlock();
	return r;
}

static long w4(int pid, unsigned options)
{
	return SC4(NR_wait4, I32(pid), STATUS, options, 0);
}

static long wid(int which, int id, unsigned options)
{
	memset(fh_u(INFO), 0xa5, sizeof(struct wunix_siginfo));
	return SC5(NR_waitid, which, I32(id), INFO, options, 0);
}

static long sigaction_chld(uint32_t handler, uint32_t flags)
{
	struct wunix_sigaction act = { handler, flags, 0, { 0, 0 } };

	memcpy(fh_u(ACT), &act, sizeof(act));
	return SC4(NR_rt_sigaction, SIGCHLD, ACT, 0, 8);
}

/* Whether SIGCHLD is pending (no system call ran its handler yet); takes it. */
static bool chld_pending(void)
{
	bkl_lock();
	bool r = sig_dequeue(curthread(), SIGBIT(SIGCHLD), NULL) == SIGCHLD;
	bkl_unlock();
	return r;
}

TEST(wait_status_encodings)
{
	fh_proc_begin();
	int a = child_fork(), b = child_fork(), c = child_fork();
	child_exit(a, 3);
	child_exit(b, 261); /* only the low 8 bits */
	struct child cc = { .pid = c, .trap = SIGSEGV };
	child_start(&cc);
	child_join(&cc);
	CHECK_EQ(w4(a, 0), a);
	CHECK_EQ(status(), 0x300);
	CHECK_EQ(wid(WUNIX_P_PID, b, WUNIX_WEXITED), 0);
	CHECK_EQ(info()->si_signo, SIGCHLD);
	CHECK_EQ(info()->si_errno, 0);
	CHECK_EQ(info()->si_code, WUNIX_CLD_EXITED);
	CHECK_EQ(info()->u.chld.pid, b);
	CHECK_EQ(info()->u.chld.uid, 0);
	CHECK_EQ(info()->u.chld.status, 5);
	CHECK_EQ(((uint8_t *)fh_u(INFO))[24], 0xa5); /* waitid writes 24 bytes, as Linux */
	CHECK_EQ(wid(WUNIX_P_PID, c, WUNIX_WEXITED | WUNIX_WNOWAIT), 0);
	CHECK_EQ(info()->si_code, WUNIX_CLD_KILLED);
	CHECK_EQ(info()->u.chld.status, SIGSEGV);
	CHECK_EQ(w4(c, 0), c);
	CHECK_EQ(status(), SIGSEGV);
	/* a core flag (no path sets it yet: wunix writes no cores) */
	int d = child_fork();
	child_exit(d, 0);
	bkl_lock();
	proc_find(d)->wstatus = WUNIX_W_SIGNALED(SIGQUIT) | WUNIX_WCOREFLAG;
	bkl_unlock();
	CHECK_EQ(wid(WUNIX_P_ALL, 0, WUNIX_WEXITED), 0);
	CHECK_EQ(info()->si_code, WUNIX_CLD_DUMPED);
	CHECK_EQ(info()->u.chld.status, SIGQUIT);
	CHECK(!alive(d));
	CHECK_EQ(w4(-1, 0), -ECHILD);
	fh_proc_end();
}

TEST(wait_selection)
{
	fh_proc_begin();
	int me = (int)SC0(NR_getpid);
	int a = child_fork(), b = child_fork(), c = child_fork();
	CHECK_EQ(SC2(NR_setpgid, b, b), 0);
	child_exit(a, 1);
	child_exit(b, 2);
	child_exit(c, 3);
	CHECK_EQ(w4(-b, 0), b);             /* group b */
	CHECK_EQ(w4(-b, 0), -ECHILD);
	CHECK_EQ(w4(c, 0), c);              /* that child */
	CHECK_EQ(status(), 0x300);
	CHECK_EQ(w4(99999, 0), -ECHILD);     /* no such child */
	CHECK_EQ(w4(1, 0), -ECHILD);         /* not a child */
	CHECK_EQ(w4(0, WUNIX_WCLONE), -ECHILD); /* no clone children */
	CHECK_EQ(w4(0, WUNIX_WCLONE | WUNIX_WALL | WUNIX_WNOTHREAD), a); /* own group */
	CHECK_EQ(w4(-1, 0), -ECHILD);
	/* waitid: P_PGID 0 is the caller's group, P_ALL ignores the id */
	a = child_fork();
	b = child_fork();
	CHECK_EQ(SC2(NR_setpgid, b, b), 0);
	child_exit(a, 0);
	child_exit(b, 0);
	CHECK_EQ(wid(WUNIX_P_PGID, b, WUNIX_WEXITED), 0);
	CHECK_EQ(info()->u.chld.pid, b);
	CHECK_EQ(wid(WUNIX_P_PGID, b, WUNIX_WEXITED), -ECHILD);
	CHECK_EQ(wid(WUNIX_P_PGID, 0, WUNIX_WEXITED | WUNIX_WNOWAIT), 0);
	CHECK_EQ(info()->u.chld.pid, a);
	CHECK_EQ(wid(WUNIX_P_PGID, me, WUNIX_WEXITED), 0);
	CHECK_EQ(info()->u.chld.pid, a);
	CHECK_EQ(wid(WUNIX_P_ALL, 12345, WUNIX_WEXITED), -ECHILD);
	fh_proc_end();
}

TEST(wait_bad_arguments)
{
	fh_proc_begin();
	CHECK_EQ(w4(-1, 0), -ECHILD);
	CHECK_EQ(w4(-1, WUNIX_WNOHANG), -ECHILD);
	CHECK_EQ(w4(-1, WUNIX_WNOWAIT), -EINVAL);  /* waitid's only */
	CHECK_EQ(w4(-1, WUNIX_WEXITED), -EINVAL);  /* likewise */
	CHECK_EQ(w4(-1, 0x10), -EINVAL);
	CHECK_EQ(w4(INT32_MIN, 0), -ESRCH);
	CHECK_EQ(wid(WUNIX_P_ALL, 0, WUNIX_WNOHANG), -EINVAL); /* no WEXITED/WSTOPPED/WCONTINUED */
	CHECK_EQ(wid(WUNIX_P_ALL, 0, WUNIX_WEXITED | 0x10), -EINVAL);
	CHECK_EQ(wid(7, 0, WUNIX_WEXITED), -EINVAL);
	CHECK_EQ(wid(WUNIX_P_PIDFD, 3, WUNIX_WEXITED), -EINVAL);
	CHECK_EQ(wid(WUNIX_P_PID, 0, WUNIX_WEXITED), -EINVAL);
	CHECK_EQ(wid(WUNIX_P_PID, -1, WUNIX_WEXITED), -EINVAL);
	CHECK_EQ(wid(WUNIX_P_PGID, -1, WUNIX_WEXITED), -EINVAL);
	CHECK_EQ(wid(WUNIX_P_ALL, 0, WUNIX_WEXITED), -ECHILD);
	CHECK(fh_log_has("wait4(-1, 0x"));
	fh_proc_end();
}

TEST(wait_wnohang_and_efault_keep_the_child)
{
	fh_proc_begin();
	int a = child_fork();
	/* a child that has not exited: WNOHANG answers 0, waitid zeroes si_pid and si_signo */
	*(int *)fh_u(STATUS) = 77;
	CHECK_EQ(w4(-1, WUNIX_WNOHANG), 0);
	CHECK_EQ(status(), 77);
	CHECK_EQ(wid(WUNIX_P_ALL, 0, WUNIX_WEXITED | WUNIX_WNOHANG), 0);
	CHECK_EQ(info()->si_signo, 0);
	CHECK_EQ(info()->u.chld.pid, 0);
	CHECK_EQ(info()->u.chld.status, 0);
	CHECK_EQ(SC5(NR_waitid, WUNIX_P_ALL, 0, BAD, WUNIX_WEXITED | WUNIX_WNOHANG, 0), -EFAULT);
	CHECK_EQ(SC5(NR_waitid, WUNIX_P_ALL, 0, 0, WUNIX_WEXITED | WUNIX_WNOHANG, 0), 0);
	child_exit(a, 9);
	/* bad pointers fail before the zombie is reaped */
	CHECK_EQ(SC4(NR_wait4, a, BAD, 0, 0), -EFAULT);
	CHECK_EQ(SC4(NR_wait4, a, STATUS, 0, BAD), -EFAULT);
	CHECK_EQ(SC5(NR_waitid, WUNIX_P_PID, a, BAD, WUNIX_WEXITED, 0), -EFAULT);
	CHECK_EQ(SC5(NR_waitid, WUNIX_P_PID, a, INFO, WUNIX_WEXITED, BAD), -EFAULT);
	CHECK(alive(a));
	/* WNOWAIT leaves it too */
	CHECK_EQ(wid(WUNIX_P_PID, a, WUNIX_WEXITED | WUNIX_WNOWAIT), 0);
	CHECK_EQ(info()->u.chld.status, 9);
	CHECK(alive(a));
	CHECK_EQ(SC4(NR_wait4, a, 0, WUNIX_WNOHANG, 0), a); /* status NULL is fine */
	CHECK(!alive(a));
	CHECK_EQ(w4(a, 0), -ECHILD);
	fh_proc_end();
}

TEST(wait_stop_and_continue_reports)
{
	fh_proc_begin();
	int a = child_fork();
	bkl_lock();
	proc_report_stop(proc_find(a), SIGTSTP);
	bkl_unlock();
	CHECK_EQ(w4(a, WUNIX_WNOHANG), 0); /* not asked for */
	CHECK_EQ(wid(WUNIX_P_PID, a, WUNIX_WSTOPPED | WUNIX_WNOWAIT), 0);
	CHECK_EQ(info()->si_code, WUNIX_CLD_STOPPED);
	CHECK_EQ(info()->u.chld.status, SIGTSTP);
	CHECK_EQ(w4(a, WUNIX_WUNTRACED), a);
	CHECK_EQ(status(), 0x147f);
	CHECK_EQ(w4(a, WUNIX_WUNTRACED | WUNIX_WNOHANG), 0); /* reported once */
	CHECK_EQ(wid(WUNIX_P_PID, a, WUNIX_WCONTINUED | WUNIX_WNOHANG), 0);
	bkl_lock();
	proc_report_cont(proc_find(a));
	bkl_unlock();
	CHECK_EQ(w4(a, WUNIX_WUNTRACED | WUNIX_WNOHANG), 0);
	CHECK_EQ(wid(WUNIX_P_ALL, 0, WUNIX_WCONTINUED), 0);
	CHECK_EQ(info()->si_code, WUNIX_CLD_CONTINUED);
	CHECK_EQ(info()->u.chld.status, SIGCONT);
	bkl_lock();
	proc_report_cont(proc_find(a));
	bkl_unlock();
	CHECK_EQ(w4(-1, WUNIX_WCONTINUED), a);
	CHECK_EQ(status(), 0xffff);
	/* continued before the parent saw the stop: only the continue is left */
	bkl_lock();
	proc_report_stop(proc_find(a), SIGSTOP);
	proc_report_cont(proc_find(a));
	bkl_unlock();
	CHECK_EQ(w4(a, WUNIX_WUNTRACED | WUNIX_WCONTINUED), a);
	CHECK_EQ(status(), 0xffff);
	child_exit(a, 0);
	/* a zombie is not selected without WEXITED */
	CHECK_EQ(wid(WUNIX_P_ALL, 0, WUNIX_WSTOPPED | WUNIX_WCONTINUED), -ECHILD);
	CHECK_EQ(w4(a, 0), a);
	fh_proc_end();
}

TEST(wait_sigchld_and_nocldstop)
{
	fh_proc_begin();
	int a = child_fork();
	child_exit(a, 0);
	CHECK(!chld_pending()); /* SIG_DFL: discarded */
	CHECK_EQ(w4(a, 0), a);
	CHECK_EQ(sigaction_chld(0x1234, SA_NOCLDSTOP), 0);
	a = child_fork();
	bkl_lock();
	proc_report_stop(proc_find(a), SIGTTIN);
	bkl_unlock();
	CHECK(!chld_pending()); /* SA_NOCLDSTOP: no SIGCHLD for a stop... */
	CHECK_EQ(w4(a, WUNIX_WUNTRACED), a); /* ...but wait still sees it */
	CHECK_EQ(status(), (SIGTTIN << 8) | 0x7f);
	bkl_lock();
	proc_report_cont(proc_find(a)); /* a stopped process makes no system calls */
	bkl_unlock();
	CHECK(!chld_pending()); /* nor for a continue */
	child_exit(a, 0);
	CHECK(chld_pending()); /* an exit is signalled */
	CHECK_EQ(w4(a, 0), a);
	CHECK_EQ(sigaction_chld(0x1234, 0), 0);
	a = child_fork();
	bkl_lock();
	proc_report_stop(proc_find(a), SIGTTIN);
	bkl_unlock();
	CHECK(chld_pending());
	bkl_lock();
	sig_send(proc_find(a), SIGKILL); /* what ends a stopped process */
	bkl_unlock();
	CHECK_EQ(w4(a, WUNIX_WUNTRACED), a); /* the death replaces the unseen stop (Linux) */
	CHECK_EQ(status(), SIGKILL);
	fh_proc_end();
}

TEST(wait_autoreap_ignored_or_nocldwait)
{
	fh_proc_begin();
	CHECK_EQ(sigaction_chld(SIG_IGN, 0), 0);
	int a = child_fork();
	child_exit(a, 0);
	CHECK(!alive(a));
	CHECK(!chld_pending());
	CHECK_EQ(w4(-1, 0), -ECHILD);
	/* SA_NOCLDWAIT with a handler: reaped at once, SIGCHLD still sent */
	CHECK_EQ(sigaction_chld(0x1234, SA_NOCLDWAIT), 0);
	a = child_fork();
	child_exit(a, 0);
	CHECK(!alive(a));
	CHECK(chld_pending());
	CHECK_EQ(w4(a, 0), -ECHILD);
	CHECK_EQ(sigaction_chld(SIG_DFL, 0), 0);
	a = child_fork();
	child_exit(a, 0);
	CHECK(alive(a));
	fh_proc_end();
	CHECK(!alive(a)); /* init reaps what its new children leave */
}

/* Parent blocked in wait while the child runs: woken by its exit. */
TEST(wait_block_wakes_on_exit)
{
	fh_proc_begin();
	int a = child_fork();
	struct child c = { .pid = a, .delay_ns = 20000000, .code = 42 };
	child_start(&c);
	CHECK_EQ(w4(a, 0), a);
	CHECK_EQ(status(), 42 << 8);
	child_join(&c);
	/* auto-reaped while the parent waits: it wakes with ECHILD */
	CHECK_EQ(sigaction_chld(SIG_IGN, 0), 0);
	a = child_fork();
	struct child d = { .pid = a, .delay_ns = 20000000 };
	child_start(&d);
	CHECK_EQ(w4(-1, 0), -ECHILD);
	child_join(&d);
	CHECK(!alive(a));
	fh_proc_end();
}

/* The child's CPU time comes back from wait4 and joins RUSAGE_CHILDREN;
 * time asleep is no CPU time. */
TEST(wait_block_rusage)
{
	fh_proc_begin();
	CHECK_EQ(SC2(NR_getrusage, WUNIX_RUSAGE_CHILDREN, RU), 0);
	struct wunix_rusage ru = *(struct wunix_rusage *)fh_u(RU);
	CHECK_EQ(ru.ru_utime_sec + ru.ru_utime_usec + ru.ru_stime_sec + ru.ru_stime_usec, 0);
	int a = child_fork();
	struct child c = { .pid = a, .delay_ns = 200000000 };
	child_start(&c);
	memset(fh_u(RU), 0xff, sizeof(ru));
	CHECK_EQ(SC4(NR_wait4, a, STATUS, 0, RU), a);
	child_join(&c);
	ru = *(struct wunix_rusage *)fh_u(RU);
	int64_t us = (int64_t)(ru.ru_utime_sec + ru.ru_stime_sec) * 1000000 + ru.ru_utime_usec + ru.ru_stime_usec;
	CHECK(us >= 0 && us < 100000);
	CHECK(ru.ru_utime_usec >= 0 && ru.ru_utime_usec < 1000000);
	CHECK(ru.ru_maxrss > 0);
	CHECK_EQ(ru.ru_minflt, 0);
	CHECK_EQ(SC2(NR_getrusage, WUNIX_RUSAGE_CHILDREN, RU + 100), 0);
	CHECK(!memcmp(fh_u(RU), fh_u(RU + 100), sizeof(ru)));
	fh_proc_end();
}

TEST(pgrp_start_is_session_leader)
{
	int me = fh_proc_begin();
	CHECK_EQ(SC1(NR_getpgid, 0), me);
	CHECK_EQ(SC1(NR_getsid, 0), me);
	CHECK_EQ(SC1(NR_getpgid, me), me);
	CHECK_EQ(SC1(NR_getsid, 1), 1);
	CHECK_EQ(SC1(NR_getpgid, 99999), -ESRCH);
	CHECK_EQ(SC1(NR_getsid, I32(-1)), -ESRCH);
	CHECK_EQ(SC0(NR_setsid), -EPERM);            /* a session leader already */
	CHECK_EQ(SC2(NR_setpgid, 0, 0), -EPERM);     /* and stays in its group */
	CHECK_EQ(SC2(NR_setpgid, 0, I32(-1)), -EINVAL);
	CHECK_EQ(SC2(NR_setpgid, 99999, 0), -ESRCH);
	CHECK_EQ(SC2(NR_setpgid, 1, 0), -ESRCH);     /* not a child */
	fh_proc_end();
}

struct pg_args {
	int parent, a, b;
	long r[4];
};

static void in_a(void *arg)
{
	struct pg_args *g = arg;
	g->r[0] = SC2(NR_setpgid, 0, g->b);    /* b's group is in another session */
	g->r[1] = SC2(NR_setpgid, 0, 0);       /* a group of its own */
	g->r[2] = SC0(NR_setsid);              /* not as a group leader */
	g->r[3] = SC2(NR_setpgid, 0, g->parent); /* back to the parent's group */
}

static void in_b(void *arg)
{
	struct pg_args *g = arg;
	g->r[0] = SC0(NR_setsid);
	g->r[1] = SC1(NR_getpgid, 0);
	g->r[2] = SC2(NR_setpgid, 0, 0); /* a session leader */
}

TEST(pgrp_setpgid_setsid_rules)
{
	struct pg_args g;
	g.parent = fh_proc_begin();
	g.a = child_fork();
	g.b = child_fork();
	/* the parent moves a child between groups of its session */
	CHECK_EQ(SC1(NR_getpgid, g.a), g.parent);
	CHECK_EQ(SC1(NR_getsid, g.a), g.parent);
	CHECK_EQ(SC2(NR_setpgid, g.a, 0), 0);
	CHECK_EQ(SC1(NR_getpgid, g.a), g.a);
	CHECK_EQ(SC2(NR_setpgid, g.b, g.a), 0);
	CHECK_EQ(SC1(NR_getpgid, g.b), g.a);
	CHECK_EQ(SC2(NR_setpgid, g.b, 30000), -EPERM); /* no such group */
	CHECK_EQ(SC2(NR_setpgid, g.b, g.parent), 0);
	CHECK_EQ(SC2(NR_setpgid, g.a, g.parent), 0);
	/* b starts a session */
	struct child cb = { .pid = g.b, .fn = in_b, .arg = &g };
	child_start(&cb);
	child_join(&cb);
	CHECK_EQ(g.r[0], g.b);
	CHECK_EQ(g.r[1], g.b);
	CHECK_EQ(g.r[2], -EPERM);
	CHECK_EQ(SC1(NR_getsid, g.b), g.b);
	CHECK(alive(g.b)); /* a zombie keeps its ids */
	CHECK_EQ(SC2(NR_setpgid, g.b, 0), -EPERM);     /* another session */
	struct child ca = { .pid = g.a, .fn = in_a, .arg = &g };
	bkl_lock();
	proc_find(g.a)->did_exec = true;
	bkl_unlock();
	CHECK_EQ(SC2(NR_setpgid, g.a, 0), -EACCES);    /* it has run exec */
	child_start(&ca);
	child_join(&ca);
	CHECK_EQ(g.r[0], -EPERM);
	CHECK_EQ(g.r[1], 0);
	CHECK_EQ(g.r[2], -EPERM);
	CHECK_EQ(g.r[3], 0);
	CHECK_EQ(w4(-1, 0) + w4(-1, 0), g.a + g.b);
	fh_proc_end();
}

struct orphan_args {
	int g;
};

static void stop(int pid);

static void fork_stopped_grandchild(void *arg)
{
	struct orphan_args *o = arg;
	o->g = child_fork();
	stop(o->g);
}

static void stop(int pid)
{
	bkl_lock();
	proc_report_stop(proc_find(pid), SIGTSTP);
	bkl_unlock();
}

/* When its parent exits, a stopped child in a group of its own gets SIGHUP
 * (the group is orphaned now), which kills it; an unstopped one does not. */
TEST(pgrp_orphaned_by_parent_exit)
{
	fh_proc_begin();
	int a = child_fork(), b = child_fork();
	CHECK_EQ(SC2(NR_setpgid, a, a), 0);
	CHECK_EQ(SC2(NR_setpgid, b, b), 0);
	stop(a);
	fh_proc_end();
	CHECK(!alive(a)); /* killed by SIGHUP and reaped by init */
	CHECK(alive(b));
	child_exit(b, 0);
	CHECK(!alive(b));
}

/* A child leaves its group (child and grandchild, stopped) orphaned when it
 * exits: the grandchild, given to init, gets SIGHUP. */
TEST(pgrp_orphaned_by_member_exit)
{
	struct orphan_args o;
	fh_proc_begin();
	int a = child_fork();
	CHECK_EQ(SC2(NR_setpgid, a, a), 0);
	struct child ca = { .pid = a, .fn = fork_stopped_grandchild, .arg = &o };
	child_start(&ca);
	child_join(&ca);
	CHECK(!alive(o.g)); /* killed by SIGHUP and reaped by init */
	CHECK_EQ(w4(a, 0), a);
	fh_proc_end();
}
