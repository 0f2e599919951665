/* compare: native */
/* mkdir, readdir (sorted here: the order is the file system's), rmdir of a non-empty directory. */
#include "check.h"
#include "fsutil.h"
#include <fcntl.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	char *names[16];
	int n = 0;
	struct stat st;

	fs_enter("getdents_dir");
	CHECK_EQ(mkdir("d", 0755), 0);
	CHECK_ERRNO(mkdir("d", 0755), EEXIST);
	CHECK_EQ(stat(".", &st), 0);
	CHECK_EQ(st.st_nlink, 3);
	close(open("d/one", O_CREAT | O_WRONLY, 0644));
	close(open("d/two", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(mkdir("d/sub", 0755), 0);
	CHECK_EQ(symlink("one", "d/link"), 0);
	DIR *dir = opendir("d");
	struct dirent *e;
	while ((e = readdir(dir)) && n < 16) {
		names[n++] = strdup(e->d_name);
		if (!strcmp(e->d_name, "sub"))
			CHECK_EQ(e->d_type, DT_DIR);
		if (!strcmp(e->d_name, "link"))
			CHECK_EQ(e->d_type, DT_LNK);
		if (!strcmp(e->d_name, "one"))
			CHECK_EQ(e->d_type, DT_REG);
	}
	closedir(dir);
	qsort(names, (size_t)n, sizeof(names[0]), cmp);
	for (int i = 0; i < n; i++)
		printf("%s\n", names[i]);
	CHECK_ERRNO(rmdir("d"), ENOTEMPTY);
	CHECK_ERRNO(unlink("d/sub"), EISDIR);
	CHECK_ERRNO(rmdir("d/one"), ENOTDIR);
	CHECK_ERRNO(rmdir("d/."), EINVAL);
	CHECK_EQ(rmdir("d/sub"), 0);
	CHECK_EQ(stat("d", &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	fs_leave();
	return check_done();
}
