#include <unistd.h>

pid_t _Fork(void);

/* vfork is a fork for now: the child gets a copy, not the parent's memory. */
pid_t vfork(void)
{
	return _Fork();
}
