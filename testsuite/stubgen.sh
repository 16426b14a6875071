#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stubgen on the modules of kbuild.sh (build/kbuild/KVER: the golden
# cases' modules and stubcore, for every test kernel; built here as
# kbuild.sh builds them where missing): inspect gives the expected text
# and JSON in testsuite/stubgen/, the same for every test kernel;
# malformed, truncated and foreign files, each made from a real module by
# the edit written below, get a clear error naming the file and the
# problem, and no crash; seal seals and refuses objects whose table and
# code disagree; verify accepts a matching pair and names each mismatch;
# symvers reproduces modpost's Module.symvers.
#
# Usage: stubgen.sh [--stubgen PATH] [--label NAME]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

stubgen=$top/stubgen/stubgen
label=stubgen
while [ $# -gt 0 ]; do
	case "$1" in
	--stubgen) stubgen=$2; shift ;;
	--label) label=$2; shift ;;
	*) echo "usage: $0 [--stubgen PATH] [--label NAME]" >&2; exit 2 ;;
	esac
	shift
done
case "$stubgen" in /*) ;; *) stubgen=$PWD/$stubgen ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
test_files "$work"
log=$work/log

# The offsets of the tables' fields, from the tool itself
eval "$("$stubgen" layout)" || exit 2
H=$MODSTUB_HDR_SIZE E=$MODSTUB_ENT_SIZE

if [ -z "$(test_kernels)" ]; then
	echo "prerequisite missing: the headers of a test kernel (6.1.* or 6.12.* under /lib/modules: make deps installs them), to build the modules of kbuild.sh" > "$log"
	fail "$label/modules" "$log"
	summary "$label"
	exit 1
fi

# prints EXPECTED CMD...: CMD exits 0, prints nothing on its standard
# error and on its standard output what the file EXPECTED holds
prints() { run_cmd 0 "${@:2}" && is_empty "$RUN_ERR" && same_as "$RUN_OUT" < "$1"; }
# inspect_in DIR ARG...: stubgen inspect ARG... in DIR
inspect_in() { (cd "$1" && "$stubgen" inspect "${@:2}"); }

for kver in $(test_kernels); do
	if ! kbuild_modules "$kver" "$log"; then
		fail "$label/$kver/modules" "$log"
		continue
	fi
	mods=$(kbuild_dir "$kver")/mods
	test_case "$label/$kver/inspect" prints "$here/stubgen/inspect.out" \
		inspect_in "$mods" frob_stub.ko frob.ko g_ustub_args_stub.ko g_minimal.ko
	test_case "$label/$kver/inspect --json" prints "$here/stubgen/inspect.json" \
		inspect_in "$mods" --json frob_stub.ko frob.ko
done

kver=$(test_kernels | head -1)
kbuild_ready "$kver" || { summary "$label"; exit 1; }
mods=$(kbuild_dir "$kver")/mods
sc=$(kbuild_dir "$kver")/stubcore
ko=$mods/frob_stub.ko

# poke FILE OFFSET HEXBYTES: overwrite bytes of FILE at OFFSET
poke() { printf "$(echo "$3" | sed 's/../\\x&/g')" |
	dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
# section_field FILE NAME COLUMN: a column of NAME's line in readelf -SW
# (index, then: 1 type, 2 address, 3 offset, 4 size), hex without 0x
section_field()
{
	readelf -SW "$1" | sed -n 's/^ *\[ *\([0-9]*\)\] /\1 /p' |
		awk -v n="$2" -v c="$3" '$2 == n { print (c == 0 ? $1 : $(2 + c)) }'
}

# refused REGEX CMD...: CMD exits 1 with an error matching REGEX on its
# standard error, and no sanitizer report
refused() { run_cmd 1 "${@:2}" && has_line "$RUN_ERR" "$1" && no_sanitizer_report "$RUN_ERR"; }

# bad NAME EXPECTED-MESSAGE: stubgen inspect on $work/bad.ko fails with it
bad()
{
	test_case "$label/malformed/$1" refused "^$work/bad.ko: error: $2" \
		"$stubgen" inspect "$work/bad.ko"
}

: > "$work/bad.ko"
bad empty-file "not an ELF file"

echo "not a module" > "$work/bad.ko"
bad text-file "not an ELF file"

head -c 2000 "$ko" > "$work/bad.ko"
bad truncated "section headers (.*) missing or outside the file"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" 4 01		# EI_CLASS = ELFCLASS32
bad elf32 "\(ELF class 1, not 64-bit\|bad ELF header\)"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" 5 02		# EI_DATA = big endian
bad big-endian "\(not little endian\|bad ELF header\|machine\)"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" 18 2800		# e_machine = EM_ARM
bad wrong-machine "machine 40, not x86-64"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" 16 0200		# e_type = ET_EXEC
bad not-relocatable "ELF type 2, not a relocatable object"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" 40 ffffff0000000000	# e_shoff far away
bad section-headers-outside "section headers (.*) missing or outside the file"

off=$((16#$(section_field "$ko" .modstubs 3)))
cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" "$off" 78563412	# magic
bad stub-table-magic "\.modstubs: bad magic 0x12345678"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + MODSTUB_HDR_OFF_VERSION)) 0900
bad stub-table-version "\.modstubs: ABI version 9, expected $MODSTUB_ABI_VERSION"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + MODSTUB_HDR_OFF_NSTUBS)) ffffff7f
bad stub-table-count "\.modstubs: 2147483647 stubs do not fit"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + MODSTUB_HDR_OFF_SIZE)) ffffffff
bad stub-table-size "\.modstubs: table of 4294967295 bytes in [0-9]*"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + MODSTUB_ENT_OFF_NAME_OFF)) ffffff00
bad stub-entry-name "\.modstubs: entry 0: bad name offsets"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + MODSTUB_ENT_OFF_KIND)) 07
bad stub-entry-kind "\.modstubs: entry 0 (frob_start): unknown kind 7"

# the section header of .modstubs: its sh_offset points past the end
shoff=$(od -An -tu8 -j40 -N8 "$ko" | tr -d ' ')
idx=$(section_field "$ko" .modstubs 0)
cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((shoff + idx * 64 + 24)) 0000000001000000
bad section-outside-file "section \.modstubs (offset 0x[0-9a-f]*, size 0x[0-9a-f]*) lies outside the file"

# seal: the table of frob_stub.ko with its flag cleared seals back to the
# very same file; broken objects are refused with the problem named.
# silent CMD...: CMD exits 0 and prints nothing
silent() { run_cmd 0 "$@" && is_empty "$RUN_OUT" && is_empty "$RUN_ERR"; }

cp "$ko" "$work/unsealed.ko"; poke "$work/unsealed.ko" $((off + MODSTUB_HDR_OFF_FLAGS)) 0100
t_seal()
{
	local rc=0
	"$stubgen" inspect "$work/unsealed.ko" | grep -q 'not sealed' ||
		{ echo "inspect does not say 'not sealed'"; rc=1; }
	silent "$stubgen" seal -o "$work/sealed.ko" "$work/unsealed.ko" ||
		{ echo "seal failed"; rc=1; }
	cmp "$ko" "$work/sealed.ko" || rc=1
	"$stubgen" inspect "$work/sealed.ko" | grep -q "(ABI $MODSTUB_ABI_VERSION, sealed)" ||
		{ echo "inspect does not say 'sealed'"; rc=1; }
	return $rc
}
test_case "$label/seal" t_seal

# badseal NAME EXPECTED-MESSAGE: stubgen seal of $work/bad.ko fails with
# it, and leaves the file as it was
seal_refused()
{
	cp "$work/bad.ko" "$work/bad.before"
	refused "^$work/bad.ko: error: $1" "$stubgen" seal "$work/bad.ko" || return 1
	cmp -s "$work/bad.ko" "$work/bad.before" ||
		{ echo "a refused object was changed"; return 1; }
}
badseal() { test_case "$label/seal-refuses/$1" seal_refused "$2"; }

cp "$sc/stubcore.ko" "$work/bad.ko"
badseal not-a-modstub-module "no \.modstubs or \.modstubs\.real section"

cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + MODSTUB_HDR_OFF_FLAGS)) 0101
badseal unknown-flags "\.modstubs: unknown flags 0x101"

cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((shoff + idx * 64 + 8)) 02
badseal section-flags "\.modstubs: section of type 1, flags 0x2"

# entry 1's name and retfunc in entry 0: a table that lies about its code
name1=$(od -An -tx1 -j$((off + H + E + MODSTUB_ENT_OFF_NAME_OFF)) -N4 "$ko" | tr -d ' ')
ret1=$(od -An -tx1 -j$((off + H + E + MODSTUB_ENT_OFF_RETFUNC_OFF)) -N4 "$ko" | tr -d ' ')
cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + MODSTUB_ENT_OFF_NAME_OFF)) "$name1"
badseal entry-address "stub frob_query: its entry address is relocated against frob_start, not frob_query"
test_case "$label/seal-refuses/duplicate" has_line "$RUN_ERR" "stub frob_query: in the table twice"
cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + MODSTUB_ENT_OFF_RETFUNC_OFF)) "$ret1"
badseal retfunc-address "stub frob_start: its retfunc address is not that of frob_query_failed"

# entry 0's patch offset moved off its jmp: stubcore would patch elsewhere
cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + MODSTUB_ENT_OFF_PATCH_OFF)) 02
badseal patch-offset "stub frob_start: no jmp at its patch offset 2"

# entry 1 (a ustub): its per-call path and its call's jump moved; entry 0
# (a stub) with a per-call path
fast1=$((16#$(od -An -tx1 -j$((off + H + E + MODSTUB_ENT_OFF_FAST_OFF)) -N1 "$ko" | tr -d ' ')))
cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + E + MODSTUB_ENT_OFF_FAST_OFF)) "$(printf %02x $((fast1 + 1)))"
badseal fast-offset "stub frob_query: __modstub_fast_frob_query is not at offset $((fast1 + 1)) of the stub"
cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + E + MODSTUB_ENT_OFF_CALL_OFF)) "$(printf %02x00 "$fast1")"
badseal call-offset "stub frob_query: __modstub_call_frob_query is not at offset $fast1 of the stub"
cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + MODSTUB_ENT_OFF_FAST_OFF)) 0c
badseal strong-fast-path "\.modstubs: entry 0 .frob_start.: stub with a per-call path"

# the relocation of entry 0's retfunc moved to its runtime field
rela=$((16#$(section_field "$ko" .rela.modstubs 3)))
nrela=$((16#$(section_field "$ko" .rela.modstubs 4) / 24))
for ((r = 0; r < nrela; r++)); do
	[ "$(od -An -tu8 -j$((rela + r * 24)) -N8 "$ko" | tr -d ' ')" = $((H + MODSTUB_ENT_OFF_RETFUNC)) ] && break
done
cp "$work/unsealed.ko" "$work/bad.ko"
poke "$work/bad.ko" $((rela + r * 24)) "$(printf %02x $((H + MODSTUB_ENT_OFF_RUNTIME)))"
badseal stray-relocation "\.modstubs: 1 relocations of other fields than the entries' addresses"

# without debug information, seal cannot know the functions' types
objcopy --strip-debug "$work/unsealed.ko" "$work/bad.ko"
badseal no-dwarf "no debug information: seal takes each function's type from it; compile with -g"

# a real module without its way out, __modstub_real_exit_frob (an older
# wrapper): stubcore would refuse it, so seal does
objcopy --redefine-sym __modstub_real_exit_frob=__modstub_old_exit_frob \
	"$mods/frob.ko" "$work/bad.ko"
badseal no-real-exit "the module does not define the function __modstub_real_exit_frob, which stubcore requires of a real module: rebuild its modmeta wrapper with this <modstub/modstub.h>"

# the export of frob_start renamed: __ksymtab_frob_start -> __ksymtaX_...
at=$(grep -obUa '__ksymtab_frob_start' "$ko" | head -1 | cut -d: -f1)
cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((at + 8)) 58
badseal not-exported "stub frob_start is not exported"

# seal derives each entry's argnword and fingerprint: a table with both
# cleared (argnword "auto") seals back to the very same file, stub and
# real; an argnword given that differs is refused at the line of the
# .modmeta that stubs the function; a sealed table whose values do not
# match its debug information is refused.
# seals_back F: $work/cleared.ko shows a cleared entry, and seals back to F.ko
seals_back()
{
	local rc=0
	"$stubgen" inspect "$work/cleared.ko" | grep -q "auto .*-$" ||
		{ echo "inspect does not show a cleared entry"; rc=1; }
	silent "$stubgen" seal -o "$work/sealed.ko" "$work/cleared.ko" ||
		{ echo "seal failed"; rc=1; }
	cmp "$mods/$1.ko" "$work/sealed.ko" || rc=1
	return $rc
}
for f in frob_stub frob; do
	cp "$mods/$f.ko" "$work/cleared.ko"
	if [ $f = frob_stub ]; then
		o=$off h=$H e=$E n=3 flags=$MODSTUB_HDR_OFF_FLAGS
		a=$MODSTUB_ENT_OFF_ARGNWORD fp=$MODSTUB_ENT_OFF_FINGERPRINT
	else
		o=$((16#$(section_field "$mods/frob.ko" .modstubs.real 3)))
		h=$MODSTUB_REAL_HDR_SIZE e=$MODSTUB_REAL_ENT_SIZE n=3
		flags=$MODSTUB_REAL_HDR_OFF_FLAGS
		a=$MODSTUB_REAL_ENT_OFF_ARGNWORD fp=$MODSTUB_REAL_ENT_OFF_FINGERPRINT
	fi
	poke "$work/cleared.ko" $((o + flags)) "$(od -An -tx1 -j$((o + flags)) -N1 "$mods/$f.ko" | tr -d ' ')00"
	for ((i = 0; i < n; i++)); do
		# frob_query's argnword (entry 1) is given in frob.modmeta
		[ $i -eq 1 ] || poke "$work/cleared.ko" $((o + h + i * e + a)) ff
		poke "$work/cleared.ko" $((o + h + i * e + fp)) 0000000000000000
	done
	test_case "$label/seal-derives/$f" seals_back "$f"
done

# badseal_at NAME EXPECTED-MESSAGE: seal of $work/bad.ko fails with it, at
# a line of frob.modmeta
badseal_at()
{
	test_case "$label/seal-refuses/$1" refused \
		"^\(.*/\)\?frob\.modmeta:[0-9]*: error: $2 \[in $work/bad.ko\]" \
		"$stubgen" seal "$work/bad.ko"
}

