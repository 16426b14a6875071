# SPDX-License-Identifier: GPL-2.0
#
# modstub.mk - Kbuild rules for a module with an autoload stub module.
#
# In the Kbuild file (or the Kbuild part of the Makefile) of a module
# directory, after the lines that describe the modules:
#
#	obj-m += frob.o bar.o
#	frob-y := frob_core.o frob_dev.o
#	modmeta-y := frob.modmeta
#	include /usr/share/modstub/modstub.mk
#
# and build as usual:
#
#	make -C /lib/modules/$(uname -r)/build M=$PWD [modules|modules_install|clean]
#
# For each module NAME that the files of modmeta-y describe, modmetac
# writes NAME_modmeta.c, linked into NAME.ko, and, if NAME has stubs, the
# source of its stub module NAME_stub.c, built into NAME_stub.ko (with,
# if it has custom retfuncs, NAME_stub.h that declares them, and
# NAME_stub-ret.c that compiles its retsource file).  NAME may be a
# module of several objects (NAME-y) or of one source NAME.c, which is
# then compiled under the object name NAME-modstub.o, with the per-object
# settings of NAME.o (CFLAGS_NAME.o and the like).  The stub source is
# compiled as NAME_stub-modstub.o; a stub module may have objects of its
# own (a custom retfunc that includes NAME_stub.h): list them in
# NAME_stub-y.  Include this file after the lines that set obj-m, NAME-y,
# NAME_stub-y and ccflags-y.
#
# Once NAME.o and NAME_stub.o are linked, and before modpost reads them,
# "stubgen seal" finishes and checks both tables from their debug
# information (the generated objects are compiled with -g), and "stubgen
# verify" checks the pair: a stubbed function that NAME does not define,
# or still exports, a retfunc or argnword that does not fit the
# function's prototype, a variadic ustub, stop the build there.
#
# Signatures: to the kernel, NAME.ko and NAME_stub.ko are modules like any
# other.  Where signatures are enforced (CONFIG_MODULE_SIG_FORCE, or a
# Secure Boot lockdown) both must be signed: an unsigned stub module is
# refused when modprobe loads it, an unsigned NAME.ko when its first call
# loads it (the stubs then answer with their retfuncs, and stubcore says
# why in one line).  Sign them as any out-of-tree module:
#   - Kbuild's modules_install signs every module of the directory when
#     the kernel has CONFIG_MODULE_SIG_ALL and its build tree holds the
#     key (CONFIG_MODULE_SIG_KEY: a kernel you build yourself);
#   - DKMS signs what it builds with its machine owner key
#     (/var/lib/dkms/mok.key, enrolled with mokutil);
#   - by hand: $(KDIR)/scripts/sign-file sha256 KEY.pem CERT.x509 NAME.ko
# Sign after the build: seal writes into the objects before modpost, and
# the signature must cover what it wrote.  "make check-debug" runs the
# kernel tests with signatures enforced, signed by modules_install.
#
# Variables (set them before the include line, or on the make command line):
#   modmeta-y         the .modmeta files, relative to this directory
#   udrv-y            (the tree's own Makefile) the drivers also built as
#                     user-space processes NAME-user (see below)
#   MODMETACFLAGS     more options for modmetac (-Werror, -Wno-CHECK, ...)
#   MODSTUB_SYMVERS   a Module.symvers of stubcore for modpost; default: made
#                     from MODSTUB_STUBCORE
#   MODSTUB_STUBCORE  the stubcore.ko to take it from (.ko, .ko.xz, .ko.gz,
#                     .ko.zst); default: the one installed for the kernel
#                     built against (by DKMS, say), as modinfo finds it
#   MODRUN_SYMVERS, MODSTUB_MODRUN
#                     the same for modrun.ko, which module programs (type
#                     program, modrun(1)) link against
#   MODMETAC, STUBGEN, MODRUN
#                     the tools (paths, or names found in PATH); default:
#                     those of the tree or the PREFIX this file is in
#   KDIR              (the tree's own Makefile) the kernel's build tree
#   UDRV_LIB, UDRV_INCLUDE
#                     the emulation library of user-space drivers and its
#                     headers (udrv(7)); default: the tree's or PREFIX's
#
# See modmetac(1), stubgen(1) and modmeta(5).

