# unibias - GNU make build. `make` builds ./unibias, `make check` runs every
# test (unit, scenario, TUI, ASan+UBSan, TSan), `make run` opens the TUI on the
# default preset, `make bench` measures speed and memory.
# Targets that a fresh machine may reach first install missing Debian
# packages through scripts/install-deps, then re-enter make so that the
# pkg-config queries below see them.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man/man1
DATADIR ?= $(PREFIX)/share/unibias
DESTDIR ?=

CC      ?= cc
PKG_CONFIG ?= pkg-config
BUILD   ?= build
OPT     ?= -O3
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes
# No code here relies on floating-point traps; without them comparisons
# if-convert and the activation loops vectorise.
FPFLAGS := -fno-trapping-math
CFLAGS  ?= $(OPT) -g
EXTRA_CFLAGS ?=
# CI sets WERROR=-Werror
WERROR  ?=
SAN     ?=

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw openblas 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw openblas 2>/dev/null)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

ALL_CFLAGS = $(WARN) $(WERROR) $(FPFLAGS) $(CFLAGS) $(EXTRA_CFLAGS) $(if $(SAN),-fsanitize=$(SAN) -fno-omit-frame-pointer) \
             -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc $(PKG_CFLAGS) -DUB_DATADIR='"$(DATADIR)"' -MMD -MP
ALL_LDFLAGS = $(if $(SAN),-fsanitize=$(SAN)) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lpthread -lm

ENGINE_SRC := $(sort $(wildcard src/engine/*.c))
APP_SRC    := $(sort $(wildcard src/cli/*.c src/tui/*.c))
TEST_SRC   := $(sort $(wildcard tests/test_*.c))
BENCH_SRC  := $(sort $(wildcard bench/*.c))

ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
APP_OBJ    := $(APP_SRC:%.c=$(BUILD)/%.o)
TEST_BIN   := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_BIN  := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
ENGINE_LIB := $(BUILD)/libunibias.a
APP_LIB    := $(BUILD)/libunibias_app.a
PROG       := $(if $(filter build,$(BUILD)),unibias,$(BUILD)/unibias)

.PHONY: all deps run check check-unit check-scripts check-asan check-tsan bench install uninstall clean FORCE
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory $(PROG)

deps:
	@sh scripts/install-deps

$(PROG): $(BUILD)/src/main.o $(APP_LIB) $(ENGINE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(ENGINE_LIB): $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(APP_LIB): $(APP_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The installed preset directory is compiled into presetpath.o: rebuild it when
# DATADIR changes (e.g. `make install PREFIX=/usr` after a plain `make`).
$(BUILD)/datadir.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR)' | cmp -s - $@ 2>/dev/null || echo '$(DATADIR)' >$@
$(BUILD)/src/cli/presetpath.o: $(BUILD)/datadir.stamp
FORCE:

$(BUILD)/tests/%: tests/%.c $(APP_LIB) $(ENGINE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(APP_LIB) $(ENGINE_LIB) $(CHECK_LIBS) $(LIBS)

$(BUILD)/bench/%: bench/%.c $(APP_LIB) $(ENGINE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(APP_LIB) $(ENGINE_LIB) $(LIBS)

run: deps
	@$(MAKE) --no-print-directory $(PROG)
	./$(PROG)

# The README's test command. Everything, in increasing cost.
# Each runner appends "passed failed" to UB_COUNTS; the last line sums them.
check: deps
	@rm -f $(CURDIR)/build/check-counts; mkdir -p build
	@UB_COUNTS=$(CURDIR)/build/check-counts $(MAKE) --no-print-directory check-unit check-scripts
	@UB_COUNTS=$(CURDIR)/build/check-counts $(MAKE) --no-print-directory check-asan
	@UB_COUNTS=$(CURDIR)/build/check-counts $(MAKE) --no-print-directory check-tsan
	@awk '{p += $$1; f += $$2} END {printf "make check: %d passed, %d failed\n", p, f}' build/check-counts

check-unit: $(PROG) $(TEST_BIN)
	@UB_TEST_FILTER='$(UB_TEST_FILTER)' sh tests/run-unit.sh $(TEST_BIN)

check-scripts: $(PROG)
	@sh tests/run-scripts.sh ./$(PROG)

# Unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
check-asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT=-O1 SAN=address,undefined \
	  EXTRA_CFLAGS=-fno-sanitize-recover=undefined check-unit

# Threaded parts (the TUI worker) under ThreadSanitizer.
check-tsan:
	@$(MAKE) --no-print-directory BUILD=build-tsan OPT=-O1 SAN=thread UB_TEST_FILTER=tsan check-unit

bench: deps
	@$(MAKE) --no-print-directory $(PROG) $(BENCH_BIN)
	@sh bench/run.sh ./$(PROG) $(BUILD)/bench

install: $(PROG)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/presets
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/unibias
	install -m 644 man/unibias.1 $(DESTDIR)$(MANDIR)/unibias.1
	install -m 644 presets/*.preset $(DESTDIR)$(DATADIR)/presets/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/unibias $(DESTDIR)$(MANDIR)/unibias.1
	for f in presets/*.preset; do rm -f "$(DESTDIR)$(DATADIR)/presets/$${f##*/}"; done
	-rmdir $(DESTDIR)$(DATADIR)/presets $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build build-asan build-tsan unibias

-include $(ENGINE_OBJ:.o=.d) $(APP_OBJ:.o=.d) $(BUILD)/src/main.d
