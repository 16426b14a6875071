#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stubgen convert on real modules of Debian's kernel sources: lib/crc16.c,
# lib/crc-itu-t.c and lib/reed_solomon/ (decode_rs8() takes nine
# arguments), for each test kernel from the linux-source tarball of its own
# line, taken at test time (nothing of it is committed):
#  - built as they are, they are the originals; convert refuses crc16 and
#    crc-itu-t, which export their tables (data), naming each;
#  - the documented edits, and no others: remove the EXPORT_SYMBOL of the
#    table; convert; delete the lines its notes name; write the fallbacks
#    its drafts ask for (testsuite/convert/*_fallback.c, in place of the
#    skeletons it wrote);
#  - the drafts say what they should (header, retfuncs, metadata), and the
#    pairs build warning-free with the Make rules, sealed, and stubgen
#    verify accepts each;
#  - convuser, built against the originals' exports, in QEMU: the same
#    answers from the originals, from the fallbacks, and from the pairs,
#    whose stub modules alone it loads (testsuite/convert/vm/convert.sh).
#
# Usage: convert.sh [KVER...]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

if [ $# -gt 0 ]; then kernels="$*"; else kernels=$(test_kernels); fi
work=$top/build/convert
rm -rf "$work"
mkdir -p "$work"
log=$work/log
test_files "$work"
stubgen=$top/stubgen/stubgen

# kbuild KVER DIR [ARGS...]: modules of DIR for KVER, warning-free
kbuild()
{
	local kver=$1 dir=$2
	shift 2
	make -C "/lib/modules/$kver/build" M="$dir" -j"$(nproc)" "$@" modules \
		> "$dir/build.log" 2>&1 || { tail -30 "$dir/build.log"; return 1; }
	! diagnostics "$dir/build.log"
}

# apply_notes NOTES: delete the lines the "remove:" notes of convert name,
# from the bottom of each file up, so that the numbers stay right
apply_notes()
{
	local f first last
	sed -n 's/^\(.*\):\([0-9][0-9]*\)\(-\([0-9][0-9]*\)\)\{0,1\}: note: remove: .*/\1 \2 \4/p' "$1" |
		sort -k1,1 -k2,2nr > "$1.edits"
	[ -s "$1.edits" ] || { echo "no edits in $1"; return 1; }
	while read -r f first last; do
		sed -i "${first},${last:-$first}d" "$f" || return 1
	done < "$1.edits"
}

# vg ARGS...: stubgen convert ARGS under valgrind, as testsuite/valgrind.sh
# runs the other commands: no error, no leak (exit 99)
vg()
{
	valgrind --quiet --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		--track-fds=no --suppressions="$here/valgrind.supp" \
		"$stubgen" convert "$@" > /dev/null 2> "$k/vg.err"
	case $? in 0|1) ;; *) cat "$k/vg.err"; return 1 ;; esac
}
# vg_all: the draft and each refusal of kernel $kver's modules, under valgrind
vg_all()
{
	vg --source "$rs" "$conv/reed_solomon.ko" &&
		vg -o "$k/vg.modmeta" "$conv/crc16.ko" && vg "$orig/crc16.ko" &&
		vg "$k/nodebug.ko" && vg "$pair/crc16.ko" && vg "$user/convuser.ko"
}

