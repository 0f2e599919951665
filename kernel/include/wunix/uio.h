/* wunix/uio.h -- struct iovec with wasm32 sizes, and the readv/writev limit. */
#ifndef WUNIX_UIO_H
#define WUNIX_UIO_H

#include <stdint.h>

#define WUNIX_IOV_MAX 1024

struct wunix_iovec {
	uint32_t iov_base;
	uint32_t iov_len;
};

#endif