modstub-mk := $(lastword $(MAKEFILE_LIST))
modstub-mkdir := $(patsubst %/,%,$(dir $(modstub-mk)))

ifneq ($(wildcard $(modstub-mkdir)/../include/modstub/modstub.h),)
# mk/modstub.mk in the modstub source tree (after "make")
modstub-top := $(abspath $(modstub-mkdir)/..)
MODMETAC ?= $(modstub-top)/modmetac/modmetac
STUBGEN ?= $(modstub-top)/stubgen/stubgen
MODRUN ?= $(modstub-top)/modrun/modrun
MODSTUB_INCLUDE ?= $(modstub-top)/include
UDRV_LIB ?= $(modstub-top)/udrv/libudrv.a
UDRV_INCLUDE ?= $(modstub-top)/udrv/include
else
# PREFIX/share/modstub/modstub.mk, after "make install"
modstub-top := $(abspath $(modstub-mkdir)/../..)
MODMETAC ?= $(modstub-top)/bin/modmetac
STUBGEN ?= $(modstub-top)/bin/stubgen
MODRUN ?= $(modstub-top)/bin/modrun
MODSTUB_INCLUDE ?= $(abspath $(modstub-mkdir)/include)
UDRV_LIB ?= $(modstub-top)/lib/modstub/libudrv.a
UDRV_INCLUDE ?= $(abspath $(modstub-mkdir)/udrv/include)
endif

# Makefile.clean includes this file too: cleaning must work even when the
# tools are gone or an input has errors.
modstub-cleaning := $(filter __clean,$(PHONY))

# The tools, as paths (a bare name is looked up in PATH)
modstub-modmetac := $(shell command -v $(MODMETAC))
modstub-stubgen := $(shell command -v $(STUBGEN))
ifeq ($(modstub-cleaning),)
ifeq ($(wildcard $(MODSTUB_INCLUDE)/modstub/modstub.h),)
$(error modstub.mk: no modstub headers in $(MODSTUB_INCLUDE))
endif
ifeq ($(modstub-modmetac),)
$(error modstub.mk: $(MODMETAC) not found (build modstub, or set MODMETAC))
endif
ifeq ($(modstub-stubgen),)
$(error modstub.mk: $(STUBGEN) not found (build modstub, or set STUBGEN))
endif
endif

ifeq ($(KERNELRELEASE),)
# Read by the tree's own Makefile, not by Kbuild: "make" there runs Kbuild
# for the modules (KDIR: the kernel's build tree, that of the running
# kernel by default), then packs each module program NAME.ko into the
# executable NAME that carries it (modrun --pack, modrun(1)).  "make
# modules", "make modules_install" and "make clean" run Kbuild's; clean
# removes the executables too.
#
# Each NAME of udrv-y is a driver also built as a user-space process,
# NAME-user (udrv(7)): from the same sources (NAME-udrv-src, NAME.c by
# default), against the kernel's interfaces as udrv/include emulates
# them, linked with libudrv.a (UDRV_CFLAGS and UDRV_LDFLAGS add to it).
KDIR ?= /lib/modules/$(shell uname -r)/build
ifneq ($(strip $(modmeta-y)),)
modstub-programs := $(shell $(modstub-modmetac) $(MODMETACFLAGS) \
	--print-programs $(addprefix $(CURDIR)/,$(modmeta-y)))
ifneq ($(.SHELLSTATUS),0)
$(shell $(modstub-modmetac) $(MODMETACFLAGS) --check $(addprefix $(CURDIR)/,$(modmeta-y)) >&2)
$(error modstub.mk: $(modmeta-y) has errors)
endif
endif
modstub-udrv := $(addsuffix -user,$(udrv-y))

