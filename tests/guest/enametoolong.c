/* compare: native */
/* A path component longer than 255 bytes is ENAMETOOLONG for lookups and
 * creations, as is a path of 4096 bytes or more with its NUL; a 255-byte name
 * and a 4095-byte path made of short components work. */
#define _GNU_SOURCE
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

int main(void)
{
	static char name[300], path[5000];

	fs_enter("enametoolong");
	memset(name, 'n', 255);
	name[255] = 0;
	int fd = open(name, O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ(access(name, F_OK), 0);
	CHECK_EQ(unlink(name), 0);
	name[255] = 'n';
	name[256] = 0;
	CHECK_ERRNO(open(name, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
	CHECK_ERRNO(open(name, O_RDONLY), ENAMETOOLONG);
	CHECK_ERRNO(mkdir(name, 0755), ENAMETOOLONG);
	CHECK_ERRNO(access(name, F_OK), ENAMETOOLONG);
	CHECK_ERRNO(symlink("x", name), ENAMETOOLONG);
	close(open("f", O_CREAT | O_WRONLY, 0644));
	CHECK_ERRNO(rename("f", name), ENAMETOOLONG);
	CHECK_ERRNO(link("f", name), ENAMETOOLONG);
	snprintf(path, sizeof(path), "missing/%s", name);
	CHECK_ERRNO(access(path, F_OK), ENOENT); /* the walk stops before */
	snprintf(path, sizeof(path), "%s/x", name);
	CHECK_ERRNO(stat(path, &(struct stat){ 0 }), ENAMETOOLONG);
	printf("component: done\n");

	/* "./" repeated: 4095 bytes is a path, 4096 is too long */
	for (int i = 0; i < 4094; i += 2)
		memcpy(path + i, "./", 2);
	path[4094] = '.';
	path[4095] = 0;
	CHECK_EQ(strlen(path), 4095);
	CHECK_EQ(access(path, F_OK), 0);
	path[4095] = '/';
	path[4096] = 0;
	CHECK_ERRNO(access(path, F_OK), ENAMETOOLONG);
	CHECK_ERRNO(open(path, O_RDONLY), ENAMETOOLONG);
	CHECK_ERRNO(mkdir(path, 0755), ENAMETOOLONG);
	CHECK_ERRNO(chdir(path), ENAMETOOLONG);
	memset(path, 'a', 4200);
	path[4200] = 0;
	CHECK_ERRNO(open(path, O_RDONLY), ENAMETOOLONG);
	/* a symlink target of 4096 bytes is too long too */
	memset(path, 'a', 4096);
	path[4096] = 0;
	CHECK_ERRNO(symlink(path, "l"), ENAMETOOLONG);
	path[4095] = 0;
	CHECK_EQ(symlink(path, "l"), 0);
	CHECK_EQ(unlink("l"), 0);
	printf("path: done\n");
	fs_leave();
	return check_done();
}
