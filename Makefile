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
#   make version    print the version
#   make deb        build the Debian packages (into build/deb)

# The one version of the project: that of the newest entry of
# debian/changelog, which the Debian packages carry too.
VERSION		:= ${shell sed -n '1s/^modstub (\([^)]*\)).*/\1/p' debian/changelog}
ifeq ($(VERSION),)
$(error no version in debian/changelog: its first line must be "modstub (VERSION) ...")
endif

CC		?= cc
BISON		?= bison
FLEX		?= flex
CFLAGS		?= -O2 -g
WARNINGS	:= -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow \
		   -Wwrite-strings -Wstrict-prototypes -Wpointer-arith \
		   -Wformat=2
ALL_CPPFLAGS	:= -Iinclude -iquote lib -iquote build/gen -D_GNU_SOURCE $(CPPFLAGS)
ALL_CFLAGS	:= -std=gnu11 $(WARNINGS) $(CFLAGS)
# flex output has unused helpers and signed/unsigned mixes of its own
GEN_CFLAGS	:= -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes \
		   -Wno-missing-field-initializers

# Sanitizer build, used by the test suite
SAN_FLAGS	:= -O1 -g -fsanitize=address,undefined \
		   -fno-sanitize-recover=all -fno-omit-frame-pointer

# Fuzzers: libFuzzer targets for modmetac's front end and stubgen's reader
# of .ko files (fuzz/), built with clang and its sanitizers into build/fuzz/.
FUZZ_CC		?= clang
FUZZ_SECONDS	?= 600
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS	:= -std=gnu11 $(WARNINGS) -O1 -g -fno-omit-frame-pointer \
		   $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LDFLAGS	:= $(FUZZ_SAN) -fsanitize=fuzzer

# The sources of each tool (its main() in main.c) and of the library they
# share (lib/).
LIB_SRCS	:= $(addprefix lib/,file.c modname.c msg.c util.c)
modmetac_SRCS	:= $(addprefix modmetac/,main.c ast.c check.c compile.c diag.c \
		   emit.c emit_meta.c emit_stub.c escape.c output.c srcpos.c) \
		   build/gen/lexer.c build/gen/parser.c
stubgen_SRCS	:= $(addprefix stubgen/,main.c convert.c dwarf.c fnabi.c inspect.c \
		   kofile.c proto.c seal.c symvers.c verify.c)
modstate_SRCS	:= $(addprefix modstate/,main.c meta.c files.c)
modrun_SRCS	:= $(addprefix modrun/,main.c image.c)
udrvd_SRCS	:= $(addprefix udrvd/,main.c config.c pci.c supervise.c control.c)
stubgen_LIBS	:= -lelf -ldw -llzma -lzstd -lz
modstate_LIBS	:= -lkmod
TOOLS		:= modmetac stubgen modstate modrun udrvd

# Each flavour of build has its objects in a directory of its own:
# build/obj (the tools), build/san (ASan/UBSan), build/fuzz/obj (clang).
# $(call objs,DIR,SOURCES): the objects of SOURCES in DIR.
objs		= $(patsubst %.c,$(1)/%.o,$(patsubst build/%,%,$(2)))

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

all: $(foreach t,$(TOOLS),$(t)/$(t)) udrv/libudrv.a

# $(call flavour,DIR,CC,CFLAGS): how DIR's objects are compiled; the
# generated sources (build/gen) with GEN_CFLAGS.  The generated headers
# are made before what includes them is compiled; after the first build
# the dependency files say who needs them.
define flavour
$(1)/%.o: %.c | build/gen/version.h
	@mkdir -p $$(@D)
	$$(quiet) CC $$@
	$$(Q)$(2) $$(ALL_CPPFLAGS) $$(TOOL_INCLUDES) $(3) -MMD -MP -c -o $$@ $$<

