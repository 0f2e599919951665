/* The kernel writes struct stat exactly as <bits/stat.h> lays it out. */
struct kstat {
	dev_t st_dev;
	ino_t st_ino;
	mode_t st_mode;
	nlink_t st_nlink;
	uid_t st_uid;
	gid_t st_gid;
	dev_t st_rdev;
	off_t st_size;
	blksize_t st_blksize;
	int __pad;
	blkcnt_t st_blocks;
	long long st_atime_sec;
	long st_atime_nsec;
	int __pad_a;
	long long st_mtime_sec;
	long st_mtime_nsec;
	int __pad_m;
	long long st_ctime_sec;
	long st_ctime_nsec;
	int __pad_c;
};
