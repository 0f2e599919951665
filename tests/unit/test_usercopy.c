/* tests/unit/test_usercopy.c -- copyin/copyout/copyinstr bounds and overflow. */
#include "fakehost.h"
#include "test.h"
#include "lock.h"
#include "usercopy.h"
#include <string.h>
#include <wunix/errno.h>

TEST(usercopy_bounds)
{
	char k[64];
	fh_proc_begin();
	uint64_t size = (uint64_t)fh_umem()->pages * FH_PAGE;

	bkl_lock();
	memcpy(fh_u(8292), "abcdef", 6);
	CHECK_EQ(copyin(k, 8292, 6), 0);
	CHECK(!memcmp(k, "abcdef", 6));
	CHECK_EQ(copyout(size - 6, "uvwxyz", 6), 0);
	CHECK(!memcmp(fh_u(size - 6), "uvwxyz", 6));
	CHECK_EQ(copyin(k, size - 5, 6), -EFAULT);
	CHECK_EQ(copyout(size, "x", 1), -EFAULT);
	CHECK_EQ(copyin(k, 0, 0), 0);
	CHECK_EQ(copyin(k, 0, 4), -EFAULT);    /* NULL faults, as on Linux... */
	CHECK_EQ(copyout(4095, k, 1), -EFAULT); /* ...and so does the rest of the first page */
	CHECK_EQ(copyin(k, 4096, 1), 0);
	CHECK_EQ(copyinstr(k, 0, 8), -EFAULT);

	long calls = fh_ucopy_calls;
	CHECK_EQ(copyin(k, 0x100000000ull, 1), -EFAULT);          /* at 4 GiB */
	CHECK_EQ(copyin(k, 0xfffffffffffffff0ull, 0x20), -EFAULT); /* wraps */
	CHECK_EQ(copyout(0xffffffffull, k, 2), -EFAULT);           /* crosses 4 GiB */
	CHECK_EQ(copyin(k, 16, 0x100000000ull), -EFAULT);          /* longer than 4 GiB */
	CHECK_EQ(umemset(0xfffff000ull, 0, 0x2000), -EFAULT);
	CHECK_EQ(umemmove(0, 0x1ffffffffull, 1), -EFAULT);
	CHECK_EQ(fh_ucopy_calls, calls); /* refused before reaching the host */
	bkl_unlock();
	fh_proc_end();
}

TEST(usercopy_copyinstr)
{
	char k[16];
	fh_proc_begin();
	uint64_t size = (uint64_t)fh_umem()->pages * FH_PAGE;

	bkl_lock();
	strcpy(fh_u(8392), "hello");
	CHECK_EQ(copyinstr(k, 8392, sizeof(k)), 5);
	CHECK(!strcmp(k, "hello"));
	CHECK_EQ(copyinstr(k, 8392, 6), 5);
	CHECK_EQ(copyinstr(k, 8392, 5), -ENAMETOOLONG);
	CHECK_EQ(copyinstr(k, 8392, 0), -ENAMETOOLONG);
	memset(fh_u(size - 4), 'x', 4);
	CHECK_EQ(copyinstr(k, size - 4, sizeof(k)), -EFAULT); /* runs off the memory */
	CHECK_EQ(copyinstr(k, 0x100000000ull, sizeof(k)), -EFAULT);
	CHECK_EQ(copyinstr(k, 0xffffffffffffff00ull, sizeof(k)), -EFAULT);
	bkl_unlock();
	fh_proc_end();
}

TEST(usercopy_ioctx_kernel_buffers)
{
	char src[8] = "kernel!", dst[8] = { 0 };

	bkl_lock();
	CHECK_EQ(io_copyout(&io_kernel, (uaddr_t)(uintptr_t)dst, src, 8), 0);
	CHECK(!memcmp(dst, "kernel!", 8));
	memset(src, 0, sizeof(src));
	CHECK_EQ(io_copyin(&io_kernel, src, (uaddr_t)(uintptr_t)dst, 8), 0);
	CHECK(!memcmp(src, "kernel!", 8));
	bkl_unlock();
}
