/* kernel/syscall.c -- the system call entry: the dispatch table generated from
 * syscalls.def, and WUNIX_TRACE's strace-like log. */
#include "arch.h"
#include "exports.h"
#include "syscall.h"
#include "cpu.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "host.h"
#include "usercopy.h"
#include <wunix/boot.h>
#include <wunix/errno.h>

struct sysent {
	long (*fn)(const sarg_t *);
	const char *name;
	const char *args; /* how tracing prints each argument; NULL: not implemented */
};

static const struct sysent systab[] = {
#define SYS(nr, name, args) [nr] = { sys_##name, #name, args },
#define NOSYS(nr, name) [nr] = { NULL, #name, NULL },
#include "syscalls.def"
#undef SYS
#undef NOSYS
};

static bool tracing; /* written once at boot */

static const char *const errnames[] = {
	[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR",
	[EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC",
	[EBADF] = "EBADF", [ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES", [EFAULT] = "EFAULT", [ENOTBLK] = "ENOTBLK", [EBUSY] = "EBUSY",
	[EEXIST] = "EEXIST", [EXDEV] = "EXDEV", [ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR",
	[EISDIR] = "EISDIR", [EINVAL] = "EINVAL", [ENFILE] = "ENFILE", [EMFILE] = "EMFILE",
	[ENOTTY] = "ENOTTY", [ETXTBSY] = "ETXTBSY", [EFBIG] = "EFBIG", [ENOSPC] = "ENOSPC",
	[ESPIPE] = "ESPIPE", [EROFS] = "EROFS", [EMLINK] = "EMLINK", [EPIPE] = "EPIPE",
	[EDOM] = "EDOM", [ERANGE] = "ERANGE", [EDEADLK] = "EDEADLK",
	[ENAMETOOLONG] = "ENAMETOOLONG", [ENOLCK] = "ENOLCK", [ENOSYS] = "ENOSYS",
	[ENOTEMPTY] = "ENOTEMPTY", [ELOOP] = "ELOOP", [ENOMSG] = "ENOMSG", [EIDRM] = "EIDRM",
	[ENODATA] = "ENODATA", [ETIME] = "ETIME", [EPROTO] = "EPROTO",
	[EBADMSG] = "EBADMSG", [EOVERFLOW] = "EOVERFLOW", [EBADFD] = "EBADFD",
	[EILSEQ] = "EILSEQ", [ENOTSOCK] = "ENOTSOCK", [EDESTADDRREQ] = "EDESTADDRREQ",
	[EMSGSIZE] = "EMSGSIZE", [EPROTOTYPE] = "EPROTOTYPE", [ENOPROTOOPT] = "ENOPROTOOPT",
	[EPROTONOSUPPORT] = "EPROTONOSUPPORT", [EOPNOTSUPP] = "EOPNOTSUPP",
	[EAFNOSUPPORT] = "EAFNOSUPPORT", [EADDRINUSE] = "EADDRINUSE",
	[EADDRNOTAVAIL] = "EADDRNOTAVAIL", [ENETDOWN] = "ENETDOWN",
	[ENETUNREACH] = "ENETUNREACH", [ECONNABORTED] = "ECONNABORTED",
	[ECONNRESET] = "ECONNRESET", [ENOBUFS] = "ENOBUFS", [EISCONN] = "EISCONN",
	[ENOTCONN] = "ENOTCONN", [ETIMEDOUT] = "ETIMEDOUT", [ECONNREFUSED] = "ECONNREFUSED",
	[EHOSTUNREACH] = "EHOSTUNREACH", [EALREADY] = "EALREADY",
	[EINPROGRESS] = "EINPROGRESS", [ESTALE] = "ESTALE", [EDQUOT] = "EDQUOT",
	[ECANCELED] = "ECANCELED", [EOWNERDEAD] = "EOWNERDEAD",
	[ENOTRECOVERABLE] = "ENOTRECOVERABLE",
};

void syscall_init(int bootflags)
{
	tracing = bootflags & WUNIX_BOOT_TRACE;
}

bool trace_on(void)
{
	return tracing;
}

const char *errno_name(int e)
{
	if (e <= 0 || (size_t)e >= ARRAY_SIZE(errnames))
		return NULL;
	return errnames[e];
}

/* Untyped values (unimplemented calls): small ones in decimal, taking int
 * arguments as musl passes them (zero-extended: -100 is 0xffffff9c), others in hex. */
static int fmt_any(char *buf, size_t n, int64_t v)
{
	int32_t v32 = (int32_t)v;

	if ((uint64_t)v <= UINT32_MAX && v32 > -4096 && v32 < 65536)
		return ksnprintf(buf, n, "%d", v32);
	if (v > -4096 && v < 65536)
		return ksnprintf(buf, n, "%lld", (long long)v);
	return ksnprintf(buf, n, "0x%llx", (unsigned long long)v);
}

static int fmt_str(char *buf, size_t n, uaddr_t u)
{
	char s[40];
	long len = copyinstr(s, u, sizeof(s));

	if (len == -ENAMETOOLONG) {
		s[sizeof(s) - 1] = 0;
		return ksnprintf(buf, n, "\"%s\"...", s);
	}
	if (len < 0)
		return ksnprintf(buf, n, "0x%llx", (unsigned long long)u);
	return ksnprintf(buf, n, "\"%s\"", s);
}

static int fmt_arg(char *buf, size_t n, char kind, sarg_t v)
{
	switch (kind) {
	case 'd':
		return ksnprintf(buf, n, "%d", (int)v);
	case 'u':
		return ksnprintf(buf, n, "%llu", (unsigned long long)v);
	case 'x':
		return ksnprintf(buf, n, "0x%x", (unsigned)v);
	case 'o':
		return ksnprintf(buf, n, "%lld", (long long)v);
	case 'p':
		return v ? ksnprintf(buf, n, "0x%llx", (unsigned long long)v) : ksnprintf(buf, n, "NULL");
	case 's':
		return fmt_str(buf, n, (uaddr_t)v);
	default:
		return fmt_any(buf, n, v);
	}
}

static void trace(int nr, const sarg_t *a, long r, bool ret)
{
	char line[TRACE_LINE];
	const struct sysent *e = nr >= 0 && (size_t)nr < ARRAY_SIZE(systab) ? &systab[nr] : NULL;
	const char *kinds = e && e->args ? e->args : "??????";
	size_t n = 0;

	n += (size_t)ksnprintf(line, sizeof(line), "[%d] ", curproc()->pid);
	if (e && e->name)
		n += (size_t)ksnprintf(line + n, sizeof(line) - n, "%s(", e->name);
	else
		n += (size_t)ksnprintf(line + n, sizeof(line) - n, "syscall_%d(", nr);
	for (int i = 0; kinds[i]; i++) {
		if (i)
			n += (size_t)ksnprintf(line + n, sizeof(line) - n, ", ");
		n += (size_t)fmt_arg(line + n, sizeof(line) - n, kinds[i], a[i]);
	}
	if (!ret) {
		n += (size_t)ksnprintf(line + n, sizeof(line) - n, ") = ?");
	} else if (r < 0 && r >= -EMAXERRNO) {
		const char *name = errno_name((int)-r);
		if (name)
			n += (size_t)ksnprintf(line + n, sizeof(line) - n, ") = -1 %s", name);
		else
			n += (size_t)ksnprintf(line + n, sizeof(line) - n, ") = -1 E%ld", -r);
	} else {
		n += (size_t)ksnprintf(line + n, sizeof(line) - n, ") = ");
		n += (size_t)fmt_any(line + n, sizeof(line) - n, r);
	}
	host_log(line, (uint32_t)n);
}

long syscall_dispatch(int nr, const sarg_t *args)
{
	const struct sysent *e = NULL;

	KASSERT(bkl_held());
	if (nr >= 0 && (size_t)nr < ARRAY_SIZE(systab) && systab[nr].fn)
		e = &systab[nr];
	if (tracing && e && (e->fn == sys_exit || e->fn == sys_exit_group))
		trace(nr, args, 0, false);
	long r = e ? e->fn(args) : -ENOSYS;
	if (tracing)
		trace(nr, args, r, true);
	return r;
}

/* The guest's wunix.syscall import: Linux system call nr with six argument
 * registers. Returns the result or -errno. */
KEXPORT("wunix_syscall") long wunix_syscall(int nr, sarg_t a0, sarg_t a1, sarg_t a2, sarg_t a3,
                                            sarg_t a4, sarg_t a5)
{
	const sarg_t args[6] = { a0, a1, a2, a3, a4, a5 };
	struct thread *t = kentry();

	if (!t) {
		kexit(t);
		return -ENOSYS;
	}
	/* a stopped or ending process runs no more calls */
	long r = t->proc->stopped || t->proc->exiting || t->killed ? -ERESTARTNOINTR : syscall_dispatch(nr, args);
	while (sig_exit_work(t)) {
		bool restart;
		uaddr_t frame = sig_syscall_exit(t, &r, &restart);
		if (frame) {
			/* the handler runs in user mode, on this thread's stack */
			kexit(t);
			host_sig_handler((uint32_t)frame);
			t = kentry();
			if (sig_return(t, frame) && restart) {
				restart = false;
				r = -EINTR;
			}
		}
		if (restart)
			r = syscall_dispatch(nr, args);
		else if (!frame)
			break;
	}
	kexit(t);
	return r;
}
