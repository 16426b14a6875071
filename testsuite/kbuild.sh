#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build test: the generated C of every valid golden case, with stubcore,
# built with Kbuild against the headers of every test kernel.  A build
# must be warning-free (the compiler's and objtool's), each stub module must
# carry a stub table with the right number of stubs that stubgen seal
# accepts, and each real module must depend on its stub module.  stubcore
# and the test modules (generated code included) must also be free of
# sparse's and W=1's warnings.
#
# Usage: kbuild.sh [KVER...]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

golden=$here/golden
out=${KBUILD_TEST_DIR:-$top/build/kbuild}

if [ $# -gt 0 ]; then
	kernels="$*"
else
	kernels=$(test_kernels)
fi
if [ -z "$kernels" ]; then
	fail "kbuild/kernels" /dev/null
	echo "    | no kernel headers under /lib/modules (run make deps)"
	summary kbuild
	exit 1
fi

# Filter what a clean Kbuild prints: only diagnostics remain.
diagnostics()
{
	grep -Ei 'warning|error' "$1" | grep -v 'Skipping BTF generation'
}

# The offsets of the tables' fields, from the tool (MODSTUB_HDR_OFF_NSTUBS...)
eval "$("$top/stubgen/stubgen" layout)" || exit 2

# Read the stub count from the header of the .modstubs section of a .ko,
# independently of stubgen's reader.
stub_count()
{
	local tmp
	tmp=$(mktemp)
	objcopy -O binary --only-section=.modstubs "$1" "$tmp" 2>/dev/null
	if [ ! -s "$tmp" ]; then
		rm -f "$tmp"
		echo none
		return
	fi
	local magic nstubs
	magic=$(od -An -tu4 -j$MODSTUB_HDR_OFF_MAGIC -N4 "$tmp" | tr -d ' ')
	nstubs=$(od -An -tu4 -j$MODSTUB_HDR_OFF_NSTUBS -N4 "$tmp" | tr -d ' ')
	rm -f "$tmp"
	[ "$magic" = "$MODSTUB_MAGIC" ] || { echo "badmagic:$magic"; return; }
	echo "$nstubs"
}

for kver in $kernels; do
	kdir=/lib/modules/$kver/build
	dir=$out/$kver
	rm -rf "$dir"
	mkdir -p "$dir/mods"

	# stubcore first: the stub modules link against its exports
	build_stubcore "$kver" "$dir/stubcore" "$dir/stubcore.log"
	if [ $? -ne 0 ] || [ -n "$(diagnostics "$dir/stubcore.log")" ]; then
		fail "kbuild/$kver/stubcore" "$dir/stubcore.log"
		continue
	fi
	pass "kbuild/$kver/stubcore"

	# sparse (C=2: every file) and W=1 on stubcore and the test modules
	rm -rf "$dir/strict"
	mkdir -p "$dir/strict"
	cp -r "$top/kernel/stubcore" "$dir/strict/stubcore"
	cp -r "$here/kmod" "$dir/strict/kmod"
	{ make -C "$kdir" M="$dir/strict/stubcore" MODSTUB_INCLUDE="$top/include" \
		C=2 W=1 modules &&
	  make -C "$kdir" M="$dir/strict/kmod" MODSTUB="$top" \
		MODSTUB_SYMVERS="$dir/strict/stubcore/Module.symvers" \
		C=2 W=1 modules; } > "$dir/strict.log" 2>&1
	if [ $? -ne 0 ] || [ -n "$(diagnostics "$dir/strict.log")" ]; then
		fail "kbuild/$kver/sparse and W=1" "$dir/strict.log"
	else
		pass "kbuild/$kver/sparse and W=1"
	fi

	# Every valid case: those whose expected outputs exist.
	mods=$dir/mods
	cp -r "$golden"/include/. "$mods/"
	: > "$mods/Kbuild"
	declare -A want_stubs=()
	real_mods=()
	for c in "$golden"/*.out; do
		cp "$c"/* "$mods/"
		for f in "$c"/*_modmeta.c; do
			[ -e "$f" ] || continue
			m=$(basename "$f" _modmeta.c)
			# a real module with stubs needs its stub module
			if grep -q '^MODSTUB_REAL_BEGIN' "$f" &&
			   [ ! -e "$c/${m}_stub.c" ]; then
				rm "$mods/$(basename "$f")"
				continue
			fi
			objs="${m}_modmeta.o"
			if [ -e "$mods/${m}_real.c" ]; then
				objs="$objs ${m}_real.o"
			elif grep -q '^MODSTUB_REAL_BEGIN' "$f"; then
				echo "no include/${m}_real.c defines the functions of $m" > "$dir/check.log"
				fail "kbuild/$kver/$m real functions" "$dir/check.log"
			fi
			echo "obj-m += $m.o" >> "$mods/Kbuild"
			echo "$m-y := $objs" >> "$mods/Kbuild"
			grep -q '^MODSTUB_REAL_BEGIN' "$f" && real_mods+=("$m")
		done
		for f in "$c"/*_stub.c; do
			[ -e "$f" ] || continue
			s=$(basename "$f" .c)
			want_stubs[$s]=$(grep -cE '^MODSTUB_(STUB|USTUB|WSTUB)\(' "$f")
			# with a retsource (compiled through NAME_stub-ret.c) or
			# a retfunc from a second object, the generated source
			# cannot keep the module's own name
			objs=
			[ -e "$mods/$s-ret.c" ] && objs="$objs $s-ret.o"
			[ -e "$mods/${s}_ret.c" ] && objs="$objs ${s}_ret.o"
			echo "obj-m += $s.o" >> "$mods/Kbuild"
			if [ -n "$objs" ]; then
				mv "$mods/$s.c" "$mods/${s}_gen.c"
				echo "$s-y := ${s}_gen.o$objs" >> "$mods/Kbuild"
			fi
		done
	done
	# retsource files are #included, not built on their own
	echo "ccflags-y := -I\$(src) -I$top/include -Werror" >> "$mods/Kbuild"

	make -j"$(nproc)" -C "$kdir" M="$mods" \
		KBUILD_EXTRA_SYMBOLS="$dir/stubcore/Module.symvers" \
		modules > "$dir/mods.log" 2>&1
	if [ $? -ne 0 ] || [ -n "$(diagnostics "$dir/mods.log")" ]; then
		fail "kbuild/$kver/golden" "$dir/mods.log"
		continue
	fi
	pass "kbuild/$kver/golden"

	# built without modstub.mk: seal the .ko files, as stubcore wants
	for s in "${!want_stubs[@]}"; do
		got=$(stub_count "$mods/$s.ko")
		if [ "$got" = "${want_stubs[$s]}" ]; then
			pass "kbuild/$kver/$s.ko stub table"
		else
			echo "stub table: got $got stubs, expected ${want_stubs[$s]}" > "$dir/check.log"
			fail "kbuild/$kver/$s.ko stub table" "$dir/check.log"
		fi
		if "$top/stubgen/stubgen" seal "$mods/$s.ko" > "$dir/check.log" 2>&1; then
			pass "kbuild/$kver/$s.ko seals"
		else
			fail "kbuild/$kver/$s.ko seals" "$dir/check.log"
		fi
	done
	for m in "${real_mods[@]}"; do
		dep=$(modinfo -F depends "$mods/$m.ko")
		if [ "$dep" = "${m}_stub" ]; then
			pass "kbuild/$kver/$m.ko depends on ${m}_stub"
		else
			echo "depends: '$dep'" > "$dir/check.log"
			fail "kbuild/$kver/$m.ko depends on ${m}_stub" "$dir/check.log"
		fi
		if "$top/stubgen/stubgen" seal "$mods/$m.ko" > "$dir/check.log" 2>&1 &&
		   "$top/stubgen/stubgen" verify "$mods/${m}_stub.ko" "$mods/$m.ko" \
			>> "$dir/check.log" 2>&1; then
			pass "kbuild/$kver/$m.ko seals and matches ${m}_stub.ko"
		else
			fail "kbuild/$kver/$m.ko seals and matches ${m}_stub.ko" "$dir/check.log"
		fi
	done
	unset want_stubs
done

summary kbuild
