/* tests/unit/child.h -- child processes for unit tests: fork the current
 * process (k_fork), then run the child on a pthread of its own (a CPU with a
 * fresh process memory) until it exits. */
#ifndef CHILD_H
#define CHILD_H

#include <pthread.h>
#include <stdint.h>

struct child {
	int pid;
	void (*fn)(void *arg); /* runs first as the child, if set */
	void *arg;
	int64_t delay_ns;      /* then nanosleep this long, if > 0 */
	int trap;              /* then die of this signal (k_thread_trap), if set */
	int code;              /* else exit_group(code) */
	pthread_t th;
};

/* Forks the current process: the child's pid (its thread has not run). */
int child_fork(void);
/* Runs c on its own CPU in the background / waits until it has exited. */
void child_start(struct child *c);
void child_join(struct child *c);
/* Runs child pid until it exits with code, and waits for that. */
void child_exit(int pid, int code);

#endif
