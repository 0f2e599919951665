# tests/unit/unit.mk -- native kernel unit tests (included by the top-level Makefile).
# `make unit` runs them plain, under ASan+UBSan, and the lock/sleep tests under TSan.
UNIT_CC ?= gcc
UNIT_KSRCS := $(filter-out kernel/arch_wasm.c,$(wildcard kernel/*.c))
UNIT_TSRCS := $(wildcard tests/unit/*.c)
UNIT_DEPS := $(UNIT_KSRCS) $(UNIT_TSRCS) $(wildcard kernel/*.h kernel/include/wunix/*.h tests/unit/*.h) \
	kernel/syscalls.def tests/unit/unit.mk tests/unit/run.sh
UNIT_CFLAGS := -std=gnu11 -g -pthread -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-missing-field-initializers -Ikernel -Ikernel/include -Itests/unit
UNIT_TSAN_TESTS := lock_ sleep_ state_ pipe_ poll_ flock_block wait_block timer_ futex_

$(B)/unit/unit: $(UNIT_DEPS)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) -O1 $(UNIT_KSRCS) $(UNIT_TSRCS) -o $@

$(B)/unit/unit-asan: $(UNIT_DEPS)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=undefined $(UNIT_KSRCS) $(UNIT_TSRCS) -o $@

$(B)/unit/unit-tsan: $(UNIT_DEPS)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) -O1 -fsanitize=thread $(UNIT_KSRCS) $(UNIT_TSRCS) -o $@

unit: $(B)/unit/unit $(B)/unit/unit-asan $(B)/unit/unit-tsan
	@sh tests/unit/run.sh $(B)/unit "$(UNIT_TSAN_TESTS)"
.PHONY: unit