$(1)/gen/%.o: build/gen/%.c | build/gen/version.h
	@mkdir -p $$(@D)
	$$(quiet) CC $$@
	$$(Q)$(2) $$(ALL_CPPFLAGS) $$(TOOL_INCLUDES) $(3) $$(GEN_CFLAGS) -MMD -MP -c -o $$@ $$<
endef
$(eval $(call flavour,build/obj,$(CC),$(ALL_CFLAGS)))
$(eval $(call flavour,build/san,$(CC),$(ALL_CFLAGS) $(SAN_FLAGS)))
$(eval $(call flavour,build/fuzz/obj,$(FUZZ_CC),$(FUZZ_CFLAGS)))

# $(call link,BINARY,OBJECTS,CC,LDFLAGS,LIBS)
define link
$(1): $(2)
	@mkdir -p $$(@D)
	$$(quiet) LD $$@
	$$(Q)$(3) $(4) $$(LDFLAGS) -o $$@ $$^ $(5)

DEPFILES += $(2:.o=.d)
endef

# $(call tool,NAME): the tool, its sanitizer build, and where its headers are
define tool
$(call link,$(1)/$(1),$(call objs,build/obj,$($(1)_SRCS) $(LIB_SRCS)),$$(CC),$$(ALL_CFLAGS),$($(1)_LIBS))
$(call link,build/$(1)/$(1)-san,$(call objs,build/san,$($(1)_SRCS) $(LIB_SRCS)),$$(CC),$$(ALL_CFLAGS) $$(SAN_FLAGS),$($(1)_LIBS))
$(foreach d,build/obj build/san build/fuzz/obj,$(call objs,$(d),$($(1)_SRCS))): TOOL_INCLUDES := -iquote $(1)
endef
$(foreach t,$(TOOLS),$(eval $(call tool,$(t))))

# The emulation library of user-space drivers (udrv(7)): its sources see
# the kernel's headers of udrv/include/linux (over the UAPI ones) as a
# driver's user build does; linked into each NAME-user by mk/modstub.mk.
udrv_SRCS	:= $(addprefix udrv/,cuse.c heartbeat.c irq.c main.c mem.c pci.c printk.c \
		   sched.c vfio.c)
udrv_OBJS	:= $(call objs,build/obj,$(udrv_SRCS))
$(udrv_OBJS): TOOL_INCLUDES := -Iudrv/include -iquote udrv -iquote lib \
	-DKBUILD_MODNAME='"udrv"'
# (with the tools' printer of usage errors)
udrv/libudrv.a: $(udrv_OBJS) build/obj/lib/msg.o
	$(quiet) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^
DEPFILES += $(udrv_OBJS:.o=.d)

# A fuzzer links its tool without main.c.
# $(call fuzzer,TOOL)
define fuzzer
$(call link,build/fuzz/fuzz_$(1),$(call objs,build/fuzz/obj,fuzz/fuzz_$(1).c $(filter-out $(1)/main.c,$($(1)_SRCS)) $(LIB_SRCS)),$$(FUZZ_CC),$$(FUZZ_CFLAGS) $$(FUZZ_LDFLAGS),$($(1)_LIBS))
build/fuzz/obj/fuzz/fuzz_$(1).o: TOOL_INCLUDES := -iquote $(1)
endef
FUZZERS		:= build/fuzz/fuzz_modmetac build/fuzz/fuzz_stubgen build/fuzz/fuzz_udrvd
$(foreach t,modmetac stubgen udrvd,$(eval $(call fuzzer,$(t))))

# What includes the parser's header (the lexer and the front end)
$(foreach d,build/obj build/san build/fuzz/obj,$(call objs,$(d),$(modmetac_SRCS))) \
build/fuzz/obj/fuzz/fuzz_modmetac.o: | build/gen/parser.h

# The grammar must have no conflicts: %expect 0 makes bison fail on one.
# One run of bison makes both files (a grouped target).
build/gen/parser.c build/gen/parser.h &: modmetac/parser.y
	@mkdir -p $(@D)
	$(quiet) BISON build/gen/parser.c
	$(Q)$(BISON) -Werror --defines=build/gen/parser.h -o build/gen/parser.c $<

