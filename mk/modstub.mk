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
# source of its stub module (NAME_stub.c unless "stubmodule" says
# otherwise), built into NAME_stub.ko and sealed by "stubgen seal" before
# modpost reads it.  NAME may be a module of several objects (NAME-y) or
# of one source NAME.c, which is then compiled under the object name
# NAME-modstub.o.  A stub module may have objects of its own (a custom
# retfunc): list them in NAME_stub-y, and the generated source joins them
# as NAME_stub-modstub.o.
#
# Variables (set them before the include line, or on the make command line):
#   modmeta-y         the .modmeta files, relative to this directory
#   MODMETACFLAGS     more options for modmetac (-Werror, -Wno-CHECK, ...)
#   MODSTUB_SYMVERS   a Module.symvers of stubcore for modpost; default: made
#                     from MODSTUB_STUBCORE
#   MODSTUB_STUBCORE  the stubcore.ko to take it from (.ko, .ko.xz, .ko.gz,
#                     .ko.zst); default: the one installed for the kernel
#                     built against (by DKMS, say), as modinfo finds it
#   MODMETAC, STUBGEN the tools; default: those next to this file
#
# See modmetac(1), stubgen(1) and modmeta(5).

modstub-mk := $(lastword $(MAKEFILE_LIST))
modstub-mkdir := $(patsubst %/,%,$(dir $(modstub-mk)))

ifneq ($(wildcard $(modstub-mkdir)/../include/modstub/modstub.h),)
# mk/modstub.mk in the modstub source tree (after "make")
modstub-top := $(abspath $(modstub-mkdir)/..)
MODMETAC ?= $(modstub-top)/modmetac/modmetac
STUBGEN ?= $(modstub-top)/stubgen/stubgen
MODSTUB_INCLUDE ?= $(modstub-top)/include
else
# PREFIX/share/modstub/modstub.mk, after "make install"
modstub-top := $(abspath $(modstub-mkdir)/../..)
MODMETAC ?= $(modstub-top)/bin/modmetac
STUBGEN ?= $(modstub-top)/bin/stubgen
MODSTUB_INCLUDE ?= $(abspath $(modstub-mkdir)/include)
endif

ifeq ($(wildcard $(MODSTUB_INCLUDE)/modstub/modstub.h),)
$(error modstub.mk: no modstub headers in $(MODSTUB_INCLUDE))
endif
ifeq ($(shell command -v $(MODMETAC)),)
$(error modstub.mk: $(MODMETAC) not found (build modstub, or set MODMETAC))
endif

ccflags-y += -I$(MODSTUB_INCLUDE)

# The files modmetac writes for $(1), learnt from modmetac itself; if the
# input has errors, show them and stop.
modstub-outputs = $(or \
	$(shell $(MODMETAC) $(MODMETACFLAGS) --print-outputs -o $(obj) $(1) 2>/dev/null), \
	$(shell $(MODMETAC) $(MODMETACFLAGS) --check $(1) >&2) \
	$(error modstub.mk: $(1) has errors))

quiet_cmd_modmetac = MODMETA $<
      cmd_modmetac = $(MODMETAC) $(MODMETACFLAGS) -o $(obj) $< && touch $@

quiet_cmd_modstub_seal = SEAL    $<
      cmd_modstub_seal = $(STUBGEN) seal $< && touch $@

# One .modmeta file: $(1) its path, $(2) the files made from it
define modstub-file
$(patsubst $(src)/%,$(obj)/.%.stamp,$(1)): $(1) $(MODMETAC) \
		$(if $(filter-out $(wildcard $(2)),$(2)),FORCE)
	$$(call cmd,modmetac)
$(2): $(patsubst $(src)/%,$(obj)/.%.stamp,$(1)) ;
clean-files += $(patsubst $(src)/%,.%.stamp,$(1)) $(notdir $(2))
endef