all: modules $(modstub-programs) $(modstub-udrv)
modules modules_install clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) $@
clean: modstub-clean-programs
modstub-clean-programs:
	rm -f $(modstub-programs) $(modstub-udrv) $(foreach u,$(modstub-udrv),.$(u).d)
# (packed again at each make: Kbuild says whether NAME.ko changed)
$(modstub-programs): %: modules
	@echo "  PACK    $@"
	@$(MODRUN) --pack $@.ko -o $@

# The flags of the kernel's build that matter to a driver's C (GNU C11,
# no warning for what the kernel allows), and the declarations the
# emulation lacks as errors that name what is missing
modstub-udrv-cflags := -std=gnu11 -Wall -Wno-unused-parameter \
	-Wno-sign-compare -Wno-pointer-sign \
	-Werror=implicit-function-declaration -Werror=implicit-int \
	-Werror=incompatible-pointer-types -D_GNU_SOURCE \
	-I$(UDRV_INCLUDE) -pthread
UDRV_CFLAGS ?= -O2 -g
define modstub-udrv-rule
$(1)-user: $$(or $$($(1)-udrv-src),$(1).c) $$(UDRV_LIB)
	@echo "  UDRV    $$@"
	@$$(CC) $$(modstub-udrv-cflags) $$(UDRV_CFLAGS) \
		-DKBUILD_MODNAME='"$(1)"' -MMD -MP -MF .$$@.d -o $$@ \
		$$(filter %.c,$$^) $$(UDRV_LIB) $$(UDRV_LDFLAGS)
-include .$(1)-user.d
endef
$(foreach d,$(udrv-y),$(eval $(call modstub-udrv-rule,$(d))))
.PHONY: all modules modules_install clean modstub-clean-programs
else
ccflags-y += -I$(MODSTUB_INCLUDE)

# The files modmetac writes for $(1), learnt from modmetac itself; if the
# input has errors, show them and stop (but clean what can be cleaned).
modstub-outputs = $(or \
	$(if $(modstub-modmetac),$(shell $(modstub-modmetac) $(MODMETACFLAGS) \
		--print-outputs -o $(obj) $(1) 2>/dev/null)), \
	$(if $(modstub-cleaning),,\
		$(shell $(modstub-modmetac) $(MODMETACFLAGS) --check $(1) >&2) \
		$(error modstub.mk: $(1) has errors)))

quiet_cmd_modmetac = MODMETA $<
      cmd_modmetac = $(modstub-modmetac) $(MODMETACFLAGS) -o $(obj) $< && touch $@

quiet_cmd_modstub_seal = SEAL    $<
      cmd_modstub_seal = $(modstub-stubgen) seal $< && touch $@

# $(1) must list $(2): it does not if $(1) was set (with :=, not +=) after
# this file was included.  Checked when the rule runs, once every line of
# the Kbuild file has been read.
modstub-need = $(if $(filter $(2),$($(1))),,$(error modstub.mk: $(1) \
	does not list $(2): set $(1) before including modstub.mk, or add to \
	it with +=))

# One .modmeta file: $(1) its path, $(2) the files made from it
define modstub-file
$(patsubst $(src)/%,$(obj)/.%.stamp,$(1)): $(1) $(modstub-modmetac) \
		$(if $(filter-out $(wildcard $(2)),$(2)),FORCE)
	$$(call cmd,modmetac)
$(2): $(patsubst $(src)/%,$(obj)/.%.stamp,$(1)) ;
clean-files += $(patsubst $(src)/%,.%.stamp,$(1)) $(notdir $(2))
endef

# The per-object settings of NAME.o that NAME-modstub.o must inherit
modstub-obj-vars := CFLAGS CFLAGS_REMOVE OBJECT_FILES_NON_STANDARD \
	KASAN_SANITIZE KCSAN_SANITIZE KMSAN_SANITIZE UBSAN_SANITIZE \
	KCOV_INSTRUMENT GCOV_PROFILE

