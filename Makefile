# SPDX-License-Identifier: GPL-2.0
#
# modstub: autoload stub modules for Linux.
#
#   make            build the tools
#   make check      run the whole test suite (installs what it needs)
#   make check-debug the kernel scenarios on a debug kernel (built once)
#   make fuzz       build the fuzzers (clang, libFuzzer) and run each for
#                   FUZZ_SECONDS seconds (600)
#   make demo       the main job: build everything and show it working
#   make bench      the benchmarks (in QEMU): calls, first loads, memory, modmetac
#   make stress     the long stress tests (in QEMU): a 60 s unload race, storms
#   make deps       install the packages the build and the tests need
#   make install    install into PREFIX (/usr/local), under DESTDIR
#   make clean      remove everything that is not tracked

VERSION		:= 0.1.0

CC		?= cc
BISON		?= bison
FLEX		?= flex
CFLAGS		?= -O2 -g
WARNINGS	:= -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow \
		   -Wwrite-strings -Wstrict-prototypes -Wpointer-arith \
		   -Wformat=2 -Wno-format-nonliteral
ALL_CPPFLAGS	:= -Iinclude -Imodmetac -DMODMETAC_VERSION='"$(VERSION)"' \
		   -D_GNU_SOURCE $(CPPFLAGS)
ALL_CFLAGS	:= -std=gnu11 $(WARNINGS) $(CFLAGS)

# Sanitizer build, used by the test suite
SAN_FLAGS	:= -O1 -g -fsanitize=address,undefined \
		   -fno-sanitize-recover=all -fno-omit-frame-pointer

MODMETAC_SRCS	:= main.c ast.c check.c diag.c emit.c emit_meta.c \
		   emit_stub.c srcpos.c util.c
MODMETAC_GEN	:= lexer.c parser.c
MODMETAC_OBJS	:= $(addprefix build/modmetac/,$(MODMETAC_SRCS:.c=.o) \
		   $(MODMETAC_GEN:.c=.o))
MODMETAC_SAN_OBJS := $(MODMETAC_OBJS:build/%=build/san/%)

STUBGEN_SRCS	:= main.c dwarf.c fnabi.c kofile.c proto.c seal.c symvers.c \
		   verify.c
STUBGEN_OBJS	:= $(addprefix build/stubgen/,$(STUBGEN_SRCS:.c=.o))
STUBGEN_SAN_OBJS := $(STUBGEN_OBJS:build/%=build/san/%)
STUBGEN_LIBS	:= -lelf -ldw -llzma -lzstd -lz

MODSTATE_SRCS	:= main.c meta.c files.c
MODSTATE_OBJS	:= $(addprefix build/modstate/,$(MODSTATE_SRCS:.c=.o))
MODSTATE_SAN_OBJS := $(MODSTATE_OBJS:build/%=build/san/%)
MODSTATE_LIBS	:= -lkmod

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

all: modmetac/modmetac stubgen/stubgen modstate/modstate

modmetac/modmetac: $(MODMETAC_OBJS)
	$(quiet) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^

stubgen/stubgen: $(STUBGEN_OBJS)
	$(quiet) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(STUBGEN_LIBS)

build/stubgen/stubgen-san: $(STUBGEN_SAN_OBJS)
	$(quiet) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(STUBGEN_LIBS)

