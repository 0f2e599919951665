/* wasm has no thread-pointer register: the thread pointer is a wasm TLS
 * variable, which each instance (thread) has its own copy of. */
extern __thread uintptr_t __wunix_tp;

static inline uintptr_t __get_tp(void)
{
	return __wunix_tp;
}

#define TLS_ABOVE_TP
#define GAP_ABOVE_TP 0

#define MC_PC __pc
