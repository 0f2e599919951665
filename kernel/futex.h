/* kernel/futex.h -- futexes (futex.c). */
#ifndef WUNIX_FUTEX_H
#define WUNIX_FUTEX_H

#include "types.h"

/* futex(2) operations and flags: Linux's values (musl carries its own copy). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_LOCK_PI2 13
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

/* FUTEX_WAKE_OP's val3: op, cmp, oparg and cmparg packed as FUTEX_OP(). */
#define FUTEX_OP_SET 0  /* uaddr2 = oparg */
#define FUTEX_OP_ADD 1  /* uaddr2 += oparg */
#define FUTEX_OP_OR 2   /* uaddr2 |= oparg */
#define FUTEX_OP_ANDN 3 /* uaddr2 &= ~oparg */
#define FUTEX_OP_XOR 4  /* uaddr2 ^= oparg */
#define FUTEX_OP_OPARG_SHIFT 8 /* oparg is 1 << oparg */
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((uint32_t)(op) & 0xf) << 28) | (((uint32_t)(cmp) & 0xf) << 24) | (((uint32_t)(oparg) & 0xfff) << 12) | \
	 ((uint32_t)(cmparg) & 0xfff))

/* sizeof(struct robust_list_head) with 32-bit pointers: set_robust_list's len. */
#define ROBUST_LIST_HEAD_SIZE 12

struct proc;
/* Wakes up to n threads of p waiting on the futex word at uaddr, whatever
 * their bitset (thread exit's CLONE_CHILD_CLEARTID): how many. BKL held. */
int futex_wake(struct proc *p, uaddr_t uaddr, int n);

#endif
