/* compare: native */
/* Each thread has its own _Thread_local variables, initialised from the TLS
 * image (not from the creating thread's current values), at distinct
 * addresses, and its own pthread_key values. A key's destructor runs at thread
 * exit once per thread with a non-NULL value, with that thread's value, on
 * return from the start routine and on pthread_exit alike; a NULL value gets
 * no call; a destructor that sets a new value is called again. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

#define THREADS 8

static _Thread_local int tv = 42;
static _Thread_local long zero;
static _Thread_local char buf[64] = "image";
static pthread_key_t key, again_key;
static pthread_barrier_t all_alive;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int dtor_calls, dtor_sum, again_calls;
static uintptr_t addr[THREADS];
static void *key_addr[THREADS];

static void dtor(void *v)
{
	pthread_mutex_lock(&m);
	dtor_calls++;
	dtor_sum += *(int *)v;
	pthread_mutex_unlock(&m);
	free(v);
}

/* Sets its key again on the first call: the second pass calls it again. */
static void again_dtor(void *v)
{
	pthread_mutex_lock(&m);
	again_calls++;
	pthread_mutex_unlock(&m);
	if (v == (void *)1)
		pthread_setspecific(again_key, (void *)2);
}

static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg, bad = 0;
	bad += tv != 42 || zero != 0 || strcmp(buf, "image") != 0;
	tv = 1000 + id;
	zero = id;
	snprintf(buf, sizeof buf, "thread %d", id);
	addr[id] = (uintptr_t)&tv;
	bad += pthread_getspecific(key) != NULL;
	if (id != 3) { /* thread 3 leaves its value NULL: no destructor call */
		int *v = malloc(sizeof *v);
		*v = id + 1;
		pthread_setspecific(key, v);
		key_addr[id] = v;
	}
	if (id == 5)
		pthread_setspecific(again_key, (void *)1);
	pthread_barrier_wait(&all_alive); /* everyone has written */
	pthread_barrier_wait(&all_alive);
	char want[64];
	snprintf(want, sizeof want, "thread %d", id);
	bad += tv != 1000 + id || zero != id || strcmp(buf, want) != 0;
	bad += pthread_getspecific(key) != key_addr[id];
	if (bad)
		fprintf(stderr, "thread %d saw a wrong thread-local value\n", id);
	if (id % 2)
		pthread_exit((void *)(intptr_t)bad);
	return (void *)(intptr_t)bad;
}

int main(void)
{
	pthread_t t[THREADS];
	tv = 7; /* new threads still start from the image: 42 */
	snprintf(buf, sizeof buf, "main");
	CHECK_EQ(pthread_key_create(&key, dtor), 0);
	CHECK_EQ(pthread_key_create(&again_key, again_dtor), 0);
	CHECK_EQ(pthread_setspecific(key, &tv), 0); /* main's value: no destructor until main exits */
	CHECK_EQ(pthread_barrier_init(&all_alive, NULL, THREADS), 0);
	for (int i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i), 0);
	int bad = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		CHECK_EQ(pthread_join(t[i], &r), 0);
		bad += (int)(intptr_t)r;
	}
	CHECK_EQ(bad, 0);
	int distinct = 1;
	for (int i = 0; i < THREADS; i++) {
		distinct &= addr[i] != (uintptr_t)&tv;
		for (int j = 0; j < i; j++)
			distinct &= addr[i] != addr[j];
	}
	CHECK(distinct);
	CHECK_EQ(tv, 7);
	CHECK_STR(buf, "main");
	CHECK(pthread_getspecific(key) == &tv);
	CHECK_EQ(dtor_calls, THREADS - 1);
	CHECK_EQ(dtor_sum, THREADS * (THREADS + 1) / 2 - 4);
	CHECK_EQ(again_calls, 2);
	CHECK_EQ(pthread_key_delete(key), 0);
	CHECK_EQ(pthread_key_delete(again_key), 0);
	printf("%d threads: own values %s, distinct addresses %s, main kept %d and \"%s\"\n",
	       THREADS, bad ? "no" : "yes", distinct ? "yes" : "no", tv, buf);
	printf("destructor calls %d (sum %d), re-armed destructor calls %d\n", dtor_calls, dtor_sum, again_calls);
	return check_done();
}
