/* kernel/klib.c -- memory and string helpers, formatting, panics. */
#include "klib.h"
#include "host.h"
#include "param.h"

#ifdef __wasm__
/* With -mbulk-memory the builtins below compile to memory.copy/memory.fill,
 * never to calls of the functions being defined. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	return __builtin_memcpy(dst, src, n);
}

void *memmove(void *dst, const void *src, size_t n)
{
	return __builtin_memmove(dst, src, n);
}

void *memset(void *dst, int c, size_t n)
{
	return __builtin_memset(dst, c, n);
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}
#endif

size_t kstrnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

size_t kstrlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);
	size_t c = len < n - 1 ? len : n - 1;

	memcpy(dst, src, c);
	dst[c] = 0;
	return len;
}

struct fmtbuf {
	char *buf;
	size_t cap;
	size_t len;
};

static void fmt_putc(struct fmtbuf *f, char c)
{
	if (f->len + 1 < f->cap)
		f->buf[f->len] = c;
	f->len++;
}

static void fmt_num(struct fmtbuf *f, uint64_t v, bool neg, unsigned base, int width, char pad)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		width--;
	if (neg && pad == '0')
		fmt_putc(f, '-');
	for (int i = n; i < width; i++)
		fmt_putc(f, pad);
	if (neg && pad != '0')
		fmt_putc(f, '-');
	while (n)
		fmt_putc(f, tmp[--n]);
}

int kvsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct fmtbuf f = { buf, n, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			fmt_putc(&f, *fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0, lng = 0;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng += *fmt == 'z' ? (sizeof(size_t) == 8 ? 2 : 0) : 1;
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
			fmt_num(&f, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, width, pad);
			break;
		}
		case 'u':
		case 'x': {
			uint64_t v = lng >= 2 ? va_arg(ap, unsigned long long)
			           : lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			fmt_num(&f, v, false, *fmt == 'u' ? 10 : 16, width, pad);
			break;
		}
		case 'p':
			fmt_putc(&f, '0');
			fmt_putc(&f, 'x');
			fmt_num(&f, (uintptr_t)va_arg(ap, void *), false, 16, width, pad);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			for (int len = (int)strlen(s); len < width; len++)
				fmt_putc(&f, ' ');
			while (*s)
				fmt_putc(&f, *s++);
			break;
		}
		case 'c':
			fmt_putc(&f, (char)va_arg(ap, int));
			break;
		case '%':
			fmt_putc(&f, '%');
			break;
		case 0:
			fmt--;
			break;
		default:
			fmt_putc(&f, '%');
			fmt_putc(&f, *fmt);
		}
	}
	if (n)
		buf[f.len < n ? f.len : n - 1] = 0;
	return (int)(f.len < n ? f.len : (n ? n - 1 : 0));
}

int ksnprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = kvsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

void klog(const char *fmt, ...)
{
	char line[TRACE_LINE];
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	host_log(line, (uint32_t)n);
}

void kpanic(const char *fmt, ...)
{
	char msg[TRACE_LINE];
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	host_panic(msg, (uint32_t)n);
}
