/* kernel/types.h -- basic kernel types. */
#ifndef WUNIX_TYPES_H
#define WUNIX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An address in the memory of the current process: only usercopy.c dereferences it. */
typedef uint64_t uaddr_t;
/* One system call argument register as the guest passed it. */
typedef int64_t sarg_t;

#endif
