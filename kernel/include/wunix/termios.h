/* wunix/termios.h -- terminal structures and ioctl numbers (Linux asm-generic values).
 * struct wunix_termios is musl's struct termios (60 bytes): musl's tcgetattr passes
 * its own struct straight to TCGETS, so the kernel writes every byte of it. The
 * first 36 bytes are Linux's kernel struct termios; NCCS is 32 instead of 19 and
 * the two speeds follow (musl reads the speed from c_cflag). */
#ifndef WUNIX_TERMIOS_H
#define WUNIX_TERMIOS_H

#include <stdint.h>

#define WUNIX_NCCS 32

struct wunix_termios {
	uint32_t c_iflag;
	uint32_t c_oflag;
	uint32_t c_cflag;
	uint32_t c_lflag;
	uint8_t c_line;
	uint8_t c_cc[WUNIX_NCCS];
	uint32_t c_ispeed;
	uint32_t c_ospeed;
};

struct wunix_winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};

/* c_cc indices */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSWTC 7
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* the flags of a freshly opened Linux terminal */
#define ICRNL 0000400
#define IXON 0002000
#define OPOST 0000001
#define ONLCR 0000004
#define B38400 0000017
#define CS8 0000060
#define CREAD 0000200
#define HUPCL 0002000
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHOCTL 0001000
#define ECHOKE 0004000
#define IEXTEN 0100000

/* ioctl requests */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define FIONBIO 0x5421
#define TIOCNOTTY 0x5422
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

/* the rest of the line discipline's flags (Linux's values) */
#define ISTRIP 0000040
#define INLCR 0000100
#define IGNCR 0000200
#define IXANY 0004000
#define IXOFF 0010000
#define IUTF8 0040000
#define OCRNL 0000010
#define ONOCR 0000020
#define ONLRET 0000040
#define TABDLY 0014000
#define TAB3 0014000
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define FLUSHO 0010000
#define EXTPROC 0200000

#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCOUTQ 0x5411
#define TIOCSTI 0x5412
#define TIOCINQ FIONREAD
#define TIOCGSID 0x5429
#define TIOCGPTN 0x80045430
#define TIOCSPTLCK 0x40045431
#define TIOCGPTLCK 0x80045439
#define TIOCGPTPEER 0x5441

/* TCFLSH and TCXONC arguments */
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2
#define TCOOFF 0
#define TCOON 1
#define TCIOFF 2
#define TCION 3

#endif
