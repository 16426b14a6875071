# SPDX-License-Identifier: GPL-2.0
#
# Shared by the test scripts: pass/fail accounting.  Each script sources this,
# reports with pass/fail, and ends with "summary", which prints its own
# "N passed, N failed" line and appends the counts to $RESULTS (if set) for
# run.sh to add up.
#
# Also here: the helpers the tests are written with (test_case, run_cmd,
# has_line, same_file, sanitizer_report...: one meaning each, see below),
# and the builds the scripts share: build_stubcore and build_modules for
# the kernel tests, build_golden and kbuild_modules for the modules of
# kbuild.sh that stubgen.sh, modstate.sh and valgrind.sh use.

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

# vm_header SCENARIO KEY VALUE-REGEX: the value of SCENARIO's first
# "# KEY: VALUE" line, or nothing
vm_header()
{
	sed -n "s/^# $2: *\\($3\\)\$/\\1/p" "$1" | head -1
}

# vm_cpus SCENARIO: the vCPUs SCENARIO asks for with a "# vm-cpus: N"
# line, 2 if none
vm_cpus()
{
	local n
	n=$(vm_header "$1" vm-cpus '[0-9]*')
	echo "${n:-2}"
}

# vm_mem SCENARIO: the MiB of memory SCENARIO asks for with a
# "# vm-mem: N" line, or nothing (vm.sh's own default)
vm_mem() { vm_header "$1" vm-mem '[0-9]*'; }

# vm_modules SCENARIO: the set of modules SCENARIO boots with, named by a
# "# vm-modules: SET" line: "huge" (what build_huge builds), or nothing
# (build_modules' DIR/ko)
vm_modules() { vm_header "$1" vm-modules '[a-z]*'; }

# vm_machine SCENARIO: the machine SCENARIO boots, named by a
# "# vm-machine: NAME" line (vm.sh -D: edu), or nothing (QEMU's pc)
vm_machine() { vm_header "$1" vm-machine '[a-z0-9]*'; }

# vm_kmods SCENARIO: the kernel's own modules SCENARIO needs in its
# initramfs, listed by a "# vm-kmods: NAME..." line (vm.sh -n)
vm_kmods() { vm_header "$1" vm-kmods '[a-z0-9_ -]*'; }

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
	build_runtime stubcore "$@"
}

# build_modrun KVER DIR LOG [KDIR]: the same for kernel/modrun, the
# runtime of module programs
build_modrun()
{
	build_runtime modrun "$@"
}

# build_runtime NAME KVER DIR LOG [KDIR]: build a copy of kernel/NAME
build_runtime()
{
	local top
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	rm -rf "$3"
	cp -r "$top/kernel/$1" "$3"
	make -j"$(nproc)" -C "${5:-/lib/modules/$2/build}" M="$3" \
		MODSTUB_INCLUDE="$top/include" modules > "$4" 2>&1 &&
		! grep -qi 'warning:' "$4"
}

