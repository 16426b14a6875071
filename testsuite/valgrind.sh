#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The user-space tests again, with every run of a tool under valgrind's
# memcheck: golden.sh and options.sh (modmetac), stubgen.sh and modstate.sh
# (these two need the modules of kbuild.sh for every test kernel: built
# here first, as kbuild.sh builds them, where missing).  The tools are the
# plain builds of "make", not the sanitizer ones.
#
# Each tool is replaced by a wrapper that runs it under valgrind with the
# report going to a log file of its own, so the standard output and error
# the tests compare are those of the tool alone; an error or a leak makes
# the tool exit 99, which the tests see as a failure.  Afterwards every log
# must be empty: no memory error, no definite, indirect or possible leak.
# Memory still reachable at exit (as after exit() on a usage error) is not
# a leak and is not counted.  testsuite/valgrind.supp lists the errors of
# the libraries (not of the tools) that are let through, each with why.
#
# The four scripts run in parallel (valgrind is slow to start, and each of
# them runs its tool dozens of times); their output is shown in order once
# all are done.
#
# Usage: valgrind.sh
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

label=valgrind
[ $# -eq 0 ] || { echo "usage: $0" >&2; exit 2; }

tools="modmetac/modmetac stubgen/stubgen modstate/modstate"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=$work/log

: > "$log"
command -v valgrind > /dev/null ||
	echo "valgrind is not installed (scripts/deps.sh installs it)" >> "$log"
for t in $tools; do
	[ -x "$top/$t" ] || echo "no $t: run make first" >> "$log"
done
# the modules of kbuild.sh, before the parts run: two of them building the
# missing modules at once would clash
if [ ! -s "$log" ]; then
	for kver in $(test_kernels); do
		kbuild_modules "$kver" "$work/kbuild.log" || cat "$work/kbuild.log" >> "$log"
	done
fi
if [ -s "$log" ]; then
	fail "$label/setup" "$log"
	summary "$label"
	exit 1
fi

# A wrapper per tool in $work/bin, its logs in $work/logs/TOOL
mkdir -p "$work/bin"
for t in $tools; do
	n=$(basename "$t")
	mkdir -p "$work/logs/$n"
	{
		echo '#!/bin/bash'
		printf 'exec valgrind --quiet --error-exitcode=99 --leak-check=full'
		printf ' --show-leak-kinds=definite,indirect,possible'
		printf ' --errors-for-leak-kinds=definite,indirect,possible'
		printf ' --track-fds=no --suppressions=%q' "$here/valgrind.supp"
		printf ' --log-file=%q' "$work/logs/$n/vg.%p.log"
		printf ' %q "$@"\n' "$top/$t"
	} > "$work/bin/$n"
	chmod 755 "$work/bin/$n"
done

# part NAME SCRIPT TOOL-OPTION TOOL: run SCRIPT with the wrapper of TOOL
part()
{
	"$here/$2" "$3" "$work/bin/$4" --label "$1-valgrind" \
		> "$work/$1.out" 2>&1
	echo $? > "$work/$1.rc"
}
parts="golden options stubgen modstate"
part golden golden.sh --modmetac modmetac &
part options options.sh --modmetac modmetac &
part stubgen stubgen.sh --stubgen stubgen &
part modstate modstate.sh --modstate modstate &
wait

status=0
for p in $parts; do
	cat "$work/$p.out"
	echo
	[ "$(cat "$work/$p.rc" 2> /dev/null)" = 0 ] || status=1
done

# Every run of each tool left an empty log
for t in $tools; do
	n=$(basename "$t")
	: > "$log"
	for f in "$work/logs/$n"/vg.*.log; do
		[ -s "$f" ] && cat "$f" >> "$log"
	done
	if [ -z "$(ls "$work/logs/$n")" ]; then
		echo "$n was never run" > "$log"
		fail "$label/$n: no errors, no leaks" "$log"
	elif [ -s "$log" ]; then
		fail "$label/$n: no errors, no leaks" "$log"
	else
		pass "$label/$n: no errors, no leaks ($(ls "$work/logs/$n" | wc -l) runs)"
	fi
done

summary "$label" || status=1
exit $status
