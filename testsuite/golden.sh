#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Golden tests of modmetac: tests as data.
#
# Each case is testsuite/golden/NAME.modmeta, with beside it:
#   NAME.err     the exact diagnostics (standard error) expected; absent
#                means none.  The exit status must be 1 if it holds an
#                "error:" line, 0 otherwise.
#   NAME.out/    the exact files expected to be generated; absent means
#                none may be.
#   NAME.flags   extra options for modmetac (optional).
#
# Usage: golden.sh [--update] [--modmetac PATH] [CASE...]
#   --update     rewrite NAME.err and NAME.out/ from what modmetac does now;
#                review the diff before committing it.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

modmetac=$top/modmetac/modmetac
label=golden
update=0
while [ $# -gt 0 ]; do
	case "$1" in
	--update) update=1 ;;
	--modmetac) modmetac=$2; shift ;;
	--label) label=$2; shift ;;
	*) break ;;
	esac
	shift
done
case "$modmetac" in /*) ;; *) modmetac=$PWD/$modmetac ;; esac

cd "$here/golden" || exit 2
if [ $# -gt 0 ]; then
	cases=("$@")
else
	cases=()
	for f in *.modmeta; do cases+=("${f%.modmeta}"); done
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for c in "${cases[@]}"; do
	c=${c%.modmeta}
	out=$work/$c.out
	log=$work/$c.log
	rm -rf "$out"
	mkdir -p "$out"
	flags=()
	if [ -f "$c.flags" ]; then
		read -r -a flags < "$c.flags"
	fi
	"$modmetac" -o "$out" "${flags[@]}" "$c.modmeta" \
		> "$work/$c.stdout" 2> "$work/$c.stderr"
	status=$?

	if [ $update -eq 1 ]; then
		if [ -s "$work/$c.stderr" ]; then
			cp "$work/$c.stderr" "$c.err"
		else
			rm -f "$c.err"
		fi
		rm -rf "$c.out"
		if [ -n "$(ls -A "$out")" ]; then
			cp -r "$out" "$c.out"
		fi
		echo "updated $c"
		continue
	fi

	: > "$log"
	want_status=0
	if [ -f "$c.err" ]; then
		grep -q ': error: ' "$c.err" && want_status=1
		diff -u "$c.err" "$work/$c.stderr" >> "$log" 2>&1
	elif [ -s "$work/$c.stderr" ]; then
		{ echo "unexpected diagnostics:"; cat "$work/$c.stderr"; } >> "$log"
	fi
	if [ "$status" -ne "$want_status" ]; then
		echo "exit status $status, expected $want_status" >> "$log"
	fi
	if [ -d "$c.out" ]; then
		diff -ru "$c.out" "$out" >> "$log" 2>&1
	elif [ -n "$(ls -A "$out")" ]; then
		{ echo "unexpected outputs:"; ls "$out"; } >> "$log"
	fi
	if [ -s "$log" ]; then
		fail "$label/$c" "$log"
	else
		pass "$label/$c"
	fi
done

[ $update -eq 1 ] && exit 0
summary "$label"
