/* Thread-local storage on wasm. The TLS image belongs to wasm itself: each
 * instance (thread) gets its block through __wasm_init_tls, and the first
 * instance of a process memory gets the static block when the module starts.
 * musl keeps only its thread descriptor and the thread pointer here. */
#define SYSCALL_NO_TLS 1
#include <string.h>
#include <stddef.h>
#include "pthread_impl.h"
#include "libc.h"
#include "atomic.h"
#include "syscall.h"

volatile int __thread_list_lock;

int __init_tp(void *p)
{
	pthread_t td = p;
	td->self = td;
	int r = __set_thread_area(TP_ADJ(p));
	if (r < 0) return -1;
	if (!r) libc.can_do_threads = 1;
	td->detach_state = DT_JOINABLE;
	td->tid = __syscall(SYS_set_tid_address, &__thread_list_lock);
	td->locale = &libc.global_locale;
	td->robust_list.head = &td->robust_list.head;
	td->sysinfo = __sysinfo;
	td->next = td->prev = td;
	return 0;
}

static struct pthread main_thread;

/* Lays out a new thread's area: the descriptor, then room for its wasm TLS
 * block at the thread pointer (aligned), which the new thread initialises
 * itself with __wasm_init_tls. Returns the descriptor. */
void *__copy_tls(unsigned char *mem)
{
	uintptr_t a = libc.tls_align;
	mem += -((uintptr_t)mem + sizeof(struct pthread)) & (a - 1);
	pthread_t td = (pthread_t)mem;
	memset(td, 0, sizeof *td);
	td->dtv = 0;
	return td;
}

static void static_init_tls(size_t *aux)
{
	size_t align = __builtin_wasm_tls_align();
	if (align < _Alignof(struct pthread)) align = _Alignof(struct pthread);
	libc.tls_align = align;
	libc.tls_size = sizeof(struct pthread) + __builtin_wasm_tls_size() + align;
	libc.tls_cnt = 0;
	libc.tls_head = 0;
	if (__init_tp(&main_thread) < 0)
		a_crash();
}

weak_alias(static_init_tls, __init_tls);
