#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stubgen inspect on the modules the Kbuild test built (run kbuild.sh
# first): the expected text and JSON in testsuite/stubgen/, the same for
# every test kernel; and malformed, truncated and foreign files, each made
# from a real module by the edit written below, which must get a clear
# error naming the file and the problem, and no crash.
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
log=$work/log

for kver in $(test_kernels); do
	mods=$top/build/kbuild/$kver/mods
	if [ ! -f "$mods/frob_stub.ko" ]; then
		echo "no $mods/frob_stub.ko: run testsuite/kbuild.sh first" > "$log"
		fail "$label/$kver/modules" "$log"
		continue
	fi
	(cd "$mods" && "$stubgen" inspect frob_stub.ko frob.ko \
		g_ustub_args_stub.ko g_minimal.ko) > "$work/out" 2> "$work/err"
	if [ $? -eq 0 ] && [ ! -s "$work/err" ] &&
	   diff -u "$here/stubgen/inspect.out" "$work/out" > "$log" 2>&1; then
		pass "$label/$kver/inspect"
	else
		cat "$work/err" >> "$log"
		fail "$label/$kver/inspect" "$log"
	fi
	(cd "$mods" && "$stubgen" inspect --json frob_stub.ko frob.ko) \
		> "$work/out" 2> "$work/err"
	if [ $? -eq 0 ] && [ ! -s "$work/err" ] &&
	   diff -u "$here/stubgen/inspect.json" "$work/out" > "$log" 2>&1; then
		pass "$label/$kver/inspect --json"
	else
		cat "$work/err" >> "$log"
		fail "$label/$kver/inspect --json" "$log"
	fi
done

kver=$(test_kernels | head -1)
ko=$top/build/kbuild/$kver/mods/frob_stub.ko
[ -f "$ko" ] || { summary "$label"; exit 1; }

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

# bad NAME EXPECTED-MESSAGE: stubgen inspect on $work/bad.ko fails with it
bad()
{
	: > "$log"
	"$stubgen" inspect "$work/bad.ko" > "$work/out" 2> "$work/err"
	local rc=$?
	if [ $rc -ne 1 ]; then
		echo "exit status $rc, expected 1" >> "$log"
	fi
	if ! grep -q -- "^$work/bad.ko: error: $2" "$work/err"; then
		{ echo "expected: $work/bad.ko: error: $2"; echo "got:"; cat "$work/err"; } >> "$log"
	fi
	if grep -q 'Sanitizer\|runtime error' "$work/err"; then
		cat "$work/err" >> "$log"
	fi
	if [ -s "$log" ]; then fail "$label/malformed/$1" "$log"; else pass "$label/malformed/$1"; fi
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

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + 4)) 0900	# version 9
bad stub-table-version "\.modstubs: ABI version 9, this stubgen knows 1"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + 12)) ffffff7f	# nstubs
bad stub-table-count "\.modstubs: 2147483647 stubs do not fit"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + 16)) ffffffff	# size
bad stub-table-size "\.modstubs: table of 4294967295 bytes in a section of"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + 40)) ffffff00	# entry 0 name_off
bad stub-entry-name "\.modstubs: entry 0: bad name offsets"

cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((off + 48)) 07	# entry 0 kind
bad stub-entry-kind "\.modstubs: entry 0 (frob_start): unknown kind 7"

# the section header of .modstubs: its sh_offset points past the end
shoff=$(od -An -tu8 -j40 -N8 "$ko" | tr -d ' ')
idx=$(section_field "$ko" .modstubs 0)
cp "$ko" "$work/bad.ko"; poke "$work/bad.ko" $((shoff + idx * 64 + 24)) 0000000001000000
bad section-outside-file "section \.modstubs (offset 0x[0-9a-f]*, size 0x[0-9a-f]*) lies outside the file"

summary "$label"
