#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The launcher of module programs on the host (the kernel side is in QEMU:
# testsuite/vm/scenarios/program_*.sh): its command line, --pack (the
# packed executable carries the module, byte for byte, and runs as the
# launcher of it) and its refusals.  The host cannot load modules, so a
# packed program here stops at the device, with its message.
#
# Usage: modrun.sh [--modrun PATH] [--label NAME]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

modrun=$top/modrun/modrun
label=modrun
while [ $# -gt 0 ]; do
	case "$1" in
	--modrun) modrun=$2; shift ;;
	--label) label=$2; shift ;;
	*) echo "usage: $0 [--modrun PATH] [--label NAME]" >&2; exit 2 ;;
	esac
	shift
done
case "$modrun" in /*) ;; *) modrun=$PWD/$modrun ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
test_files "$work"
log=$work/log
version=$(make -s --no-print-directory -C "$top" version)

# a module program of kbuild.sh's (g_program.ko), built here if missing
if ! kver=$(kbuild_kernel "$log"); then
	fail "$label/modules" "$log"
	summary "$label"
	exit 1
fi
ko=$(kbuild_dir "$kver")/mods/g_program.ko

t_help() { run_cmd 0 "$modrun" --help && has_line "$RUN_OUT" "^Usage: modrun"; }
test_case "$label/--help" t_help
t_version() { run_cmd 0 "$modrun" --version && has_line "$RUN_OUT" "^modrun (modstub) $version\$"; }
test_case "$label/--version" t_version

# usage errors: status 2 and the message
usage_err()
{
	run_cmd 2 "$modrun" "${@:2}" &&
		has_line "$RUN_ERR" "^modrun: error: $1" &&
		has_line "$RUN_ERR" "modrun --help"
}
test_case "$label/usage: nothing to run" usage_err "no module program given"
test_case "$label/usage: --pack without -o" usage_err "--pack and --output go together" --pack "$ko"
test_case "$label/usage: -o without --pack" usage_err "--pack and --output go together" -o "$work/x"
test_case "$label/usage: --pack with more" usage_err "--pack takes no other argument" --pack "$ko" -o "$work/x" extra
test_case "$label/usage: unknown option" usage_err "unknown option" --frobnicate

# refusals: status 255 and what is wrong
refusal()
{
	run_cmd 255 "$modrun" "${@:2}" && has_line "$RUN_ERR" "^modrun: error: $1"
}
printf 'not an ELF file\n' > "$work/text.ko"
test_case "$label/a missing file" refusal "$work/none.ko: No such file or directory" "$work/none.ko"
test_case "$label/a text file" refusal "$work/text.ko: not a kernel module" "$work/text.ko"
test_case "$label/--pack of a text file" refusal "$work/text.ko: not a kernel module" --pack "$work/text.ko" -o "$work/packed"
test_case "$label/--pack of a directory" refusal "$work: Is a directory" --pack "$work" -o "$work/packed"
test_case "$label/nothing written on a refusal" test ! -e "$work/packed"

# --pack: the section holds the module as it is, and the result runs as
# its launcher (here it stops at the device: no module can be loaded)
t_pack()
{
	run_cmd 0 "$modrun" --pack "$ko" -o "$work/g_program" || return 1
	[ -x "$work/g_program" ] || { echo "not executable"; return 1; }
	objcopy --dump-section .modrun.image="$work/image" "$work/g_program" \
		"$work/g_program.tmp" && cmp "$ko" "$work/image"
}
test_case "$label/--pack carries the module" t_pack
t_packed_runs()
{
	# no option of modrun's: all of argv is the program's
	run_cmd 255 "$work/g_program" --help &&
		is_empty "$RUN_OUT" &&
		has_line "$RUN_ERR" "^g_program: error: cannot open /dev/modrun"
}
test_case "$label/the packed program takes no options of its own" t_packed_runs
summary "$label"