# A real module $(1): its objects and the generated metadata.  A module of
# one source file $(1).c is compiled as $(1)-modstub.o, with the settings
# of $(1).o, since $(1).o is now the module made of several objects.
define modstub-real
obj-m += $(if $(filter $(1).o,$(obj-m)),,$(1).o)
ifeq ($(strip $($(1)-y) $($(1)-objs)),)
ifeq ($(wildcard $(src)/$(1).c),)
$$(error modstub.mk: $(1): no $(1)-y and no $(1).c: which objects make $(1).ko?)
endif
$(1)-y := $(1)-modstub.o
$(foreach v,$(modstub-obj-vars),$(if $(filter undefined,$(origin $(v)_$(1).o)),,
$(v)_$(1)-modstub.o = $$($(v)_$(1).o)))
$$(obj)/$(1)-modstub.o: $$(src)/$(1).c FORCE
	$$(call if_changed_rule,cc_o_c)
# (Kbuild finds the module of an object by the stem of its pattern rule;
# this rule has none, and KBUILD_MODNAME would be $(1)_modstub)
$$(obj)/$(1)-modstub.o: modname = $(1)
endif
$(1)-y += $(1)_modmeta.o
CFLAGS_$(1)_modmeta.o += -g
ifneq ($(filter $(1),$(modstub-programs)),)
# a program: its sources see the C environment of modrun (modrun(1))
$$(foreach o,$$($(1)-y),$$(eval CFLAGS_$$(notdir $$(o)) += \
	-I$(MODSTUB_INCLUDE)/modstub/libc))
endif
ifeq ($(filter $(1),$(modstub-programs)),)
# (a program has no table to seal; a real module's stub module may be
# built elsewhere, with only its wrapper here)
$$(obj)/.$(1).sealed: $$(obj)/$(1).o $$(modstub-stubgen)
	$$(call modstub-need,$(1)-y,$(1)_modmeta.o)
	$$(call cmd,modstub_seal)
$$(obj)/modules.order: | $$(obj)/.$(1).sealed
clean-files += .$(1).sealed
endif
ifneq ($(filter $(obj)/$(1)_stub.c,$(2)),)
# the pair, built together, must match
quiet_cmd_modstub_verify_$(1) = VERIFY  $$(obj)/$(1)_stub.o $$(obj)/$(1).o
      cmd_modstub_verify_$(1) = $$(modstub-stubgen) verify \
	$$(obj)/$(1)_stub.o $$(obj)/$(1).o && touch $$@
$$(obj)/.$(1).verified: $$(obj)/.$(1).sealed $$(obj)/.$(1)_stub.sealed
	$$(call cmd,modstub_verify_$(1))
# Kbuild runs modpost once the whole directory is built, after
# modules.order: the tables are sealed and checked just before, once their
# modules are linked (order-only: modules.order lists its prerequisites)
$$(obj)/modules.order: | $$(obj)/.$(1).verified
clean-files += .$(1).verified
endif
endef

# A stub module $(1): the generated $(1).c, compiled as $(1)-modstub.o, the
# retsource compiled through $(1)-ret.c, and the objects of $(1)-y (a
# custom retfunc), all with debug information; sealed once linked, so that
# modpost only ever reads a sealed object.
define modstub-stub
obj-m += $(1).o
$(1)-y += $(1)-modstub.o $(if $(filter $(obj)/$(1)-ret.c,$(2)),$(1)-ret.o)
$(foreach o,$($(1)-y) $(1)-modstub.o $(1)-ret.o,CFLAGS_$(notdir $(o)) += -g
)
$$(obj)/$(1)-modstub.o: $$(obj)/$(1).c FORCE
	$$(call if_changed_rule,cc_o_c)
$$(obj)/.$(1).sealed: $$(obj)/$(1).o $$(modstub-stubgen) $$(modstub-stubcore-symvers)
	$$(call modstub-need,$(1)-y,$(1)-modstub.o)
	$$(call cmd,modstub_seal)
$$(obj)/modules.order: | $$(obj)/.$(1).sealed
clean-files += .$(1).sealed
endef