for kver in $kernels; do
	line=$(echo "$kver" | sed 's/^\([0-9]*\.[0-9]*\).*/\1/')
	tarball=/usr/src/linux-source-$line.tar.xz
	k=$work/$kver
	mkdir -p "$k"
	if [ ! -f "$tarball" ]; then
		echo "no $tarball (make deps installs linux-source-$line)" > "$log"
		fail "convert/$kver/kernel sources" "$log"
		continue
	fi
	src=$k/src
	mkdir -p "$src"
	if ! tar -xJf "$tarball" -C "$src" --strip-components=1 \
		"linux-source-$line/lib/crc16.c" "linux-source-$line/lib/crc-itu-t.c" \
		"linux-source-$line/lib/reed_solomon" > "$log" 2>&1; then
		fail "convert/$kver/kernel sources" "$log"
		continue
	fi
	pass "convert/$kver/kernel sources (linux-source-$line)"
	rs=$src/lib/reed_solomon

	# the originals, as they are
	orig=$k/orig
	mkdir -p "$orig"
	cp "$src"/lib/crc16.c "$src"/lib/crc-itu-t.c "$rs"/*.c "$orig/"
	rm -f "$orig/test_rslib.c"
	echo 'obj-m := crc16.o crc-itu-t.o reed_solomon.o' > "$orig/Kbuild"
	test_case "convert/$kver/originals build" kbuild "$kver" "$orig" || continue

	# they export data: refused, and each variable is named
	for m in crc16:crc16_table crc-itu-t:crc_itu_t_table; do
		test_case "convert/$kver/${m%%:*}: refused while it exports ${m#*:}" sh -c "
			! '$stubgen' convert '$orig/${m%%:*}.ko' > '$k/out' 2> '$k/err' &&
			grep -q '${m%%:*}.ko: error: ${m#*:} is exported data, not a function' '$k/err' &&
			grep -q 'note: a module that exports data cannot become a stub pair' '$k/err' &&
			test ! -s '$k/out'"
	done

	# the documented edit: the tables are exported no more
	conv=$k/conv
	mkdir -p "$conv"
	cp "$orig"/*.c "$orig/Kbuild" "$conv/"
	sed -i '/^EXPORT_SYMBOL(crc16_table);$/d' "$conv/crc16.c"
	sed -i '/^EXPORT_SYMBOL(crc_itu_t_table);$/d' "$conv/crc-itu-t.c"
	test_case "convert/$kver/edited modules build" kbuild "$kver" "$conv" || continue

	# convert: the CRCs from the sources their DWARF names, reed_solomon
	# with --source (the sources as the tarball has them)
	pair=$k/pair
	mkdir -p "$pair"
	test_case "convert/$kver/crc16 converted" \
		run_cmd 0 "$stubgen" convert -o "$pair/crc16.modmeta" "$conv/crc16.ko"
	cp "$RUN_ERR" "$k/crc16.notes"
	test_case "convert/$kver/crc-itu-t converted" \
		run_cmd 0 "$stubgen" convert -o "$pair/crc_itu_t.modmeta" "$conv/crc-itu-t.ko"
	cp "$RUN_ERR" "$k/crc_itu_t.notes"
	test_case "convert/$kver/reed_solomon converted (--source)" \
		run_cmd 0 "$stubgen" convert -o "$pair/reed_solomon.modmeta" \
		--source "$rs" "$conv/reed_solomon.ko"
	cp "$RUN_ERR" "$k/reed_solomon.notes"

	# what the drafts say
	test_case "convert/$kver/crc16 draft" sh -c "
		grep -q '^    desc \"CRC16 calculations\"\$' '$pair/crc16.modmeta' &&
		grep -q '^    license \"GPL\"\$' '$pair/crc16.modmeta' &&
		grep -q '^    type lib\$' '$pair/crc16.modmeta' &&
		grep -q '^        header \"linux/crc16.h\"\$' '$pair/crc16.modmeta' &&
		grep -q '^        retsource \"crc16_fallback.c\"\$' '$pair/crc16.modmeta' &&
		grep -q '^        stub crc16 crc16_fallback\$' '$pair/crc16.modmeta' &&
		grep -q 'no standard retfunc is honest' '$pair/crc16.modmeta' &&
		grep -q 'has no MODULE_VERSION' '$pair/crc16.modmeta' &&
		test \$(grep -c '^        stub ' '$pair/crc16.modmeta') = 1"
	test_case "convert/$kver/crc-itu-t draft: module crc_itu_t" sh -c "
		grep -q '^module crc_itu_t {\$' '$pair/crc_itu_t.modmeta' &&
		grep -q '^        header \"linux/crc-itu-t.h\"\$' '$pair/crc_itu_t.modmeta' &&
		grep -q '^        stub crc_itu_t crc_itu_t_fallback\$' '$pair/crc_itu_t.modmeta' &&
		grep -q 'note: the module is crc_itu_t in the .modmeta, .*add \"crc_itu_t-y := crc-itu-t.o\" to the Kbuild file' '$k/crc_itu_t.notes'"
	test_case "convert/$kver/reed_solomon draft: a retfunc per return type" sh -c "
		f='$pair/reed_solomon.modmeta'
		grep -q '^        header \"linux/rslib.h\"\$' \"\$f\" &&
		grep -q '^        stub decode_rs8 nomod_enodev\$' \"\$f\" &&
		grep -q '^        stub encode_rs8 nomod_enodev\$' \"\$f\" &&
		grep -q '^        stub init_rs_gfp nomod_zero\$' \"\$f\" &&
		grep -q '^        stub free_rs nomod_void\$' \"\$f\" &&
		grep -q '^    author ' \"\$f\" &&
		! grep -q retsource \"\$f\""
	test_case "convert/$kver/skeletons of the fallbacks stop the build" sh -c "
		grep -q '^#error \"write crc16_fallback(), of the type of crc16()\"\$' '$pair/crc16_fallback.c' &&
		grep -q '^#include \"crc16_stub.h\"\$' '$pair/crc16_fallback.c' &&
		test ! -e '$pair/reed_solomon_fallback.c'"
	# the notes: the export and the two MODULE_ lines of crc16.c
	test_case "convert/$kver/crc16 edits" sh -c "
		n='$k/crc16.notes'
		grep -q '^$conv/crc16.c:[0-9]*: note: remove: EXPORT_SYMBOL(crc16);: the stub module exports it' \"\$n\" &&
		grep -q '^$conv/crc16.c:[0-9]*: note: remove: MODULE_LICENSE(\"GPL\");: the .modmeta supplies it' \"\$n\" &&
		grep -q '^$conv/crc16.c:[0-9]*: note: remove: MODULE_DESCRIPTION' \"\$n\" &&
		test \$(grep -c 'note: remove: ' \"\$n\") = 3"
	test_case "convert/$kver/reed_solomon edits, in --source" sh -c "
		n='$k/reed_solomon.notes'
		grep -q '^$rs/reed_solomon.c:[0-9]*: note: remove: EXPORT_SYMBOL_GPL(decode_rs8);' \"\$n\" &&
		! grep -q 'not found in the sources' \"\$n\""

	# the edits, as the notes say, and the fallbacks written
	for m in crc16 crc_itu_t reed_solomon; do
		test_case "convert/$kver/$m: the notes applied" apply_notes "$k/$m.notes"
	done
	cp "$conv/crc16.c" "$conv/crc-itu-t.c" "$rs"/*.c "$pair/"
	rm -f "$pair/test_rslib.c"
	cp "$here/convert/crc16_fallback.c" "$here/convert/crc_itu_t_fallback.c" "$pair/"
	{
		echo "crc_itu_t-y := crc-itu-t.o"
		echo "modmeta-y := crc16.modmeta crc_itu_t.modmeta reed_solomon.modmeta"
		echo "include \$(MODSTUB)/mk/modstub.mk"
	} > "$pair/Kbuild"
	if ! build_stubcore "$kver" "$k/stubcore" "$log"; then
		fail "convert/$kver/stubcore" "$log"
		continue
	fi
	test_case "convert/$kver/the pairs build, warning-free" kbuild "$kver" "$pair" \
		MODSTUB="$top" MODSTUB_SYMVERS="$k/stubcore/Module.symvers" || continue
	for m in crc16 crc_itu_t reed_solomon; do
		test_case "convert/$kver/$m: stubgen verify" "$stubgen" verify \
			"$pair/${m}_stub.ko" "$pair/$m.ko"
		# the stub module exports what the original did, with the same CRCs
		# (and its table); the real module only its table of real functions
		test_case "convert/$kver/$m: the stub module has the exports" sh -c "
			'$stubgen' symvers '$orig/$(echo $m | sed 's/crc_itu_t/crc-itu-t/').ko' | cut -f 1,2 | grep -v '_table\$' > '$k/$m.want' &&
			'$stubgen' symvers '$pair/${m}_stub.ko' | cut -f 1,2 | grep -v '	__stubtab_' > '$k/$m.got' &&
			diff '$k/$m.want' '$k/$m.got' &&
			'$stubgen' symvers '$pair/$m.ko' > '$k/$m.real' &&
			test \"\$(cut -f 2 '$k/$m.real')\" = __stubreal_$m"
	done

	test_case "convert/$kver/refused on a module of modstub" sh -c "
		! '$stubgen' convert '$pair/crc16.ko' > /dev/null 2> '$k/err' &&
		grep -q 'crc16.ko: error: already a module of modstub' '$k/err'"

	# the caller, against the originals' exports
	user=$k/user
	mkdir -p "$user"
	cp "$here/convert/convuser.c" "$user/"
	echo 'obj-m := convuser.o' > "$user/Kbuild"
	test_case "convert/$kver/convuser builds against the originals" kbuild \
		"$kver" "$user" KBUILD_EXTRA_SYMBOLS="$orig/Module.symvers" || continue

	# what convert refuses, and the same draft under the sanitizers
	objcopy --strip-debug "$conv/crc16.ko" "$k/nodebug.ko"
	test_case "convert/$kver/refused without debug information" sh -c "
		! '$stubgen' convert '$k/nodebug.ko' > /dev/null 2> '$k/err' &&
		grep -q 'nodebug.ko: error: no debug information: build the module with it' '$k/err'"
	test_case "convert/$kver/refused if it exports no function" sh -c "
		! '$stubgen' convert '$user/convuser.ko' > /dev/null 2> '$k/err' &&
		grep -q 'convuser.ko: error: exports no function' '$k/err'"
	xz -c "$conv/crc16.ko" > "$k/crc16.ko.xz"
	test_case "convert/$kver/a compressed module: the same draft" bash -c "
		'$stubgen' convert '$k/crc16.ko.xz' > '$k/xz.modmeta' 2> /dev/null &&
		diff <(tail -n +2 '$pair/crc16.modmeta') <(tail -n +2 '$k/xz.modmeta')"
	san=$top/build/stubgen/stubgen-san
	if [ -x "$san" ]; then
		test_case "convert/$kver/under ASan and UBSan: the same draft" sh -c "
			'$san' convert --source '$rs' '$conv/reed_solomon.ko' > '$k/san.modmeta' 2> '$k/san.err' &&
			diff '$pair/reed_solomon.modmeta' '$k/san.modmeta'"
	else
		skip "convert/$kver/under ASan and UBSan" "no $san (make check builds it)"
	fi

	test_case "convert/$kver/under valgrind: no error, no leak" vg_all

	vmko=$k/ko
	mkdir -p "$vmko"
	cp "$pair"/*.ko "$user/convuser.ko" "$k/stubcore/stubcore.ko" "$vmko/"
	for m in crc16 crc-itu-t reed_solomon; do
		cp "$orig/$m.ko" "$vmko/$m.ko.orig"
	done
	RESULTS=$work/vm.results "$here/vm/vm.sh" -q -k "$kver" -m "$vmko" \
		-o "$k/logs" "$here/convert/vm/convert.sh"
done

add_results "$work/vm.results"
summary convert
