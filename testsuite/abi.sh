#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ABI safety at build time: each directory of testsuite/abi is a small
# driver tree (a module ab and its .modmeta, built with mk/modstub.mk)
# that makes one of the mistakes that must not reach the kernel, or shows
# what the build derives.  It holds what it does not take from _base (the
# API header, the real module's source, the Kbuild file), and a file
# "expect" that says what the build must do:
#
#   grep REGEX        the build fails, and prints a line matching REGEX
#                     (grep -E); several grep lines: all of them
#   status 0          the build succeeds, warning-free
#   argnwords F=N...  stubgen inspect of ab_stub.ko and ab.ko gives
#                     function F the argnword N, in both tables
#   crc DIR           the modversions CRC of each function ab_stub.ko
#                     exports is that of the same function exported the
#                     plain way by the module of DIR (built against the
#                     same API header): callers built against the real
#                     API load against the stub module
#
# Each case is built against the headers of every test kernel.
#
# Usage: abi.sh [CASE...]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

if [ $# -gt 0 ]; then
	cases="$*"
else
	cases=$(cd "$here/abi" && ls | grep -v '^_base$')
fi
out=$top/build/abi
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# argnwords_of KO: "function=argnword" for each entry of its table(s)
argnwords_of()
{
	"$top/stubgen/stubgen" inspect "$1" |
		awk '/^ (stub table|real functions)/ { t = 1; next }
		     t && $1 != "function" && NF >= 3 {
			 print $1 "=" (NF == 5 ? $4 : $3) }' | sort
}

# crc_of SYMVERS: "symbol crc" of each export
crc_of() { awk '{ print $2, $1 }' "$1" | sort; }

for kver in $(test_kernels); do
	kdir=/lib/modules/$kver/build
	rm -rf "$out/$kver"
	mkdir -p "$out/$kver"
	if ! build_stubcore "$kver" "$out/$kver/stubcore" "$log"; then
		fail "abi/$kver/stubcore" "$log"
		continue
	fi
	for c in $cases; do
		name=abi/$kver/$c
		d=$out/$kver/$c
		mkdir -p "$d"
		cp -r "$here/abi/_base/." "$here/abi/$c/." "$d/"
		make -C "$kdir" M="$d" MODSTUB="$top" \
			MODSTUB_SYMVERS="$out/$kver/stubcore/Module.symvers" \
			modules > "$d/build.log" 2>&1
		status=$?
		: > "$log"
		want_fail=0
		grep -q '^grep ' "$d/expect" && want_fail=1
		if [ $want_fail -eq 1 ] && [ $status -eq 0 ]; then
			echo "the build succeeded" >> "$log"
		elif [ $want_fail -eq 0 ] && [ $status -ne 0 ]; then
			echo "the build failed ($status)" >> "$log"
		elif [ $want_fail -eq 0 ] && [ -n "$(diagnostics "$d/build.log")" ]; then
			echo "the build is not warning-free" >> "$log"
		fi
		while read -r what arg; do
			case $what in
			grep)
				grep -Eq -- "$arg" "$d/build.log" ||
					echo "no line matches: $arg" >> "$log" ;;
			argnwords)
				want=$(echo "$arg" | tr ' ' '\n' | sort)
				for ko in ab_stub.ko ab.ko; do
					got=$(argnwords_of "$d/$ko")
					[ "$got" = "$want" ] || {
						echo "argnwords of $ko:"
						diff <(echo "$want") <(echo "$got")
					} >> "$log"
				done ;;
			crc)
				make -C "$kdir" M="$d/$arg" modules \
					> "$d/$arg.log" 2>&1 ||
					cat "$d/$arg.log" >> "$log"
				join <(crc_of "$d/Module.symvers" | grep -v ' __stub') \
				     <(crc_of "$d/$arg/Module.symvers") |
					awk '$2 != $3 { print "CRC of " $1 ": " $2 " (stub), " $3 " (plain)"; bad = 1 }
					     { n++ } END { if (!n) print "no export in common"; exit bad }' \
					>> "$log" ;;
			status) ;;
			*) echo "expect: unknown '$what'" >> "$log" ;;
			esac
		done < "$d/expect"
		if [ -s "$log" ]; then
			echo "--- build:" >> "$log"
			grep -v 'Skipping BTF' "$d/build.log" | tail -15 >> "$log"
			fail "$name" "$log"
		else
			pass "$name"
		fi
	done
done
summary abi