# build_modules KVER DIR LOG [KDIR]: build stubcore, every example of
# kernel/examples and the test modules of testsuite/kmod against KVER's
# headers (or the kernel tree KDIR), each in a copy under DIR, and gather
# the modules in DIR/ko.
# The older tstub of testsuite/kmod-old goes there as tstub-old.ko.old (not
# a name depmod looks at), tstub without its __modstub_real_exit_tstub as
# tstub-noexit.ko.old, the tlayout of testsuite/kmod-v2 as
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
	build_modrun "$kver" "$b/modrun" "$log.modrun" "$kdir" || {
		cat "$log.modrun" >> "$log"
		return 1
	}
	for d in "$top"/kernel/examples/*/ "$top/testsuite/kmod/"; do
		n=ex-$(basename "$d")
		cp -r "$d" "$b/$n"
		make -j"$(nproc)" -C "$kdir" M="$b/$n" MODSTUB="$top" \
			MODSTUB_SYMVERS="$b/stubcore/Module.symvers" \
			MODRUN_SYMVERS="$b/modrun/Module.symvers" \
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
	local b=$1 top p s
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	cp "$b"/stubcore/*.ko "$b"/modrun/*.ko "$b"/ex-*/*.ko "$b/ko/" &&
	# the module programs, packed: each runs its module from memory; and
	# NAME-user, the user-space build of the same source
	for p in $(grep -l "^MODRUN_PROGRAM" "$b"/ex-*/*_modmeta.c 2>/dev/null); do
		s=${p%_modmeta.c}.c
		p=$(basename "$p" _modmeta.c)
		"$top/modrun/modrun" --pack "$b/ko/$p.ko" -o "$b/ko/$p" || return 1
		if [ -f "$s" ]; then
			${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -O2 -o "$b/ko/$p-user" \
				"$s" -lpthread || return 1
		fi
	done &&
	${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -O2 -I"$top/include" \
		-o "$b/ko/modrun-bad" "$top/testsuite/kmod/modrun_bad.c" &&
	# the user-space build of the edu driver, by the rules of modstub.mk,
	# the test program of /dev/eduN, udrvd (their manager) and guardpage
	# (a page the IOMMU keeps the device from)
	make -s -C "$b/ex-edu" MODSTUB="$top" UDRV_CFLAGS="-O2 -g -Werror" \
		edu-user edutest &&
	cp "$b/ex-edu/edu-user" "$b/ex-edu/edutest" "$top/udrvd/udrvd" "$b/ko/" &&
	${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -O2 -o "$b/ko/guardpage" \
		"$top/testsuite/udrv/guardpage.c" &&
	cp "$b/kmod-old/tstub.ko" "$b/ko/tstub-old.ko.old" &&
	# a tstub whose wrapper predates __modstub_real_exit_: stubcore
	# refuses it (real_without_exit)
	objcopy --redefine-sym __modstub_real_exit_tstub=__modstub_old_exit_tstub \
		"$b/ex-kmod/tstub.ko" "$b/ko/tstub-noexit.ko.old" &&
	cp "$b/kmod-v2/tlayout.ko" "$b/ko/tlayout-v2.ko.old" &&
	cp "$b/kmod-plain/tuser.ko" "$b/ko/tuser-plain.ko.old"
}

# build_huge KVER DIR LOG [KDIR]: build the stub module of
# HUGE_STUBS (100000) stubs of testsuite/kmod-huge, its real module and
# its caller, in DIR/kmod-huge, against the stubcore that build_modules
# built in DIR/stubcore; strip them of their debug information (in place,
# so that a modules_install of DIR/kmod-huge signs what a boot loads:
# thuge_stub.ko is 94 MB with it) and gather them with stubcore in
# DIR/ko-huge.
# Kept apart from DIR/ko because every boot copies all of its -m into the
# initramfs: only the scenarios that ask for "# vm-modules: huge" boot
# with them.
build_huge()
{
	local kver=$1 b=$2 log=$3 kdir=${4:-/lib/modules/$1/build} top f
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	rm -rf "$b/kmod-huge" "$b/ko-huge"
	cp -r "$top/testsuite/kmod-huge" "$b/kmod-huge"
	(cd "$b/kmod-huge" && ./gen.sh "${HUGE_STUBS:-100000}") > "$log" 2>&1 &&
	make -j"$(nproc)" -C "$kdir" M="$b/kmod-huge" MODSTUB="$top" \
		MODSTUB_SYMVERS="$b/stubcore/Module.symvers" \
		modules >> "$log" 2>&1 || return 1
	for f in "$b"/kmod-huge/*.ko; do
		strip --strip-debug "$f" >> "$log" 2>&1 || return 1
	done
	mkdir -p "$b/ko-huge"
	cp "$b/stubcore/stubcore.ko" "$b"/kmod-huge/*.ko "$b/ko-huge/"
}

# module_dirs DIR: the directories under DIR that build_modules built
# modules in
module_dirs()
{
	echo "$1/stubcore" "$1/modrun" "$1"/ex-* "$1/kmod-old" "$1/kmod-v2" "$1/kmod-plain"
}

## The helpers the tests are written with.  Each assertion prints what is
## wrong (into the log of the test_case it runs in) and returns non-zero.

# test_files DIR: keep the helpers' files in DIR (a temporary directory of
# the caller's): $RUN_OUT and $RUN_ERR, the standard output and error of
# the last run_cmd, and $TEST_LOG, the log of the running test_case
test_files()
{
	RUN_OUT=$1/out
	RUN_ERR=$1/err
	TEST_LOG=$1/case.log
}

# run_cmd STATUS CMD...: run CMD (a command or a shell function) with its
# standard output in $RUN_OUT and its standard error in $RUN_ERR; true if
# it exits STATUS (a number, or several joined by ','), else a report of
# what it exited with and printed.  $RUN_STATUS is its exit status.
run_cmd()
{
	local want=$1 s
	shift
	"$@" > "$RUN_OUT" 2> "$RUN_ERR"
	RUN_STATUS=$?
	for s in ${want//,/ }; do
		[ "$RUN_STATUS" = "$s" ] && return 0
	done
	echo "'$*' exited $RUN_STATUS, expected $want"
	echo "--- stdout"; cat "$RUN_OUT"
	echo "--- stderr"; cat "$RUN_ERR"
	return 1
}

# has_line FILE REGEX: a line of FILE matches REGEX (a basic regular
# expression, as grep takes it; it may start with '-')
has_line()
{
	grep -q -e "$2" "$1" && return 0
	echo "no line of $1 matches '$2'; it holds:"
	cat "$1"
	return 1
}

# lacks_line FILE REGEX: FILE exists, and no line of it matches REGEX
lacks_line()
{
	[ -f "$1" ] || { echo "no file $1"; return 1; }
	grep -q -e "$2" "$1" || return 0
	echo "lines of $1 match '$2':"
	grep -e "$2" "$1"
	return 1
}

# is_empty FILE: FILE is empty (or absent)
is_empty()
{
	[ -s "$1" ] || return 0
	echo "$1 is not empty; it holds:"
	cat "$1"
	return 1
}

# same_as FILE: FILE holds what the standard input holds (else the diff)
same_as()
{
	[ -e "$1" ] || { echo "no file $1"; return 1; }
	diff -u - "$1"
}

# diagnostics LOG: the lines of a Kbuild log that a clean build does not
# print (warnings and errors; not BTF's note on a kernel without vmlinux)
diagnostics() { grep -Ei 'warning|error' "$1" | grep -v 'Skipping BTF generation'; }

# test_case NAME FUNCTION [ARG...]: run FUNCTION (a shell function, run in
# this shell so that it may set variables, or a command such as has_line)
# with its output in $TEST_LOG; NAME passes if it returns 0, else it fails
# with the log (and returns 1).  Not nested, and not in a pipeline (nor is
# same_file): the count would be lost in the pipeline's subshell.
test_case()
{
	local name=$1
	shift
	: > "$TEST_LOG"
	if "$@" >> "$TEST_LOG" 2>&1; then
		pass "$name"
	else
		fail "$name" "$TEST_LOG"
		return 1
	fi
}

# same_file NAME FILE: the test that FILE holds the standard input
same_file()
{
	test_case "$1" same_as "$2"
}

# sanitizer_report FILE: true if FILE holds a report of AddressSanitizer,
# LeakSanitizer or UndefinedBehaviorSanitizer
sanitizer_report()
{
	grep -q 'Sanitizer\|runtime error' "$1" 2> /dev/null
}

# no_sanitizer_report FILE: the assertion that it holds none
no_sanitizer_report()
{
	sanitizer_report "$1" || return 0
	echo "a sanitizer report in $1:"
	cat "$1"
	return 1
}

## The modules of kbuild.sh, which stubgen.sh, modstate.sh and valgrind.sh
## run their tools on.

# kbuild_dir KVER: where kbuild.sh builds for KVER: $KBUILD_TEST_DIR/KVER,
# build/kbuild/KVER by default.  It holds stubcore/ (stubcore.ko and its
# Module.symvers) and mods/ (the modules of the golden cases).
kbuild_dir()
{
	local top
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	echo "${KBUILD_TEST_DIR:-$top/build/kbuild}/$1"
}

# golden_tree DIR: DIR/mods, a Kbuild tree of the generated C of every
# valid golden case (those whose expected outputs exist), and the lists
# DIR/stubs.list ("NAME COUNT": each stub module and its number of stubs),
# DIR/reals.list (each real module with stubs) and DIR/noreal.list (each
# real module with stubs whose functions no golden/include/NAME_real.c
# defines)
golden_tree()
{
	local dir=$1 top golden mods c f m s objs
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	golden=$top/testsuite/golden
	mods=$dir/mods
	rm -rf "$mods"
	mkdir -p "$mods" || return 1
	: > "$dir/stubs.list"
	: > "$dir/reals.list"
	: > "$dir/noreal.list"
	cp -r "$golden"/include/. "$mods/" || return 1
	: > "$mods/Kbuild"
	for c in "$golden"/*.out; do
		cp "$c"/* "$mods/" || return 1
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
				echo "$m" >> "$dir/noreal.list"
			fi
			echo "obj-m += $m.o" >> "$mods/Kbuild"
			echo "$m-y := $objs" >> "$mods/Kbuild"
			grep -q '^MODSTUB_REAL_BEGIN' "$f" && echo "$m" >> "$dir/reals.list"
		done
		for f in "$c"/*_stub.c; do
			[ -e "$f" ] || continue
			s=$(basename "$f" .c)
			echo "$s $(grep -cE '^MODSTUB_(STUB|USTUB|WSTUB)\(' "$f")" >> "$dir/stubs.list"
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
}

# build_golden KVER DIR: golden_tree DIR, built with Kbuild against KVER's
# headers and the exports of DIR/stubcore and DIR/modrun (build_stubcore and
# build_modrun first); the log is DIR/mods.log.  The modules are not sealed yet.
build_golden()
{
	golden_tree "$2" || return 1
	make -j"$(nproc)" -C "/lib/modules/$1/build" M="$2/mods" \
		KBUILD_EXTRA_SYMBOLS="$2/stubcore/Module.symvers $2/modrun/Module.symvers" \
		modules > "$2/mods.log" 2>&1
}

# kbuild_ready KVER: kbuild_dir KVER holds the modules, built and sealed:
# kbuild.sh (or kbuild_modules) writes its file "ready" last
kbuild_ready()
{
	[ -f "$(kbuild_dir "$1")/ready" ]
}

# kbuild_kernel LOG: print the first test kernel whose modules of kbuild.sh
# are there, else build them for the first test kernel (kbuild_modules)
# and print it; if that fails, LOG says why, and it returns non-zero
kbuild_kernel()
{
	local k
	for k in $(test_kernels); do
		kbuild_ready "$k" && { echo "$k"; return 0; }
	done
	k=$(test_kernels | head -1)
	if [ -z "$k" ]; then
		echo "prerequisite missing: the headers of a test kernel (6.1.* or 6.12.* under /lib/modules: make deps installs them), to build the modules of kbuild.sh" > "$1"
		return 1
	fi
	kbuild_modules "$k" "$1" >&2 || return 1
	echo "$k"
}

# kbuild_modules KVER LOG: make sure kbuild_dir KVER holds the modules of
# kbuild.sh, built and sealed; if not, build them as kbuild.sh does
# (build_stubcore, build_golden, stubgen seal of each stub and real
# module), without its checks.  Not safe to run twice at once while they
# are missing.  If the build fails, LOG says so in one line, and it
# returns non-zero.
kbuild_modules()
{
	local kver=$1 log=$2 dir top m
	kbuild_ready "$kver" && return 0
	dir=$(kbuild_dir "$kver")
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	echo "note: no modules of kbuild.sh for $kver in $dir: building them"
	if [ ! -f "/lib/modules/$kver/build/Makefile" ]; then
		echo "prerequisite missing: the headers of kernel $kver (/lib/modules/$kver/build), to build the modules of kbuild.sh" > "$log"
		return 1
	fi
	rm -rf "$dir"
	if ! mkdir -p "$dir" 2> /dev/null; then
		echo "prerequisite missing: the modules of kbuild.sh for $kver: cannot create $dir" > "$log"
		return 1
	fi
	if ! build_stubcore "$kver" "$dir/stubcore" "$dir/stubcore.log"; then
		echo "prerequisite missing: the modules of kbuild.sh for $kver: stubcore does not build (see $dir/stubcore.log)" > "$log"
		return 1
	fi
	if ! build_modrun "$kver" "$dir/modrun" "$dir/modrun.log"; then
		echo "prerequisite missing: the modules of kbuild.sh for $kver: modrun does not build (see $dir/modrun.log)" > "$log"
		return 1
	fi
	if ! build_golden "$kver" "$dir"; then
		echo "prerequisite missing: the modules of kbuild.sh for $kver: the golden modules do not build (see $dir/mods.log)" > "$log"
		return 1
	fi
	: > "$dir/seal.log"
	for m in $(cut -d' ' -f1 "$dir/stubs.list") $(cat "$dir/reals.list"); do
		if ! "$top/stubgen/stubgen" seal "$dir/mods/$m.ko" >> "$dir/seal.log" 2>&1; then
			echo "prerequisite missing: the modules of kbuild.sh for $kver: $m.ko does not seal (see $dir/seal.log)" > "$log"
			return 1
		fi
	done
	touch "$dir/ready"
}
