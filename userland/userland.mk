# Programs built from Debian source packages for the default root filesystem.
# busybox: Debian's 1.35.0 source (fetched by tools/deps.sh), configured by userland/busybox/config.
BUSYBOX_SRC := $(CACHE)/busybox-1.35.0
BUSYBOX := $(B)/busybox/busybox.wasm
BUSYBOX_INPUTS := userland/busybox/build.sh userland/busybox/config $(wildcard userland/busybox/patches/*.patch)

# A new libc or wunix-cc relinks it (and recompiles what includes a changed header).
$(BUSYBOX): $(SYSROOT)/lib/libc.a tools/wunix-cc $(BUSYBOX_INPUTS) | $(DEPS_STAMP)
	userland/busybox/build.sh $(BUSYBOX_SRC) $(B)/busybox

userland: $(BUSYBOX)
.PHONY: userland
