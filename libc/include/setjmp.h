#ifndef	_SETJMP_H
#define	_SETJMP_H

/* wunix's <setjmp.h>. On wasm, setjmp is lowered by the compiler into the
 * calling function, so sigsetjmp, which must return twice in its caller's
 * frame, is a macro around setjmp rather than a function. */

#ifdef __cplusplus
extern "C" {
#endif

#include <features.h>

#include <bits/setjmp.h>

typedef struct __jmp_buf_tag {
	__jmp_buf __jb;
	unsigned long __fl;
	unsigned long __ss[128/sizeof(long)];
} jmp_buf[1];

#define __setjmp_attr __attribute__((__returns_twice__))

int setjmp (jmp_buf) __setjmp_attr;
_Noreturn void longjmp (jmp_buf, int);
#define setjmp setjmp

#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
int _setjmp (jmp_buf) __setjmp_attr;
_Noreturn void _longjmp (jmp_buf, int);
#endif

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) \
 || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
typedef jmp_buf sigjmp_buf;
void __wunix_sigsetjmp_save (sigjmp_buf, int);
_Noreturn void siglongjmp (sigjmp_buf, int);
#define sigsetjmp(env, savemask) (__wunix_sigsetjmp_save((env), (savemask)), setjmp(env))
#endif

#undef __setjmp_attr

#ifdef __cplusplus
}
#endif

#endif
