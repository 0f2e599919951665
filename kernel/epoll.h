/* kernel/epoll.h -- epoll's hook into open file descriptions. */
#ifndef WUNIX_EPOLL_H
#define WUNIX_EPOLL_H

struct file;

/* f's last reference is going: removes it from every epoll set watching it.
 * Called by file_put before ops->close. BKL held. */
void epoll_file_gone(struct file *f);

#endif
