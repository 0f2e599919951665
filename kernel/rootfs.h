/* kernel/rootfs.h -- the root filesystem image unpacked at boot. */
#ifndef WUNIX_ROOTFS_H
#define WUNIX_ROOTFS_H

/* Unpacks the host's image (if any) into the root file system: 0, or -errno
 * after logging which entry was bad. Boot only, BKL held, vfs context set. */
long rootfs_unpack(void);

#endif
