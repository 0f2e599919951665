/* wunix/auxv.h -- auxiliary vector keys the kernel puts above a new process's envp. */
#ifndef WUNIX_AUXV_H
#define WUNIX_AUXV_H

#define AT_NULL 0
#define AT_PAGESZ 6
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_EXECFN 31

#endif
