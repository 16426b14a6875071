#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build test: the generated C of every valid golden case, with stubcore,
# built with Kbuild against the headers of every test kernel.  A build
# must be warning-free (the compiler's and objtool's), each stub module must
# carry a stub table with the right number of stubs that stubgen seal
# accepts, and each real module must depend on its stub module.  stubcore
# and the test modules (generated code included) must also be free of
# sparse's and W=1's warnings.  The example programs' own Makefile must
# build their executables as modrun --pack does, and clean them away.
#
# What it builds in build/kbuild/KVER ($KBUILD_TEST_DIR/KVER if set: see
# kbuild_dir in lib.sh) is what stubgen.sh, modstate.sh and valgrind.sh
# run the tools on; with every module sealed, it writes the file "ready"
# there.  They build it themselves with the same functions of lib.sh
# (build_stubcore, build_golden) if it is missing.
#
# Usage: kbuild.sh [KVER...]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

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
	dir=$(kbuild_dir "$kver")
	rm -rf "$dir"
	mkdir -p "$dir"

	# stubcore first: the stub modules link against its exports
	build_stubcore "$kver" "$dir/stubcore" "$dir/stubcore.log"
	if [ $? -ne 0 ] || [ -n "$(diagnostics "$dir/stubcore.log")" ]; then
		fail "kbuild/$kver/stubcore" "$dir/stubcore.log"
		continue
	fi
	pass "kbuild/$kver/stubcore"
	# modrun: the programs link against its exports
	build_modrun "$kver" "$dir/modrun" "$dir/modrun.log"
	if [ $? -ne 0 ] || [ -n "$(diagnostics "$dir/modrun.log")" ]; then
		fail "kbuild/$kver/modrun" "$dir/modrun.log"
		continue
	fi
	pass "kbuild/$kver/modrun"

	# sparse (C=2: every file) and W=1 on stubcore and the test modules
	rm -rf "$dir/strict"
	mkdir -p "$dir/strict"
	cp -r "$top/kernel/stubcore" "$dir/strict/stubcore"
	cp -r "$top/kernel/modrun" "$dir/strict/modrun"
	cp -r "$here/kmod" "$dir/strict/kmod"
	{ make -C "$kdir" M="$dir/strict/stubcore" MODSTUB_INCLUDE="$top/include" \
		C=2 W=1 modules &&
	  make -C "$kdir" M="$dir/strict/modrun" MODSTUB_INCLUDE="$top/include" \
		C=2 W=1 modules &&
	  make -C "$kdir" M="$dir/strict/kmod" MODSTUB="$top" \
		MODSTUB_SYMVERS="$dir/strict/stubcore/Module.symvers" \
		MODRUN_SYMVERS="$dir/strict/modrun/Module.symvers" \
		C=2 W=1 modules; } > "$dir/strict.log" 2>&1
	if [ $? -ne 0 ] || [ -n "$(diagnostics "$dir/strict.log")" ]; then
		fail "kbuild/$kver/sparse and W=1" "$dir/strict.log"
	else
		pass "kbuild/$kver/sparse and W=1"
	fi

	# Every valid case: those whose expected outputs exist.
	mods=$dir/mods
	build_golden "$kver" "$dir"
	status=$?
	for m in $(cat "$dir/noreal.list"); do
		echo "no include/${m}_real.c defines the functions of $m" > "$dir/check.log"
		fail "kbuild/$kver/$m real functions" "$dir/check.log"
	done
	if [ $status -ne 0 ] || [ -n "$(diagnostics "$dir/mods.log")" ]; then
		fail "kbuild/$kver/golden" "$dir/mods.log"
		continue
	fi
	pass "kbuild/$kver/golden"

	# built without modstub.mk: seal the .ko files, as stubcore wants
	sealed=1
	while read -r s want; do
		got=$(stub_count "$mods/$s.ko")
		if [ "$got" = "$want" ]; then
			pass "kbuild/$kver/$s.ko stub table"
		else
			echo "stub table: got $got stubs, expected $want" > "$dir/check.log"
			fail "kbuild/$kver/$s.ko stub table" "$dir/check.log"
		fi
		if "$top/stubgen/stubgen" seal "$mods/$s.ko" > "$dir/check.log" 2>&1 < /dev/null; then
			pass "kbuild/$kver/$s.ko seals"
		else
			fail "kbuild/$kver/$s.ko seals" "$dir/check.log"
			sealed=0
		fi
	done < "$dir/stubs.list"
	for m in $(cat "$dir/reals.list"); do
		# its stub module, and stubcore for modstub_real_exit()
		dep=$(modinfo -F depends "$mods/$m.ko" | tr , '\n' | sort | paste -sd,)
		if [ "$dep" = "$(printf '%s\n' "${m}_stub" stubcore | sort | paste -sd,)" ]; then
			pass "kbuild/$kver/$m.ko depends on ${m}_stub and stubcore"
		else
			echo "depends: '$dep'" > "$dir/check.log"
			fail "kbuild/$kver/$m.ko depends on ${m}_stub and stubcore" "$dir/check.log"
		fi
		if "$top/stubgen/stubgen" seal "$mods/$m.ko" > "$dir/check.log" 2>&1 &&
		   "$top/stubgen/stubgen" verify "$mods/${m}_stub.ko" "$mods/$m.ko" \
			>> "$dir/check.log" 2>&1; then
			pass "kbuild/$kver/$m.ko seals and matches ${m}_stub.ko"
		else
			fail "kbuild/$kver/$m.ko seals and matches ${m}_stub.ko" "$dir/check.log"
			sealed=0
		fi
	done
	# the programs: they depend on modrun, and only on it
	for f in "$mods"/*_modmeta.c; do
		grep -q '^MODRUN_PROGRAM' "$f" || continue
		m=$(basename "$f" _modmeta.c)
		dep=$(modinfo -F depends "$mods/$m.ko")
		if [ "$dep" = modrun ]; then
			pass "kbuild/$kver/$m.ko depends on modrun"
		else
			echo "depends: '$dep'" > "$dir/check.log"
			fail "kbuild/$kver/$m.ko depends on modrun" "$dir/check.log"
		fi
	done
	# "make" in a tree of programs (the example's own Makefile, run as a
	# user would): the modules and the executables packed from them, the
	# same bytes as modrun --pack gives; "make clean" takes both away
	cp -r "$top/kernel/examples/programs" "$dir/progs"
	progs=$("$top/modmetac/modmetac" --print-programs "$dir/progs/programs.modmeta")
	mk="make -C $dir/progs KDIR=$kdir MODSTUB=$top MODRUN_SYMVERS=$dir/modrun/Module.symvers"
	if $mk > "$dir/progs.log" 2>&1 && [ -z "$(diagnostics "$dir/progs.log")" ]; then
		ok=1
		for p in $progs; do
			"$top/modrun/modrun" --pack "$dir/progs/$p.ko" -o "$dir/check.$p" &&
			cmp "$dir/progs/$p" "$dir/check.$p" >> "$dir/progs.log" 2>&1 &&
			[ -x "$dir/progs/$p" ] || { echo "$p: not packed as modrun --pack does" >> "$dir/progs.log"; ok=0; }
		done
		[ -n "$progs" ] || { echo "no programs in programs.modmeta" >> "$dir/progs.log"; ok=0; }
		if [ $ok -eq 1 ]; then
			pass "kbuild/$kver/make builds the programs' executables"
		else
			fail "kbuild/$kver/make builds the programs' executables" "$dir/progs.log"
		fi
		$mk clean >> "$dir/progs.log" 2>&1
		left=$(cd "$dir/progs" && ls -d $progs *.ko 2>/dev/null)
		if [ -z "$left" ]; then
			pass "kbuild/$kver/make clean removes modules and executables"
		else
			echo "left after make clean: $left" >> "$dir/progs.log"
			fail "kbuild/$kver/make clean removes modules and executables" "$dir/progs.log"
		fi
	else
		fail "kbuild/$kver/make builds the programs' executables" "$dir/progs.log"
	fi
	# what stubgen.sh, modstate.sh and valgrind.sh need is there
	[ $sealed -eq 1 ] && touch "$dir/ready"
done

summary kbuild
