/* wunix/random.h -- getrandom flags. */
#ifndef WUNIX_RANDOM_H
#define WUNIX_RANDOM_H

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

#endif
