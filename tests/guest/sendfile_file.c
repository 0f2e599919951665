/* compare: native */
/* sendfile copies between files: without an offset pointer from and moving the
 * input's offset, with one from *offset, updating it and leaving the file
 * offset alone; count is cut at EOF; bad descriptors and modes fail. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>
#include <sys/sendfile.h>

static void show(const char *name)
{
	char buf[64] = { 0 };
	int fd = open(name, O_RDONLY);
	CHECK(read(fd, buf, sizeof(buf) - 1) >= 0);
	close(fd);
	printf("%s: [%s]\n", name, buf);
}

int main(void)
{
	fs_enter("sendfile_file");
	int in = open("in", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(write(in, "0123456789abcdef", 16), 16);
	int out = open("out", O_CREAT | O_RDWR, 0644);

	CHECK_EQ(lseek(in, 4, SEEK_SET), 4);
	CHECK_EQ(sendfile(out, in, NULL, 5), 5);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 9);
	CHECK_EQ(lseek(out, 0, SEEK_CUR), 5);
	show("out");

	off_t off = 10;
	CHECK_EQ(sendfile(out, in, &off, 3), 3);
	CHECK_EQ(off, 13);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 9);
	show("out");

	off = 12;
	CHECK_EQ(sendfile(out, in, &off, 100), 4);
	CHECK_EQ(off, 16);
	CHECK_EQ(sendfile(out, in, &off, 100), 0);
	off = 1000;
	CHECK_EQ(sendfile(out, in, &off, 10), 0);
	CHECK_EQ(off, 1000);
	CHECK_EQ(sendfile(out, in, NULL, 0), 0);
	CHECK_EQ(sendfile(out, in, NULL, 100), 7);
	show("out");

	/* a larger copy across memfs blocks */
	static char big[100000], back[100000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + i / 251);
	int b = open("big", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(write(b, big, sizeof(big)), sizeof(big));
	int c = open("copy", O_CREAT | O_RDWR, 0644);
	off = 0;
	long total = 0, n;
	while ((n = sendfile(c, b, &off, 65536)) > 0)
		total += n;
	CHECK_EQ(total, sizeof(big));
	CHECK_EQ(pread(c, back, sizeof(back), 0), sizeof(back));
	CHECK(memcmp(big, back, sizeof(big)) == 0);
	printf("big: %ld\n", total);

	int ro = open("in", O_RDONLY);
	int wo = open("out", O_WRONLY);
	CHECK_ERRNO(sendfile(ro, in, NULL, 1), EBADF);
	CHECK_ERRNO(sendfile(out, wo, NULL, 1), EBADF);
	CHECK_ERRNO(sendfile(-1, in, NULL, 1), EBADF);
	CHECK_ERRNO(sendfile(out, -1, NULL, 1), EBADF);
	off = -1;
	CHECK_ERRNO(sendfile(out, in, &off, 1), EINVAL);
	int d = open(".", O_RDONLY | O_DIRECTORY);
	CHECK_ERRNO(sendfile(out, d, NULL, 1), EINVAL);
	int ap = open("out", O_WRONLY | O_APPEND);
	CHECK_ERRNO(sendfile(ap, in, NULL, 1), EINVAL);
	close(ap);
	close(d);
	close(ro);
	close(wo);
	close(b);
	close(c);
	close(in);
	close(out);
	fs_leave();
	return check_done();
}
