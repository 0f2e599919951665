/* kernel/pipe.h -- pipes and FIFOs. */
#ifndef WUNIX_PIPE_H
#define WUNIX_PIPE_H

#include "types.h"

struct file;
struct pipe;

#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#endif

/* Creates a pipe: *rd and *wr are new files (one reference each) for its read
 * and write ends, opened with flags (O_NONBLOCK honoured): 0 or -ENOMEM. BKL held. */
long pipe_create(uint32_t flags, struct file **rd, struct file **wr);

/* Opens a FIFO whose pipe lives in *slot (the inode's; NULL until the first
 * open, reset to NULL when the last reader and writer are gone), with open
 * flags (O_ACCMODE, O_NONBLOCK): 0 with *out a new file (one reference), or
 * -errno. Blocks until the other side arrives, except O_RDWR and
 * O_RDONLY|O_NONBLOCK; O_WRONLY|O_NONBLOCK without a reader is -ENXIO.
 * BKL held; may sleep (*slot must stay valid meanwhile). */
long fifo_open(struct pipe **slot, uint32_t flags, struct file **out);

/* Whether f is an end of a pipe or FIFO. BKL held. */
bool file_is_pipe(const struct file *f);

#endif
