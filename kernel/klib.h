/* kernel/klib.h -- the small C library of the kernel: memory and string helpers,
 * formatting, panics and assertions. */
#ifndef WUNIX_KLIB_H
#define WUNIX_KLIB_H

#include <stdarg.h>
#include "types.h"

#ifdef __wasm__
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
#else
#include <string.h>
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ROUND_UP(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUND_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))

/* Length of s, at most max. */
size_t kstrnlen(const char *s, size_t max);
/* Copies src into dst of size n, always NUL-terminated (n > 0); returns strlen(src). */
size_t kstrlcpy(char *dst, const char *src, size_t n);

/* printf-style formatting into buf of size n, always NUL-terminated (n > 0):
 * %d %i %u %x %p %s %c %% with l, ll, z modifiers, a width and '0' padding.
 * Returns the length written, without the NUL. */
int kvsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Writes one formatted diagnostic line through host_log. */
void klog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Stops everything with a formatted message (host_panic). */
__attribute__((noreturn)) void kpanic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define KASSERT(c) \
	do { \
		if (!(c)) \
			kpanic("assertion \"%s\" failed at %s:%d", #c, __FILE__, __LINE__); \
	} while (0)

#endif
