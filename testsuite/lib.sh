# SPDX-License-Identifier: GPL-2.0
#
# Shared by the test scripts: pass/fail accounting.  Each script sources this,
# reports with pass/fail, and ends with "summary", which prints its own
# "N passed, N failed" line and appends the counts to $RESULTS (if set) for
# run.sh to add up.

TESTS_PASSED=0
TESTS_FAILED=0
TESTS_SKIPPED=0

pass()
{
	TESTS_PASSED=$((TESTS_PASSED + 1))
	printf 'PASS %s\n' "$1"
}

# fail NAME [DETAILS-FILE]
fail()
{
	TESTS_FAILED=$((TESTS_FAILED + 1))
	printf 'FAIL %s\n' "$1"
	if [ -n "$2" ] && [ -s "$2" ]; then
		sed 's/^/    | /' "$2"
	fi
}

skip()
{
	TESTS_SKIPPED=$((TESTS_SKIPPED + 1))
	printf 'SKIP %s (%s)\n' "$1" "$2"
}

# record: add this script's counts to $RESULTS (if set); true if none failed
record()
{
	if [ -n "${RESULTS:-}" ]; then
		echo "$TESTS_PASSED $TESTS_FAILED $TESTS_SKIPPED" >> "$RESULTS"
	fi
	[ "$TESTS_FAILED" -eq 0 ]
}

# add_results FILE: add the counts that vm.sh runs recorded in FILE (with
# RESULTS=FILE) to this script's own; a missing FILE adds nothing
add_results()
{
	[ -f "$1" ] || return 0
	TESTS_PASSED=$((TESTS_PASSED + $(awk '{ s += $1 } END { print s + 0 }' "$1")))
	TESTS_FAILED=$((TESTS_FAILED + $(awk '{ s += $2 } END { print s + 0 }' "$1")))
}

summary()
{
	printf '%s: %d passed, %d failed' "$1" "$TESTS_PASSED" "$TESTS_FAILED"
	[ "$TESTS_SKIPPED" -gt 0 ] && printf ', %d skipped' "$TESTS_SKIPPED"
	printf '\n'
	record
}

# vm_cpus SCENARIO: the vCPUs SCENARIO asks for with a "# vm-cpus: N"
# line, 2 if none
vm_cpus()
{
	local n
	n=$(sed -n 's/^# vm-cpus: *\([0-9]*\)$/\1/p' "$1" | head -1)
	echo "${n:-2}"
}

# The kernels to build against: every installed one with headers, of the
# series the project supports (6.1 and 6.12 on Debian 12).
test_kernels()
{
	for d in /lib/modules/*/build; do
		[ -f "$d/Makefile" ] || continue
		k=${d%/build}
		k=${k#/lib/modules/}
		case "$k" in
		6.1.*|6.12.*) echo "$k" ;;
		esac
	done
}

# build_stubcore KVER DIR LOG [KDIR]: build a copy of kernel/stubcore in
# DIR against KVER's headers (or the kernel tree KDIR); its Module.symvers
# is DIR/Module.symvers.  A warning (the compiler's, objtool's or
# modpost's) fails it too: stubcore's Kbuild leaves -Werror to
# CONFIG_WERROR, and stubcore builds without a warning on every test
# kernel, the debug kernel included.
build_stubcore()
{
	local top
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	rm -rf "$2"
	cp -r "$top/kernel/stubcore" "$2"
	make -j"$(nproc)" -C "${4:-/lib/modules/$1/build}" M="$2" \
		MODSTUB_INCLUDE="$top/include" modules > "$3" 2>&1 &&
		! grep -qi 'warning:' "$3"
}

# build_modules KVER DIR LOG [KDIR]: build stubcore, every example of
# kernel/examples and the test modules of testsuite/kmod against KVER's
# headers (or the kernel tree KDIR), each in a copy under DIR, and gather
# the modules in DIR/ko.
# The older tstub of testsuite/kmod-old goes there as tstub-old.ko.old (not
# a name depmod looks at), the tlayout of testsuite/kmod-v2 as
# tlayout-v2.ko.old, the tuser of testsuite/kmod-plain (built against a
# plain tstub) as tuser-plain.ko.old.  Returns non-zero if a build failed
# (see LOG).
build_modules()
{
	local kver=$1 b=$2 log=$3 kdir=${4:-/lib/modules/$1/build} top d n
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	rm -rf "$b"
	mkdir -p "$b/ko"
	build_stubcore "$kver" "$b/stubcore" "$log" "$kdir" || return 1
	for d in "$top"/kernel/examples/*/ "$top/testsuite/kmod/"; do
		n=ex-$(basename "$d")
		cp -r "$d" "$b/$n"
		make -j"$(nproc)" -C "$kdir" M="$b/$n" MODSTUB="$top" \
			MODSTUB_SYMVERS="$b/stubcore/Module.symvers" \
			modules >> "$log" 2>&1 || return 1
	done
	cp -r "$top/testsuite/kmod-old" "$b/kmod-old"
	make -j"$(nproc)" -C "$kdir" M="$b/kmod-old" MODSTUB="$top" \
		TSTUB_API="$top/testsuite/kmod" \
		KBUILD_EXTRA_SYMBOLS="$b/stubcore/Module.symvers $b/ex-kmod/Module.symvers" \
		modules >> "$log" 2>&1 || return 1
	cp -r "$top/testsuite/kmod-v2" "$b/kmod-v2"
	cp "$top"/testsuite/kmod/tlayout_core.c "$top"/testsuite/kmod/tlayout.modmeta \
		"$b/kmod-v2/"
	make -j"$(nproc)" -C "$kdir" M="$b/kmod-v2" MODSTUB="$top" \
		TLAYOUT_API="$top/testsuite/kmod" \
		KBUILD_EXTRA_SYMBOLS="$b/stubcore/Module.symvers $b/ex-kmod/Module.symvers" \
		modules >> "$log" 2>&1 || return 1
	cp -r "$top/testsuite/kmod-plain" "$b/kmod-plain"
	make -j"$(nproc)" -C "$kdir" M="$b/kmod-plain" \
		TSTUB_API="$top/testsuite/kmod" modules >> "$log" 2>&1 || return 1
	gather_modules "$b"
}

# gather_modules DIR: (again) gather what build_modules built under DIR in
# DIR/ko, under the names build_modules gives them
gather_modules()
{
	local b=$1
	cp "$b"/stubcore/*.ko "$b"/ex-*/*.ko "$b/ko/" &&
	cp "$b/kmod-old/tstub.ko" "$b/ko/tstub-old.ko.old" &&
	cp "$b/kmod-v2/tlayout.ko" "$b/ko/tlayout-v2.ko.old" &&
	cp "$b/kmod-plain/tuser.ko" "$b/ko/tuser-plain.ko.old"
}

# module_dirs DIR: the directories under DIR that build_modules built
# modules in
module_dirs()
{
	echo "$1/stubcore" "$1"/ex-* "$1/kmod-old" "$1/kmod-v2" "$1/kmod-plain"
}