# A real module $(1): its objects and the generated metadata
define modstub-real
obj-m += $(if $(filter $(1).o,$(obj-m)),,$(1).o)
ifeq ($(strip $($(1)-y) $($(1)-objs)),)
ifeq ($(wildcard $(src)/$(1).c),)
$$(error modstub.mk: $(1): no $(1)-y and no $(1).c: which objects make $(1).ko?)
endif
$(1)-y := $(1)-modstub.o
$$(obj)/$(1)-modstub.o: $$(src)/$(1).c FORCE
	$$(call if_changed_rule,cc_o_c)
endif
$(1)-y += $(1)_modmeta.o
endef

# A stub module $(1), from the generated $(1).c: built, then sealed
define modstub-stub
obj-m += $(1).o
ifeq ($(strip $($(1)-y) $($(1)-objs)),)
$$(obj)/.$(1).sealed: $$(obj)/$(1).o $$(STUBGEN) $$(modstub-symvers-dep)
	$$(call cmd,modstub_seal)
$$(obj)/$(1).mod: $$(obj)/.$(1).sealed
else
$(1)-y += $(1)-modstub.o
$$(obj)/$(1)-modstub.o: $$(obj)/$(1).c FORCE
	$$(call if_changed_rule,cc_o_c)
$$(obj)/.$(1).sealed: $$(obj)/$(1)-modstub.o $$(STUBGEN) $$(modstub-symvers-dep)
	$$(call cmd,modstub_seal)
$$(obj)/$(1).o: $$(obj)/.$(1).sealed
endif
clean-files += .$(1).sealed
endef

modstub-files := $(addprefix $(src)/,$(modmeta-y))
$(foreach f,$(modstub-files),\
	$(eval modstub-out-$(f) := $(call modstub-outputs,$(f))))
modstub-all-outs := $(foreach f,$(modstub-files),$(modstub-out-$(f)))
modstub-reals := $(patsubst $(obj)/%_modmeta.c,%,\
	$(filter $(obj)/%_modmeta.c,$(modstub-all-outs)))
modstub-stubs := $(patsubst $(obj)/%.c,%,\
	$(filter-out $(obj)/%_modmeta.c,$(modstub-all-outs)))

# stubcore's exports, for modpost to resolve the stub modules' references
ifneq ($(modstub-stubs),)
ifneq ($(MODSTUB_SYMVERS),)
KBUILD_EXTRA_SYMBOLS += $(MODSTUB_SYMVERS)
modstub-symvers-dep :=
else
MODSTUB_STUBCORE ?= $(shell modinfo -k $(KERNELRELEASE) -F filename stubcore 2>/dev/null)
modstub-symvers-dep := $(obj)/.stubcore.symvers
KBUILD_EXTRA_SYMBOLS += $(modstub-symvers-dep)
clean-files += .stubcore.symvers

modstub-unpack = $(if $(filter %.xz,$(1)),xz -dc,$(if $(filter %.gz,$(1)),\
	gzip -dc,$(if $(filter %.zst,$(1)),zstd -dc,cat)))

quiet_cmd_modstub_symvers = SYMVERS $@
      cmd_modstub_symvers = $(call modstub-unpack,$<) $< > $@.ko && \
	$(STUBGEN) symvers --module stubcore $@.ko > $@.tmp && \
	rm -f $@.ko && mv $@.tmp $@

ifneq ($(MODSTUB_STUBCORE),)
$(obj)/.stubcore.symvers: $(MODSTUB_STUBCORE) $(STUBGEN)
	$(call cmd,modstub_symvers)
else
$(obj)/.stubcore.symvers:
	@echo >&2 "modstub.mk: stubcore is not installed for $(KERNELRELEASE):" \
		"install it (dkms install stubcore/VERSION -k $(KERNELRELEASE))," \
		"or set MODSTUB_STUBCORE=path/to/stubcore.ko or" \
		"MODSTUB_SYMVERS=path/to/its/Module.symvers"
	@false
endif
endif
endif

$(foreach f,$(modstub-files),\
	$(eval $(call modstub-file,$(f),$(modstub-out-$(f)))))
$(foreach m,$(modstub-reals),$(eval $(call modstub-real,$(m))))
$(foreach s,$(modstub-stubs),$(eval $(call modstub-stub,$(s))))
