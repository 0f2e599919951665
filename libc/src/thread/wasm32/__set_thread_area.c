#include "pthread_impl.h"

__thread uintptr_t __wunix_tp;

int __set_thread_area(void *p)
{
	__wunix_tp = (uintptr_t)p;
	return 0;
}