build/stubgen/%.o: stubgen/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(CC) $(ALL_CPPFLAGS) -DSTUBGEN_VERSION='"$(VERSION)"' $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/san/stubgen/%.o: stubgen/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(CC) $(ALL_CPPFLAGS) -DSTUBGEN_VERSION='"$(VERSION)"' $(ALL_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

modstate/modstate: $(MODSTATE_OBJS)
	$(quiet) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(MODSTATE_LIBS)

build/modstate/modstate-san: $(MODSTATE_SAN_OBJS)
	$(quiet) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(MODSTATE_LIBS)

build/modstate/%.o: modstate/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(CC) $(ALL_CPPFLAGS) -DMODSTATE_VERSION='"$(VERSION)"' $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/san/modstate/%.o: modstate/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(CC) $(ALL_CPPFLAGS) -DMODSTATE_VERSION='"$(VERSION)"' $(ALL_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

build/modmetac/modmetac-san: $(MODMETAC_SAN_OBJS)
	$(quiet) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^

# The grammar must have no conflicts: %expect 0 makes bison fail on one.
build/gen/parser.c build/gen/parser.h: modmetac/parser.y
	@mkdir -p $(@D)
	$(quiet) BISON $@
	$(Q)$(BISON) -Werror --defines=build/gen/parser.h -o build/gen/parser.c $<

build/gen/lexer.c: modmetac/lexer.l build/gen/parser.h
	@mkdir -p $(@D)
	$(quiet) FLEX $@
	$(Q)$(FLEX) -o $@ $<

build/modmetac/%.o: modmetac/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(CC) $(ALL_CPPFLAGS) -Ibuild/gen $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/san/modmetac/%.o: modmetac/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(CC) $(ALL_CPPFLAGS) -Ibuild/gen $(ALL_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

# flex output has unused helpers and signed/unsigned mixes of its own
GEN_CFLAGS	:= -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes \
		   -Wno-missing-field-initializers

build/modmetac/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(CC) $(ALL_CPPFLAGS) -Ibuild/gen $(ALL_CFLAGS) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<

build/san/modmetac/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(CC) $(ALL_CPPFLAGS) -Ibuild/gen $(ALL_CFLAGS) $(GEN_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

$(MODMETAC_OBJS) $(MODMETAC_SAN_OBJS): build/gen/parser.h

-include $(MODMETAC_OBJS:.o=.d) $(MODMETAC_SAN_OBJS:.o=.d)
-include $(STUBGEN_OBJS:.o=.d) $(STUBGEN_SAN_OBJS:.o=.d)
-include $(MODSTATE_OBJS:.o=.d) $(MODSTATE_SAN_OBJS:.o=.d)

# Fuzzers: libFuzzer targets for modmetac's front end and stubgen's reader
# of .ko files (fuzz/), built with clang and its sanitizers into build/fuzz/.
FUZZ_CC		?= clang
FUZZ_SECONDS	?= 600
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS	:= -std=gnu11 $(WARNINGS) -O1 -g -fno-omit-frame-pointer \
		   $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LDFLAGS	:= $(FUZZ_SAN) -fsanitize=fuzzer
FUZZERS		:= build/fuzz/fuzz_modmetac build/fuzz/fuzz_stubgen
FUZZ_MODMETAC_OBJS := $(addprefix build/fuzz/modmetac/, \
		   $(patsubst %.c,%.o,$(filter-out main.c,$(MODMETAC_SRCS)) \
		   $(MODMETAC_GEN)))
FUZZ_STUBGEN_OBJS := $(addprefix build/fuzz/stubgen/, \
		   $(patsubst %.c,%.o,$(filter-out main.c,$(STUBGEN_SRCS))))

build/fuzz/fuzz_modmetac: build/fuzz/fuzz_modmetac.o $(FUZZ_MODMETAC_OBJS)
	$(quiet) LD $@
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_LDFLAGS) -o $@ $^

build/fuzz/fuzz_stubgen: build/fuzz/fuzz_stubgen.o $(FUZZ_STUBGEN_OBJS)
	$(quiet) LD $@
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_LDFLAGS) -o $@ $^ $(STUBGEN_LIBS)

build/fuzz/fuzz_modmetac.o: fuzz/fuzz_modmetac.c build/gen/parser.h
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(FUZZ_CC) $(ALL_CPPFLAGS) -Ibuild/gen $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/fuzz_stubgen.o: fuzz/fuzz_stubgen.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(FUZZ_CC) $(ALL_CPPFLAGS) -Istubgen $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/modmetac/%.o: modmetac/%.c build/gen/parser.h
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(FUZZ_CC) $(ALL_CPPFLAGS) -Ibuild/gen $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/modmetac/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(FUZZ_CC) $(ALL_CPPFLAGS) -Ibuild/gen $(FUZZ_CFLAGS) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/stubgen/%.o: stubgen/%.c
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(FUZZ_CC) $(ALL_CPPFLAGS) -DSTUBGEN_VERSION='"$(VERSION)"' $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

-include $(FUZZ_MODMETAC_OBJS:.o=.d) $(FUZZ_STUBGEN_OBJS:.o=.d) \
	 $(FUZZERS:=.d)

fuzzers: $(FUZZERS)

# The seeds come from the test suite's modules: built first if missing.
fuzz:
	@scripts/deps.sh --quiet
	@$(MAKE) --no-print-directory all $(FUZZERS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) testsuite/fuzz.sh

deps:
	@scripts/deps.sh

# Installs what is missing first: bison and flex are needed to build.
check:
	@scripts/deps.sh --quiet
	@$(MAKE) --no-print-directory all build/modmetac/modmetac-san \
		build/stubgen/stubgen-san build/modstate/modstate-san
	@testsuite/run.sh

# The kernel scenarios on a debug kernel (KASAN, lockdep, kmemleak, UBSAN,
# fault injection, signatures enforced), built once per machine from
# Debian's linux-source-6.12 and cached in MODSTUB_CACHE (~/.cache/modstub).
check-debug:
	@scripts/deps.sh --quiet
	@$(MAKE) --no-print-directory all
	@testsuite/debug.sh

# The long forms of the stress scenarios: RACE_SECONDS (60) of unload race.
stress:
	@scripts/deps.sh --quiet
	@$(MAKE) --no-print-directory all
	@testsuite/stress.sh

# The benchmarks, in QEMU for each test kernel: a table, and JSON in
# build/bench/bench.json.
bench:
	@scripts/deps.sh --quiet
	@$(MAKE) --no-print-directory all
	@bench/bench.sh

demo:
	@scripts/deps.sh --quiet
	@$(MAKE) --no-print-directory all
	@scripts/demo.sh

# Also what an in-tree Kbuild run leaves in the module directories.
clean:
	rm -rf build modmetac/modmetac stubgen/stubgen modstate/modstate testsuite/out
	rm -f kernel/examples/*/*_modmeta.c kernel/examples/*/*_stub.[ch] \
	      kernel/examples/*/*_stub-ret.c \
	      testsuite/kmod/*_modmeta.c testsuite/kmod/*_stub.[ch] \
	      testsuite/kmod/*_stub-ret.c testsuite/kmod-old/*_modmeta.c
	find kernel testsuite/kmod testsuite/kmod-old \( -name '*.o' -o -name '*.ko' -o \
	     -name '*.mod' -o -name '*.mod.c' -o -name '.*.cmd' -o \
	     -name 'Module.symvers' -o -name 'modules.order' -o \
	     -name '.*.d' -o -name '.*.stamp' -o -name '.*.sealed' -o \
	     -name '.*.verified' -o \
	     -name '.stubcore.symvers' \) -delete

# Installation: the tools, their man pages, the headers, the Make rules for
# driver trees (PREFIX/share/modstub/modstub.mk, with the headers beside it
# for the kernel build: PREFIX/include must not become a kernel include
# path), and stubcore's source with a dkms.conf in DKMS_SRCDIR.  The rules
# find the tools in PREFIX/bin (set MODMETAC and STUBGEN in a driver tree
# for another BINDIR).  Before "make uninstall": dkms remove stubcore/VERSION.
PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
SBINDIR		?= $(PREFIX)/sbin
MANDIR		?= $(PREFIX)/share/man
INCLUDEDIR	?= $(PREFIX)/include
MODSTUB_MKDIR	?= $(PREFIX)/share/modstub
DKMS_SRCDIR	?= /usr/src/stubcore-$(VERSION)
HEADERS		:= $(wildcard include/modstub/*.h)
STUBCORE_SRC	:= $(addprefix kernel/stubcore/,core.c slowpath.S Kbuild \
		   Makefile README.md)

install: all
	$(quiet) INSTALL $(DESTDIR)$(PREFIX)
	$(Q)install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(INCLUDEDIR)/modstub \
		$(DESTDIR)$(MODSTUB_MKDIR)/include/modstub \
		$(DESTDIR)$(DKMS_SRCDIR)/include/modstub
	$(Q)install -m 755 modmetac/modmetac stubgen/stubgen $(DESTDIR)$(BINDIR)/
	$(Q)install -m 755 modstate/modstate $(DESTDIR)$(SBINDIR)/
	$(Q)install -m 644 doc/*.1 $(DESTDIR)$(MANDIR)/man1/
	$(Q)install -m 644 doc/*.5 $(DESTDIR)$(MANDIR)/man5/
	$(Q)install -m 644 doc/*.8 $(DESTDIR)$(MANDIR)/man8/
	$(Q)install -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/modstub/
	$(Q)install -m 644 $(HEADERS) $(DESTDIR)$(MODSTUB_MKDIR)/include/modstub/
	$(Q)install -m 644 mk/modstub.mk $(DESTDIR)$(MODSTUB_MKDIR)/
	$(quiet) INSTALL $(DESTDIR)$(DKMS_SRCDIR)
	$(Q)install -m 644 $(STUBCORE_SRC) $(DESTDIR)$(DKMS_SRCDIR)/
	$(Q)install -m 644 $(HEADERS) $(DESTDIR)$(DKMS_SRCDIR)/include/modstub/
	$(Q)sed 's/@VERSION@/$(VERSION)/' kernel/stubcore/dkms.conf.in \
		> $(DESTDIR)$(DKMS_SRCDIR)/dkms.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/modmetac $(DESTDIR)$(BINDIR)/stubgen \
	      $(DESTDIR)$(SBINDIR)/modstate \
	      $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(wildcard doc/*.1))) \
	      $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(wildcard doc/*.5))) \
	      $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(wildcard doc/*.8)))
	rm -rf $(DESTDIR)$(INCLUDEDIR)/modstub $(DESTDIR)$(MODSTUB_MKDIR) \
	       $(DESTDIR)$(DKMS_SRCDIR)

.PHONY: all deps check check-debug demo bench stress clean install uninstall fuzz fuzzers
