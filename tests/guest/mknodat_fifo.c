/* compare: native */
/* mknodat makes FIFOs (S_ISFIFO, size 0, mode less umask), regular files for
 * S_IFREG or type 0, refuses S_IFDIR (EPERM), an unknown type (EINVAL) and an
 * existing name (EEXIST). A made FIFO carries data between its two ends. Device
 * nodes: root may make them on Linux; wunix refuses them (EPERM, checked under
 * wunix only). */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/sysmacros.h>

static void show(const char *name)
{
	struct stat st;
	CHECK_EQ(lstat(name, &st), 0);
	printf("%s: %s %o size %ld\n", name, S_ISFIFO(st.st_mode) ? "fifo" : S_ISREG(st.st_mode) ? "file" : "other",
		(unsigned)(st.st_mode & 07777), (long)st.st_size);
}

int main(void)
{
	fs_enter("mknodat_fifo");
	umask(022);
	int dfd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK_EQ(mknodat(dfd, "p", S_IFIFO | 0666, 0), 0);
	show("p");
	CHECK_EQ(mkfifo("q", 0600), 0);
	show("q");
	CHECK_EQ(mknodat(AT_FDCWD, "r", S_IFREG | 0640, 0), 0);
	show("r");
	CHECK_EQ(mknod("z", 0644, 0), 0);
	show("z");
	CHECK_ERRNO(mknodat(dfd, "p", S_IFIFO | 0666, 0), EEXIST);
	CHECK_ERRNO(mknod("d", S_IFDIR | 0755, 0), EPERM);
	CHECK_ERRNO(mknod("bad", 0170000 | 0644, 0), EINVAL);
	CHECK_ERRNO(mknod("missing/p", S_IFIFO | 0644, 0), ENOENT);
	CHECK_ERRNO(mknod("r/p", S_IFIFO | 0644, 0), ENOTDIR);
	/* no reader yet: a nonblocking writer is ENXIO */
	CHECK_ERRNO(open("p", O_WRONLY | O_NONBLOCK), ENXIO);
	int fd = open("p", O_RDONLY | O_NONBLOCK);
	CHECK(fd >= 0);
	char c = 0;
	CHECK_EQ(read(fd, &c, 1), 0);
	int w = open("p", O_WRONLY | O_NONBLOCK);
	CHECK(w >= 0);
	CHECK_EQ(write(w, "!", 1), 1);
	CHECK_EQ(read(fd, &c, 1), 1);
	printf("through the fifo: %c\n", c);
	CHECK_ERRNO(lseek(fd, 0, SEEK_SET), ESPIPE);
	close(w);
	close(fd);
#ifdef __wunix__
	CHECK_ERRNO(mknod("c", S_IFCHR | 0600, makedev(1, 3)), EPERM);
	CHECK_ERRNO(mknod("b", S_IFBLK | 0600, makedev(8, 0)), EPERM);
	CHECK_ERRNO(access("c", F_OK), ENOENT);
#endif
	close(dfd);
	fs_leave();
	return check_done();
}
