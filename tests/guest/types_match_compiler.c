/* compare: native */
/* libc's size_t, ptrdiff_t, intptr_t, wchar_t and friends are the types the
 * compiler itself uses, so printf's %zu/%td checks and C++ name mangling agree
 * with the headers: a mismatch fails to compile here. */
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <wchar.h>
#include "check.h"

#define SAME(a, b) _Static_assert(__builtin_types_compatible_p(a, b), #a " is not " #b)

SAME(size_t, __SIZE_TYPE__);
SAME(ptrdiff_t, __PTRDIFF_TYPE__);
SAME(intptr_t, __INTPTR_TYPE__);
SAME(uintptr_t, __UINTPTR_TYPE__);
SAME(intmax_t, __INTMAX_TYPE__);
SAME(uintmax_t, __UINTMAX_TYPE__);
SAME(int64_t, __INT64_TYPE__);
SAME(uint64_t, __UINT64_TYPE__);
SAME(int32_t, __INT32_TYPE__);
SAME(wchar_t, __WCHAR_TYPE__);
/* wint_t is not checked: musl makes it unsigned on every arch (WEOF is
 * 0xffffffffU), where clang says int for wasm32. */

int main(void)
{
	_Static_assert(sizeof(ssize_t) == sizeof(size_t), "ssize_t and size_t differ in size");
	_Static_assert(sizeof(off_t) == 8, "off_t is not 64-bit");
	_Static_assert(sizeof(time_t) == 8, "time_t is not 64-bit");
	printf("%zu %td %jd\n", sizeof(long long), (ptrdiff_t)-1, (intmax_t)-2);
	return check_done();
}
