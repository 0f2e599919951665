/* compare: native */
/* umask masks the modes of open(O_CREAT), mkdir and mknod; chmod sets them as given. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static void mode(const char *name)
{
	struct stat st;
	CHECK_EQ(lstat(name, &st), 0);
	printf("%s %o\n", name, (unsigned)st.st_mode);
}

int main(void)
{
	fs_enter("umask_mode");
	umask(027);
	CHECK_EQ(umask(022), 027);
	umask(027);
	close(open("f", O_CREAT | O_WRONLY, 0777));
	mode("f");
	CHECK_EQ(mkdir("d", 0777), 0);
	mode("d");
	CHECK_EQ(mknod("fifo", S_IFIFO | 0666, 0), 0);
	mode("fifo");
	CHECK_EQ(chmod("f", 04755), 0);
	mode("f");
	int fd = open("f", O_RDONLY);
	CHECK_EQ(fchmod(fd, 0600), 0);
	close(fd);
	mode("f");
	CHECK_EQ(symlink("f", "l"), 0);
	mode("l");
#ifdef __wunix__
	CHECK_ERRNO(mknod("dev", S_IFCHR | 0600, 0x103), EPERM);
#endif
	fs_leave();
	return check_done();
}
