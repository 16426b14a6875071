#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# modstate on a running system: boot each test kernel in QEMU with the
# modules of the kernel tests, modstate, kmod and the libraries they need,
# and run testsuite/vm/modstate-running.sh there, then, on the machine
# with edu devices, testsuite/vm/modstate-user.sh (state user, with
# udrvd).  modstate.sh tests the files on an image; this tests loading
# and unloading.
#
# Usage: modstate-vm.sh [--modstate PATH] [-k KVER]...
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

modstate=$top/modstate/modstate
kernels=()
while [ $# -gt 0 ]; do
	case "$1" in
	--modstate) modstate=$2; shift ;;
	-k) kernels+=("$2"); shift ;;
	*) echo "usage: $0 [--modstate PATH] [-k KVER]..." >&2; exit 2 ;;
	esac
	shift
done
[ ${#kernels[@]} -gt 0 ] || kernels=($(test_kernels))

out=$top/build/modstate-vm
log=$(mktemp)
mine=$(mktemp)
trap 'rm -f "$log" "$mine"' EXIT

# copy_with_libs FILE DIR: FILE and the shared libraries it needs
copy_with_libs()
{
	cp "$1" "$2/" || return 1
	ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
	while read -r lib; do
		cp -L "$lib" "$2/" || return 1
	done
}

for kver in "${kernels[@]}"; do
	b=$out/$kver
	if [ -n "${MODSTATE_VM_KO:-}" ] && [ -d "$MODSTATE_VM_KO/$kver/ko" ]; then
		# the modules vmtest.sh just built (run.sh runs it first)
		rm -rf "$b"
		mkdir -p "$b"
		cp -r "$MODSTATE_VM_KO/$kver/ko" "$b/ko"
	elif ! build_modules "$kver" "$b" "$log"; then
		fail "modstate-vm/$kver/build" "$log"
		continue
	fi
	g=$b/guest
	img=$b/img
	rm -rf "$g" "$img"
	mkdir -p "$g" "$img/lib/modules/$kver/extra"
	cp "$b"/ko/*.ko "$g/"
	# libkmod reads the binary indexes, which busybox's depmod does not write
	cp "$b"/ko/*.ko "$img/lib/modules/$kver/extra/"
	if ! { depmod -b "$img" "$kver" &&
	       cp "$img/lib/modules/$kver"/modules.*.bin "$g/" &&
	       copy_with_libs "$modstate" "$g" &&
	       copy_with_libs "$(command -v kmod)" "$g"; } > "$log" 2>&1; then
		fail "modstate-vm/$kver/guest files" "$log"
		continue
	fi
	RESULTS=$mine "$here/vm/vm.sh" -q -k "$kver" -m "$g" -c 2 \
		-o "$b/logs" "$here/vm/modstate-running.sh"
	# state user, on the machine with edu devices: udrvd and edu-user
	if ! { cp "$b"/ko/edu-user "$b"/ko/edutest "$g/" &&
	       copy_with_libs "$top/udrvd/udrvd" "$g"; } > "$log" 2>&1; then
		fail "modstate-vm/$kver/guest files for state user" "$log"
		continue
	fi
	RESULTS=$mine "$here/vm/vm.sh" -q -k "$kver" -m "$g" -c 2 -D edu \
		-n "$(vm_kmods "$here/vm/modstate-user.sh")" \
		-o "$b/logs" "$here/vm/modstate-user.sh"
done
add_results "$mine"
summary modstate-vm
