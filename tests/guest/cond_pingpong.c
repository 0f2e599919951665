/* compare: native */
/* Two threads hand a token back and forth through one mutex and two condition
 * variables, 5,000 times: each side sees every value the other wrote, in
 * order, and never runs out of turn. Then pthread_cond_broadcast wakes all of
 * 8 waiters at once. */
#include <pthread.h>
#include <stdint.h>
#include "check.h"

#define ROUNDS 5000
#define WAITERS 8

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t to_ping = PTHREAD_COND_INITIALIZER, to_pong = PTHREAD_COND_INITIALIZER;
static int token;      /* even: ping's turn, odd: pong's turn */
static int pong_bad;

static void *pong(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	for (int i = 0; i < ROUNDS; i++) {
		while (token % 2 == 0)
			pthread_cond_wait(&to_pong, &m);
		if (token != 2 * i + 1)
			pong_bad++;
		token++;
		pthread_cond_signal(&to_ping);
	}
	pthread_mutex_unlock(&m);
	return NULL;
}

static int gate, woken;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER, woken_cv = PTHREAD_COND_INITIALIZER;
static int waiting;

static void *waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	waiting++;
	pthread_cond_signal(&woken_cv);
	while (!gate)
		pthread_cond_wait(&gate_cv, &m);
	woken++;
	pthread_cond_signal(&woken_cv);
	pthread_mutex_unlock(&m);
	return NULL;
}

int main(void)
{
	pthread_t t;
	int ping_bad = 0;
	CHECK_EQ(pthread_create(&t, NULL, pong, NULL), 0);
	pthread_mutex_lock(&m);
	for (int i = 0; i < ROUNDS; i++) {
		if (token != 2 * i)
			ping_bad++;
		token++;
		pthread_cond_signal(&to_pong);
		while (token % 2 == 1)
			pthread_cond_wait(&to_ping, &m);
	}
	pthread_mutex_unlock(&m);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(ping_bad, 0);
	CHECK_EQ(pong_bad, 0);
	CHECK_EQ(token, 2 * ROUNDS);
	printf("%d rounds: token %d, out of order %d/%d\n", ROUNDS, token, ping_bad, pong_bad);

	pthread_t w[WAITERS];
	for (int i = 0; i < WAITERS; i++)
		CHECK_EQ(pthread_create(&w[i], NULL, waiter, NULL), 0);
	pthread_mutex_lock(&m);
	while (waiting < WAITERS)
		pthread_cond_wait(&woken_cv, &m);
	gate = 1;
	CHECK_EQ(pthread_cond_broadcast(&gate_cv), 0);
	while (woken < WAITERS)
		pthread_cond_wait(&woken_cv, &m);
	pthread_mutex_unlock(&m);
	for (int i = 0; i < WAITERS; i++)
		CHECK_EQ(pthread_join(w[i], NULL), 0);
	printf("broadcast woke %d of %d waiters\n", woken, WAITERS);
	return check_done();
}
