#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The emulation library of user-space drivers (udrv/) on the host, where
# its services run without a device: testsuite/udrv/tlib.c against
# libudrv.a, also under ASan and UBSan and valgrind; the build errors a
# driver gets for what the emulation lacks (each names it); the command
# line of edu-user.  The device side is in QEMU (vm/scenarios/udrv_*.sh).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
test_files "$work"
lib=$top/udrv/libudrv.a
cflags="-std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror -g -D_GNU_SOURCE -I$top/udrv/include -iquote $top/udrv -iquote $top/lib -pthread"

t_lib()
{
	gcc $cflags -O1 -DKBUILD_MODNAME='"tlib"' -o "$work/tlib" \
		"$here/udrv/tlib.c" "$lib" > "$TEST_LOG" 2>&1 &&
	run_cmd 0 "$work/tlib" && lacks_line "$RUN_OUT" "^FAIL"
}
test_case "udrv/library services" t_lib

# (tlib gives main() and the globals of udrv/main.c: that file is left out)
t_san()
{
	local srcs
	srcs=$(ls "$top"/udrv/*.c | grep -v '/main\.c$')
	gcc $cflags -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
		-DKBUILD_MODNAME='"tlib"' -o "$work/tlib-san" "$here/udrv/tlib.c" \
		$srcs "$top/lib/msg.c" > "$TEST_LOG" 2>&1 || return 1
	run_cmd 0 "$work/tlib-san" && lacks_line "$RUN_OUT" "^FAIL" &&
		is_empty "$RUN_ERR"
}
test_case "udrv/library services under ASan and UBSan" t_san

t_valgrind()
{
	run_cmd 0 valgrind -q --error-exitcode=99 "$work/tlib" &&
		lacks_line "$RUN_OUT" "^FAIL" && is_empty "$RUN_ERR"
}
test_case "udrv/library services under valgrind" t_valgrind

# bad_build FILE PATTERN: FILE does not compile, and says PATTERN
bad_build()
{
	run_cmd 1 env LC_ALL=C gcc $cflags -DKBUILD_MODNAME='"bad"' -c -o "$work/bad.o" "$1" &&
		has_line "$RUN_ERR" "$2"
}
test_case "udrv/a function the emulation lacks is a build error naming it" \
	bad_build "$here/udrv/bad/missing.c" "implicit declaration of function 'pci_enable_msix_range'"
test_case "udrv/a file operation it lacks is a build error naming it" \
	bad_build "$here/udrv/bad/mmap.c" "has no member named 'mmap'"
test_case "udrv/a module parameter of another type is a build error" \
	bad_build "$here/udrv/bad/param.c" 'module_param(crash): not of type bool'
t_modname()
{
	run_cmd 1 gcc $cflags -c -o "$work/bad.o" "$here/udrv/bad/param.c" &&
		has_line "$RUN_ERR" "KBUILD_MODNAME is not defined"
}
test_case "udrv/a build without KBUILD_MODNAME says so" t_modname

# every function the headers declare (not inline) is in the library
t_complete()
{
	local h missing=
	for h in "$top"/udrv/include/linux/*.h; do
		echo "#include <linux/$(basename "$h")>"
	done > "$work/all.c"
	gcc $cflags -DKBUILD_MODNAME='"all"' -fsyntax-only -aux-info "$work/aux" \
		"$work/all.c" > "$TEST_LOG" 2>&1 || return 1
	nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u > "$work/defined"
	for f in $(grep "udrv/include/linux/" "$work/aux" | grep -v ' static ' |
		   sed -n 's/^[^*]*\*\/ *extern [^(]*[ *]\([a-z_][a-z0-9_]*\) (.*/\1/p' |
		   sort -u); do
		grep -qx "$f" "$work/defined" || missing="$missing $f"
	done
	[ -s "$work/defined" ] && grep -qx misc_register "$work/defined" || return 1
	[ -z "$missing" ] || { echo "declared, not defined:$missing" >> "$TEST_LOG"; return 1; }
}
test_case "udrv/every function the headers declare is defined" t_complete

# edu-user's command line
make -s -C "$top/kernel/examples/edu" MODSTUB="$top" UDRV_CFLAGS="-O2 -g -Werror" \
	edu-user > "$work/build.log" 2>&1 && mv "$top/kernel/examples/edu/edu-user" "$work/"
rm -f "$top/kernel/examples/edu/.edu-user.d"
edu=$work/edu-user
t_help() { run_cmd 0 "$edu" --help && has_line "$RUN_OUT" "^Usage: edu-user \[--instance N\]"; }
test_case "udrv/edu-user --help" t_help
usage_err()
{
	run_cmd 2 "$edu" "${@:2}" && has_line "$RUN_ERR" "^edu-user: error: $1" &&
		has_line "$RUN_ERR" "^Try 'edu-user --help'"
}
test_case "udrv/edu-user: no address" usage_err "no PCI address given"
test_case "udrv/edu-user: unknown option" usage_err "unknown option '--frob'" --frob
test_case "udrv/edu-user: bad --instance" usage_err "--instance: 'x' is not a number" --instance x 0000:00:00.0
test_case "udrv/edu-user: unknown parameter" usage_err "unknown parameter 'nosuch'" 0000:00:00.0 nosuch=1
t_nodev() { run_cmd 1 "$edu" 0000:7f:1f.7 && has_line "$RUN_ERR" "^edu-user: 0000:7f:1f.7: no such PCI device$"; }
test_case "udrv/edu-user: a device that is not there" t_nodev

summary udrv
