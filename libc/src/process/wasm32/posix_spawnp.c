#include <spawn.h>
#include <stdlib.h>
#include "libc.h"

hidden int __wunix_spawn(pid_t *restrict, const char *restrict,
	const posix_spawn_file_actions_t *, const posix_spawnattr_t *restrict,
	char *const [restrict], char *const [restrict], const char *);

/* The kernel walks PATH itself (WUNIX_SPAWN_SEARCH), so the file actions run
 * once in the child whichever candidate succeeds. PATH is the caller's, as
 * for execvp, with execvp's default when it is unset. */
int posix_spawnp(pid_t *restrict res, const char *restrict file,
	const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *restrict attr,
	char *const argv[restrict], char *const envp[restrict])
{
	const char *path = getenv("PATH");
	if (!path) path = "/usr/local/bin:/bin:/usr/bin";
	return __wunix_spawn(res, file, fa, attr, argv, envp, path);
}
