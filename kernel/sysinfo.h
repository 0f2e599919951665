/* kernel/sysinfo.h -- system-wide figures shared by sysinfo() and /proc. */
#ifndef WUNIX_SYSINFO_H
#define WUNIX_SYSINFO_H

#include "types.h"

/* Memory in KiB: total is the kernel memory's ceiling, free what the kernel allocator has not used. BKL held. */
void sysinfo_mem_kb(uint64_t *total, uint64_t *free);

#endif
