/* Filling memfs ends in ENOSPC, the kernel keeps running, and freeing the file gives the space back. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <stdlib.h>

int main(void)
{
#ifdef __wunix__
	static char chunk[1 << 20];
	long total = 0, r = 0;

	fs_enter("enospc");
	int fd = open("big", O_CREAT | O_WRONLY, 0600);
	CHECK(fd >= 0);
	memset(chunk, 'x', sizeof(chunk));
	int err = 0;
	while ((r = write(fd, chunk, sizeof(chunk))) > 0)
		total += r;
	err = errno;
	CHECK_EQ(r, -1);
	CHECK_EQ(err, ENOSPC);
	CHECK(total > (64l << 20));
	close(fd);
	CHECK_EQ(unlink("big"), 0);
	fd = open("small", O_CREAT | O_WRONLY, 0600);
	CHECK_EQ(write(fd, chunk, 4096), 4096);
	close(fd);
	fs_leave();
#endif
	return check_done();
}