cp "$work/unsealed.ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + E + MODSTUB_ENT_OFF_ARGNWORD)) 04
badseal_at argnword "frob_query: argnword 4 given, but 'long int (int, int, long int)' takes 3 argument words (3 in registers, 0 on the stack); drop the argnword, or give 3"
line=$(grep -n 'ustub.*frob_query' "$here/golden/frob.modmeta" | cut -d: -f1)
test_case "$label/seal-refuses/argnword-line" has_line "$RUN_ERR" "^\(.*/\)\?frob.modmeta:$line: error:"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + H + MODSTUB_ENT_OFF_FINGERPRINT)) 0102030405060708
badseal_at changed-after-sealing "frob_start: sealed with argnword 1 and fingerprint 0807060504030201, but its debug information gives 1 and [0-9a-f]*: the object changed after it was sealed"

# compressed modules are read as kmod reads them: inspect, verify and
# symvers give what they give on the plain files; seal refuses them
# compressed Z: the tests of compressed modules for the compressor Z
compressed()
{
	local z=$1 ext f rc=0
	case $z in xz) ext=xz ;; zstd) ext=zst ;; gzip) ext=gz ;; esac
	for f in frob_stub frob; do
		$z -c "$mods/$f.ko" > "$work/$f.ko.$ext" 2> "$work/z.err" &&
			is_empty "$work/z.err" || { echo "$z failed"; rc=1; }
	done
	"$stubgen" inspect "$mods/frob_stub.ko" "$mods/frob.ko" | sed 's/\.ko:$/.ko/' > "$work/plain"
	"$stubgen" inspect "$work/frob_stub.ko.$ext" "$work/frob.ko.$ext" 2> "$work/z.err" |
		sed "s/\.ko\.$ext:\$/.ko/" > "$work/packed"
	is_empty "$work/z.err" || rc=1
	diff <(sed 's|^.*/||' "$work/plain") <(sed 's|^.*/||' "$work/packed") || rc=1
	run_cmd 0 "$stubgen" verify -v "$work/frob_stub.ko.$ext" "$work/frob.ko.$ext" &&
		has_line "$RUN_ERR" "matches: 3 stubs, 3 prototypes compared" || rc=1
	cmp <("$stubgen" symvers "$mods/frob_stub.ko") \
	    <("$stubgen" symvers "$work/frob_stub.ko.$ext") || rc=1
	if "$stubgen" seal "$work/frob_stub.ko.$ext" 2> "$work/z.err" ||
	   ! grep -q "compressed with $z" "$work/z.err"; then
		echo "seal of a compressed file:"; cat "$work/z.err"; rc=1
	fi
	head -c 1000 "$work/frob.ko.$ext" > "$work/bad.ko"
	"$stubgen" inspect "$work/bad.ko" > /dev/null 2> "$work/z.err" &&
		{ echo "a truncated $z file was accepted"; rc=1; }
	grep -q "error: $z: " "$work/z.err" ||
		{ echo "truncated $z:"; cat "$work/z.err"; rc=1; }
	return $rc
}
for z in xz zstd gzip; do
	test_case "$label/compressed/$z" compressed "$z"
