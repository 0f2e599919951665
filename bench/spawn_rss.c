/* measure: inside */
/* sample: rss */
/* target: spawn_rss.growth <= 8 MiB */
/* Memory over many processes: 20,000 sequential posix_spawn+waitpid of a
 * small program (this one, argv[0], with the argument "exit"). The harness
 * samples the resident memory of the wunix (Node) process after 1,000, 10,000
 * and 20,000 ("RSS NAME" lines, see tools/bench); the growth is over the last
 * 10,000, which should be flat. The first thousands are a warm-up: V8's heaps
 * and the hosts' caches and pools grow to their steady size (about 150 MiB
 * here, reached by 16,000 and flat to 100,000 when last measured). Also the
 * mean ms per spawn+wait over the 20,000. */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SPAWNS 20000

extern char **environ;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Has the harness take a sample, and waits until it has. */
static void sample(const char *name)
{
	char c;
	printf("RSS %s\n", name);
	fflush(stdout);
	if (read(0, &c, 1) < 0)
		perror("read");
}

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "exit", NULL };
	double t0 = now_ms(), paused = 0;

	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	for (int i = 1; i <= SPAWNS; i++) {
		pid_t pid;
		int status, err = posix_spawn(&pid, argv[0], NULL, NULL, args, environ);
		if (err) {
			fprintf(stderr, "posix_spawn %s: %s\n", argv[0], strerror(err));
			return 1;
		}
		if (waitpid(pid, &status, 0) != pid || status != 0) {
			fprintf(stderr, "waitpid: status %#x\n", status);
			return 1;
		}
		if (i == 1000 || i == 10000) {
			double t = now_ms();
			sample(i == 1000 ? "spawn_rss.after_1000" : "spawn_rss.after_10000");
			paused += now_ms() - t;
		}
	}
	double ms = (now_ms() - t0 - paused) / SPAWNS;
	sample("spawn_rss.after_20000");
	printf("RESULT spawn_rss %.3f ms\n", ms);
	return 0;
}