build/gen/lexer.c: modmetac/lexer.l build/gen/parser.h
	@mkdir -p $(@D)
	$(quiet) FLEX $@
	$(Q)$(FLEX) -o $@ $<

# The one version of the project, for every tool: rewritten only when it
# changes, so that nothing is rebuilt for nothing.
build/gen/version.h: FORCE
	@mkdir -p $(@D)
	@printf '/* generated by the Makefile */\n#define MODSTUB_VERSION "%s"\n' \
		'$(VERSION)' > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else \
		printf '  %-7s %s\n' GEN $@; mv $@.new $@; fi

-include $(DEPFILES)

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
	@$(MAKE) --no-print-directory all $(foreach t,$(TOOLS),build/$(t)/$(t)-san)
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
	rm -rf build modmetac/modmetac stubgen/stubgen modstate/modstate modrun/modrun \
	       udrvd/udrvd udrv/libudrv.a testsuite/out
	rm -f kernel/examples/*/*_modmeta.c kernel/examples/*/*_stub.[ch] \
	      kernel/examples/*/*_stub-ret.c \
	      testsuite/kmod/*_modmeta.c testsuite/kmod/*_stub.[ch] \
	      testsuite/kmod/*_stub-ret.c testsuite/kmod-old/*_modmeta.c \
	      kernel/examples/edu/edu-user kernel/examples/edu/edutest \
	      kernel/examples/edu/.edu-user.d
	find kernel testsuite/kmod testsuite/kmod-old \( -name '*.o' -o -name '*.ko' -o \
	     -name '*.mod' -o -name '*.mod.c' -o -name '.*.cmd' -o \
	     -name 'Module.symvers' -o -name 'modules.order' -o \
	     -name '.*.d' -o -name '.*.stamp' -o -name '.*.sealed' -o \
	     -name '.*.verified' -o \
	     -name '.stubcore.symvers' -o -name '.modrun.symvers' \) -delete

# Installation: the tools, their man pages, the headers, the Make rules for
# driver trees (PREFIX/share/modstub/modstub.mk, with the headers beside it
# for the kernel build: PREFIX/include must not become a kernel include
# path), stubcore's source with a dkms.conf in DKMS_SRCDIR, and udrvd's
# systemd unit in SYSTEMD_UNITDIR.  The rules
# find the tools in PREFIX/bin (set MODMETAC and STUBGEN in a driver tree
# for another BINDIR).  Before "make uninstall": dkms remove stubcore/VERSION.
PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
SBINDIR		?= $(PREFIX)/sbin
MANDIR		?= $(PREFIX)/share/man
INCLUDEDIR	?= $(PREFIX)/include
MODSTUB_MKDIR	?= $(PREFIX)/share/modstub
# where modstub.mk finds the emulation library of user-space drivers
UDRV_LIBDIR	:= $(PREFIX)/lib/modstub
SYSTEMD_UNITDIR	?= $(PREFIX)/lib/systemd/system
DKMS_SRCDIR	?= /usr/src/stubcore-$(VERSION)
HEADERS		:= $(wildcard include/modstub/*.h)
# the C environment of module programs: for their kernel build only
LIBC_HEADERS	:= $(wildcard include/modstub/libc/*.h)
STUBCORE_SRC	:= $(addprefix kernel/stubcore/,core.c calls.h slowpath.S Kbuild \
		   Makefile README.md)

install: all
	$(quiet) INSTALL $(DESTDIR)$(PREFIX)
	$(Q)install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(INCLUDEDIR)/modstub $(DESTDIR)$(UDRV_LIBDIR) \
		$(DESTDIR)$(MODSTUB_MKDIR)/udrv/include/linux \
		$(DESTDIR)$(MODSTUB_MKDIR)/include/modstub/libc \
		$(DESTDIR)$(DKMS_SRCDIR)/include/modstub $(DESTDIR)$(SYSTEMD_UNITDIR)
	$(Q)install -m 755 modmetac/modmetac stubgen/stubgen modrun/modrun \
		$(DESTDIR)$(BINDIR)/
	$(Q)install -m 755 modstate/modstate udrvd/udrvd $(DESTDIR)$(SBINDIR)/
	$(Q)sed 's|@SBINDIR@|$(SBINDIR)|g' udrvd/udrvd.service.in \
		> $(DESTDIR)$(SYSTEMD_UNITDIR)/udrvd.service
	$(Q)install -m 644 doc/*.1 $(DESTDIR)$(MANDIR)/man1/
	$(Q)install -m 644 doc/*.5 $(DESTDIR)$(MANDIR)/man5/
	$(Q)install -m 644 doc/*.7 $(DESTDIR)$(MANDIR)/man7/
	$(Q)install -m 644 doc/*.8 $(DESTDIR)$(MANDIR)/man8/
	$(Q)install -m 644 udrv/libudrv.a $(DESTDIR)$(UDRV_LIBDIR)/
	$(Q)install -m 644 udrv/include/linux/*.h \
		$(DESTDIR)$(MODSTUB_MKDIR)/udrv/include/linux/
	$(Q)install -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/modstub/
	$(Q)install -m 644 $(HEADERS) $(DESTDIR)$(MODSTUB_MKDIR)/include/modstub/
	$(Q)install -m 644 $(LIBC_HEADERS) $(DESTDIR)$(MODSTUB_MKDIR)/include/modstub/libc/
	$(Q)install -m 644 mk/modstub.mk $(DESTDIR)$(MODSTUB_MKDIR)/
	$(quiet) INSTALL $(DESTDIR)$(DKMS_SRCDIR)
	$(Q)install -m 644 $(STUBCORE_SRC) $(DESTDIR)$(DKMS_SRCDIR)/
	$(Q)install -m 644 $(HEADERS) $(DESTDIR)$(DKMS_SRCDIR)/include/modstub/
	$(Q)sed 's/@VERSION@/$(VERSION)/' kernel/stubcore/dkms.conf.in \
		> $(DESTDIR)$(DKMS_SRCDIR)/dkms.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/modmetac $(DESTDIR)$(BINDIR)/stubgen \
	      $(DESTDIR)$(BINDIR)/modrun \
	      $(DESTDIR)$(SBINDIR)/modstate $(DESTDIR)$(SBINDIR)/udrvd \
	      $(DESTDIR)$(SYSTEMD_UNITDIR)/udrvd.service \
	      $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(wildcard doc/*.1))) \
	      $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(wildcard doc/*.5))) \
	      $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(wildcard doc/*.7))) \
	      $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(wildcard doc/*.8))) \
	      $(DESTDIR)$(UDRV_LIBDIR)/libudrv.a
	rm -rf $(DESTDIR)$(INCLUDEDIR)/modstub $(DESTDIR)$(MODSTUB_MKDIR) \
	       $(DESTDIR)$(DKMS_SRCDIR)

version:
	@echo $(VERSION)

# The Debian packages (debian/), built from the files git tracks, in a copy
# of them: build/deb/modstub_VERSION_amd64.deb and
# build/deb/stubcore-dkms_VERSION_all.deb.
DEB_DIR		:= build/deb
deb:
	@scripts/deps.sh --quiet
	$(Q)rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/modstub-$(VERSION)
	$(Q)git ls-files -z | tar --null -T - -cf - | \
		tar -xf - -C $(DEB_DIR)/modstub-$(VERSION)
	$(quiet) DPKG $(DEB_DIR)
	$(Q)cd $(DEB_DIR)/modstub-$(VERSION) && \
		dpkg-buildpackage -us -uc -b > ../build.log 2>&1 || \
		{ tail -40 ../build.log >&2; exit 1; }

.PHONY: FORCE all deps check check-debug demo bench stress clean install uninstall fuzz fuzzers version deb