done

# type: what seal takes from the debug information
t_type()
{
	run_cmd 0 "$stubgen" type "$mods/frob_stub.ko" frob_query frob_start < /dev/null &&
		sed 's|  at .*/|  at |' "$RUN_OUT" > "$work/type.out" &&
		same_as "$work/type.out"
}
test_case "$label/type" t_type <<'EOT'
frob_query: fingerprint 0f62350c174e4e78, argnword 3 (3 in registers, 0 on the stack), returns an integer
  at frob.modmeta:14
long int (int, int, long int)
frob_start: fingerprint a6f77462629e0e30, argnword 1 (1 in registers, 0 on the stack), returns an integer
  at frob.modmeta:13
int (int)
EOT

# verify: a matching pair; then a real module that disagrees
t_verify_match()
{
	run_cmd 0 "$stubgen" verify -v "$mods/frob_stub.ko" "$mods/frob.ko" &&
		has_line "$RUN_ERR" "matches: 3 stubs, 3 prototypes compared"
}
test_case "$label/verify/match" t_verify_match

# badverify NAME EXPECTED-MESSAGE ARG...: stubgen verify ARG... fails with it
badverify()
{
	test_case "$label/verify/$1" refused "$2" "$stubgen" verify "${@:3}"
}

badverify not-a-real-module "g_minimal.ko: error: no \.modstubs\.real section" \
	"$mods/frob_stub.ko" "$mods/g_minimal.ko"

