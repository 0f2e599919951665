/* wunix/utsname.h -- struct utsname as uname(2) writes it (6 fields of 65 bytes). */
#ifndef WUNIX_UTSNAME_H
#define WUNIX_UTSNAME_H

#define WUNIX_UTS_LEN 65

struct wunix_utsname {
	char sysname[WUNIX_UTS_LEN];
	char nodename[WUNIX_UTS_LEN];
	char release[WUNIX_UTS_LEN];
	char version[WUNIX_UTS_LEN];
	char machine[WUNIX_UTS_LEN];
	char domainname[WUNIX_UTS_LEN];
};

#endif
