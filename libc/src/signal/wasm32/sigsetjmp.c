#include <setjmp.h>
#include <signal.h>
#include "syscall.h"

/* sigsetjmp is a macro in <setjmp.h>: setjmp must be called in the frame that
 * later returns twice. This saves the mask beforehand; siglongjmp restores it
 * before jumping, which leaves the same mask in place as restoring it after. */
void __wunix_sigsetjmp_save(sigjmp_buf env, int savemask)
{
	env->__fl = savemask != 0;
	if (savemask)
		__syscall(SYS_rt_sigprocmask, SIG_SETMASK, 0, env->__ss, _NSIG/8);
}
