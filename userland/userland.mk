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

# dash, lua, the sqlite3 shell and GNU make: Debian's sources (fetched by tools/deps.sh), one recipe
# each (userland/NAME/build.sh SRC OUT, sharing userland/tree.sh); each output is rebuilt only when
# libc, wunix-cc or its recipe changes.
DASH := $(B)/dash/dash.wasm
LUA := $(B)/lua/lua.wasm
SQLITE := $(B)/sqlite/sqlite3.wasm
GMAKE := $(B)/make/make.wasm
LUA_NATIVE := $(B)/native/lua/lua
USERLAND_DEPS := $(SYSROOT)/lib/libc.a tools/wunix-cc userland/tree.sh
$(DASH): $(USERLAND_DEPS) userland/dash/build.sh | $(DEPS_STAMP)
	userland/dash/build.sh $(CACHE)/dash-0.5.12 $(B)/dash
$(LUA): $(USERLAND_DEPS) userland/lua/build.sh | $(DEPS_STAMP)
	userland/lua/build.sh $(CACHE)/lua5.4-5.4.4 $(B)/lua
$(SQLITE): $(USERLAND_DEPS) userland/sqlite/build.sh | $(DEPS_STAMP)
	userland/sqlite/build.sh $(CACHE)/sqlite3-3.40.1 $(B)/sqlite
$(GMAKE): $(USERLAND_DEPS) userland/make/build.sh | $(DEPS_STAMP)
	userland/make/build.sh $(CACHE)/make-4.3 $(B)/make
# The same lua built with gcc, for `make bench`.
$(LUA_NATIVE): userland/lua/build.sh userland/tree.sh | $(DEPS_STAMP)
	userland/lua/build.sh $(CACHE)/lua5.4-5.4.4 $(B)/native/lua native
userland: $(DASH) $(LUA) $(SQLITE) $(GMAKE)
