/* tests/unit/test_exec.c -- k_proc_start: the initial stack, the break, E2BIG. */
#include "fakehost.h"
#include "test.h"
#include "exports.h"
#include "lock.h"
#include "proc.h"
#include <string.h>
#include <wunix/auxv.h>
#include <wunix/errno.h>

static const char *ustr(uint32_t u)
{
	return fh_u(u);
}

static uint32_t auxv_get(const uint32_t *aux, uint32_t key, bool *found)
{
	for (; aux[0] != AT_NULL; aux += 2)
		if (aux[0] == key) {
			*found = true;
			return aux[1];
		}
	*found = false;
	return 0;
}

static int live_procs(void)
{
	int n = 0;
	bkl_lock();
	for (int i = 0; i < NPROC; i++)
		n += procs[i].state != P_UNUSED;
	bkl_unlock();
	return n;
}

TEST(exec_initial_stack_layout)
{
	static const char *const argv[] = { "/bin/prog", "one", "", "three", NULL };
	static const char *const envp[] = { "HOME=/home", "TERM=xterm", NULL };
	const uint32_t top = 60000;

	fh_umem_init(32, 64);
	long sp = fh_start(argv, envp, top, 70000);
	CHECK(sp > 0);
	CHECK_EQ(sp % 16, 0);
	CHECK(sp < top && top - sp < 1024);
	const uint32_t *w = fh_u((uint64_t)sp);
	CHECK_EQ(w[0], 4);
	for (int i = 0; i < 4; i++) {
		CHECK(w[1 + i] > (uint32_t)sp && w[1 + i] < top);
		CHECK(!strcmp(ustr(w[1 + i]), argv[i]));
	}
	CHECK_EQ(w[5], 0);
	for (int i = 0; i < 2; i++)
		CHECK(!strcmp(ustr(w[6 + i]), envp[i]));
	CHECK_EQ(w[8], 0);
	const uint32_t *aux = &w[9];
	bool f;
	CHECK_EQ(auxv_get(aux, AT_PAGESZ, &f), 4096);
	CHECK(f);
	CHECK_EQ(auxv_get(aux, AT_CLKTCK, &f), 100);
	CHECK(f);
	CHECK_EQ(auxv_get(aux, AT_HWCAP, &f), 0);
	CHECK(f);
	CHECK_EQ(auxv_get(aux, AT_SECURE, &f), 0);
	CHECK(f);
	CHECK_EQ(auxv_get(aux, AT_UID, &f), 0);
	CHECK(f);
	CHECK_EQ(auxv_get(aux, AT_EGID, &f), 0);
	CHECK(f);
	CHECK_EQ(auxv_get(aux, AT_EXECFN, &f), w[1]);
	CHECK(f);
	uint32_t rnd = auxv_get(aux, AT_RANDOM, &f);
	CHECK(f && rnd + 16 <= top && rnd > (uint32_t)sp);
	CHECK(!memcmp(fh_u(rnd), fh_last_random, 16));
	/* the break starts at heap_base rounded up to a page */
	CHECK_EQ(SC1(NR_brk, 0), 73728);
	CHECK(curproc() && !strcmp(curproc()->comm, "prog"));
	fh_proc_end();
}

TEST(exec_no_arguments)
{
	fh_umem_init(32, 64);
	long sp = fh_start(NULL, NULL, 65536, 65536);
	CHECK(sp > 0);
	const uint32_t *w = fh_u((uint64_t)sp);
	CHECK_EQ(w[0], 0);
	CHECK_EQ(w[1], 0);
	CHECK_EQ(w[2], 0);
	bool f;
	uint32_t execfn = auxv_get(&w[3], AT_EXECFN, &f);
	CHECK(f && execfn > (uint32_t)sp && execfn < 65536);
	CHECK_EQ(*ustr(execfn), 0);
	CHECK_EQ(SC1(NR_brk, 0), 65536);
	fh_proc_end();
}

TEST(exec_e2big_leaves_nothing_behind)
{
	static char big[30000];
	const char *argv[] = { "prog", big, NULL };
	int before = live_procs();

	memset(big, 'a', sizeof(big) - 1);
	fh_umem_init(32, 64);
	CHECK_EQ(fh_start(argv, NULL, 40000, 70000), -E2BIG); /* 16 KiB must stay free */
	CHECK_EQ(live_procs(), before);
	CHECK(k_thread_state() == 0);
	CHECK(fh_start(argv, NULL, 65536, 70000) > 0); /* room enough */
	fh_proc_end();
	fh_umem_init(32, 64);
	CHECK_EQ(fh_start(argv, NULL, 1000, 70000), -E2BIG);
	CHECK_EQ(fh_start(argv, NULL, 0xfffffff0u, 70000), -EFAULT); /* stack beyond the memory */
	CHECK_EQ(live_procs(), before);
	fh_umem_free();
}

TEST(exec_bad_arguments)
{
	static const char *const argv[] = { "prog", NULL };

	fh_umem_init(32, 64);
	/* strings that do not fit the buffer */
	char *kbuf = (char *)k_kalloc(16);
	memset(kbuf, 'x', 16);
	CHECK_EQ(k_proc_start(kbuf, 1, 0, 65536, 70000), -EINVAL);
	memcpy(kbuf, "a\0b\0", 4);
	CHECK_EQ(k_proc_start(kbuf, 2, 5, 65536, 70000), -EINVAL);
	CHECK_EQ(k_proc_start(kbuf, -1, 0, 65536, 70000), -EINVAL);
	CHECK_EQ(k_proc_start(NULL, 1, 0, 65536, 70000), -EINVAL);
	k_kfree((uintptr_t)kbuf);
	/* one thread per CPU */
	CHECK(fh_start(argv, NULL, 65536, 70000) > 0);
	CHECK_EQ(fh_start(argv, NULL, 65536, 70000), -EBUSY);
	fh_proc_end();
}