ifneq ($(modmeta-m),)
$(error modstub.mk: the .modmeta files go in modmeta-y, not modmeta-m: they \
	are not modules themselves ($(modmeta-m)))
endif
ifeq ($(modstub-cleaning)$(strip $(modmeta-y)),)
$(warning modstub.mk: modmeta-y is empty: no .modmeta file to build from)
endif

modstub-files := $(addprefix $(src)/,$(modmeta-y))
$(foreach f,$(modstub-files),\
	$(eval modstub-out-$(f) := $(call modstub-outputs,$(f))))
modstub-all-outs := $(foreach f,$(modstub-files),$(modstub-out-$(f)))
modstub-reals := $(patsubst $(obj)/%_modmeta.c,%,\
	$(filter $(obj)/%_modmeta.c,$(modstub-all-outs)))
modstub-stubs := $(patsubst $(obj)/%.c,%,$(filter-out $(obj)/%_modmeta.c \
	$(obj)/%-ret.c,$(filter %.c,$(modstub-all-outs))))
modstub-programs := $(if $(modstub-modmetac),$(shell $(modstub-modmetac) \
	$(MODMETACFLAGS) --print-programs $(modstub-files) 2>/dev/null))

# The exports of a runtime module $(1) (stubcore, modrun) for modpost to
# resolve the references to it ("override": a KBUILD_EXTRA_SYMBOLS given on
# the command line stays too): the Module.symvers in $(2) if set, else one
# made from the .ko in $(3), by default the one installed for the kernel
# built against (by DKMS, say), as modinfo finds it (stubgen reads a
# compressed .ko as it is).  modstub-$(1)-symvers is the file, for rules
# that need it first; modstub-$(1)-how says how to get it.
define modstub-runtime
ifneq ($$($(2)),)
override KBUILD_EXTRA_SYMBOLS += $$($(2))
modstub-$(1)-symvers := $$(wildcard $$($(2)))
else
$(3) ?= $$(shell modinfo -k $$(KERNELRELEASE) -F filename $(1) 2>/dev/null)
modstub-$(1)-symvers := $$(obj)/.$(1).symvers
override KBUILD_EXTRA_SYMBOLS += $$(obj)/.$(1).symvers
quiet_cmd_modstub_symvers_$(1) = SYMVERS $$@
      cmd_modstub_symvers_$(1) = $$(modstub-stubgen) symvers --module $(1) \
	$$< > $$@.tmp && mv $$@.tmp $$@
ifneq ($$($(3)),)
$$(obj)/.$(1).symvers: $$($(3)) $$(modstub-stubgen)
	$$(call cmd,modstub_symvers_$(1))
else
$$(obj)/.$(1).symvers:
	@echo >&2 "modstub.mk: $(1) is not installed for $$(KERNELRELEASE):" \
		"$$(modstub-$(1)-how), or set $(3)=path/to/$(1).ko or" \
		"$(2)=path/to/its/Module.symvers"
	@false
endif
endif
endef
clean-files += .stubcore.symvers .modrun.symvers

modstub-stubcore-how = install it (dkms install stubcore/VERSION -k $(KERNELRELEASE))
modstub-modrun-how = install it (modules_install of kernel/modrun)
ifneq ($(modstub-stubs),)
$(eval $(call modstub-runtime,stubcore,MODSTUB_SYMVERS,MODSTUB_STUBCORE))
endif
# the programs, compiled against modrun's environment, link against it
ifneq ($(modstub-programs),)
$(eval $(call modstub-runtime,modrun,MODRUN_SYMVERS,MODSTUB_MODRUN))
$(obj)/modules.order: | $(modstub-modrun-symvers)
endif

$(foreach f,$(modstub-files),\
	$(eval $(call modstub-file,$(f),$(modstub-out-$(f)))))
$(foreach m,$(modstub-reals),$(eval $(call modstub-real,$(m),$(modstub-all-outs))))
$(foreach s,$(modstub-stubs),$(eval $(call modstub-stub,$(s),$(modstub-all-outs))))
endif