badverify other-module "stub module of g_ustub_args, but .*frob.ko is module frob" \
	"$mods/g_ustub_args_stub.ko" "$mods/frob.ko"

roff=$((16#$(section_field "$mods/frob.ko" .modstubs.real 3)))
RH=$MODSTUB_REAL_HDR_SIZE RE=$MODSTUB_REAL_ENT_SIZE
cp "$mods/frob.ko" "$work/bad.ko"
poke "$work/bad.ko" $((roff + RH + RE + MODSTUB_REAL_ENT_OFF_ARGNWORD)) 04
badverify argnword "frob_query: a ustub with argnword 3 here, a ustub with argnword 4 in" \
	"$mods/frob_stub.ko" "$work/bad.ko"

cp "$mods/frob.ko" "$work/bad.ko"
poke "$work/bad.ko" $((roff + RH + RE + MODSTUB_REAL_ENT_OFF_FINGERPRINT)) 0102030405060708
badverify fingerprint "frob_query: type fingerprint [0-9a-f]* here, 0807060504030201 in .*bad.ko: built from different definitions of its types" \
	"$mods/frob_stub.ko" "$work/bad.ko"

cp "$mods/frob.ko" "$work/bad.ko"; poke "$work/bad.ko" $((roff + MODSTUB_REAL_HDR_OFF_FLAGS)) 0000
badverify real-not-sealed "the table of real functions of .*bad.ko is not sealed" \
	"$mods/frob_stub.ko" "$work/bad.ko"

cp "$mods/frob.ko" "$work/bad.ko"; poke "$work/bad.ko" $((roff + MODSTUB_REAL_HDR_OFF_VERSION)) 0900
badverify abi-version "bad.ko: error: \.modstubs\.real: ABI version 9, expected $MODSTUB_ABI_VERSION" \
	"$mods/frob_stub.ko" "$work/bad.ko"

# frob_query renamed in the real table's string pool: it lists another
at=$(grep -obUa 'frob_query' "$mods/frob.ko" | while IFS=: read -r o _; do
	[ "$o" -gt "$roff" ] && { echo "$o"; break; }; done)
cp "$mods/frob.ko" "$work/bad.ko"; poke "$work/bad.ko" "$at" 46	# "Frob_query"
badverify missing-function "frob_query: stubbed here, but .*bad.ko does not list it" \
	"$mods/frob_stub.ko" "$work/bad.ko"

# the real module exporting frob_query too (a symbol renamed to its
# __ksymtab_ name): the kernel would refuse one of the two modules
at=$(grep -obUa '__ksymtab___stubreal_frob' "$mods/frob.ko" | head -1 | cut -d: -f1)
cp "$mods/frob.ko" "$work/bad.ko"
printf '__ksymtab_frob_query\0' | dd of="$work/bad.ko" bs=1 seek="$at" conv=notrunc status=none
badverify exported-twice "frob_query: .*bad.ko exports it too" \
	"$mods/frob_stub.ko" "$work/bad.ko"

# symvers: stubcore's exports, as modpost wrote them
t_symvers()
{
	run_cmd 0 "$stubgen" symvers "$sc/stubcore.ko" &&
		cp "$RUN_OUT" "$work/symvers" &&
		diff <(cut -f1,2,4 "$work/symvers" | sort) <(cut -f1,2,4 "$sc/Module.symvers" | sort)
}
test_case "$label/symvers" t_symvers
t_symvers_stdin() { run_cmd 0 "$stubgen" symvers - < "$sc/stubcore.ko" && cmp "$work/symvers" "$RUN_OUT"; }
test_case "$label/symvers stdin" t_symvers_stdin

summary "$label"
