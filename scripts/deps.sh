#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the build and the tests need on Debian 12: the tool chain,
# the source of the debug kernel (linux-source-6.12) and what building it
# needs, and the two test kernels (6.1 from bookworm, 6.12 from bookworm-backports)
# with their headers.  As root it installs what is missing; otherwise it
# prints the commands to run and fails.
#
# Usage: deps.sh [--quiet] [--check]
#   --quiet   say nothing when everything is there
#   --check   only report; exit 1 if something is missing
set -u

quiet=0
check=0
for a in "$@"; do
	case "$a" in
	--quiet) quiet=1 ;;
	--check) check=1 ;;
	*) echo "usage: $0 [--quiet] [--check]" >&2; exit 2 ;;
	esac
done

PACKAGES="build-essential flex bison libelf-dev libdw-dev libkmod-dev dkms
	  kmod cpio busybox-static man-db
	  qemu-system-x86 binutils valgrind time clang libclang-rt-dev llvm
	  liblzma-dev libzstd-dev zlib1g-dev xz-utils zstd sparse
	  linux-source-6.1 linux-source-6.12 libssl-dev bc openssl
	  debhelper dh-dkms lintian systemd util-linux"
BACKPORTS_LIST=/etc/apt/sources.list.d/modstub-bookworm-backports.list

missing_packages()
{
	local p
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || echo "$p"
	done
}

# Is a kernel of series $1 (6.1, 6.12) installed with its headers?
have_kernel()
{
	local d k
	for d in /lib/modules/"$1".*/build; do
		[ -f "$d/Makefile" ] || continue
		k=${d%/build}
		k=${k#/lib/modules/}
		[ -f "/boot/vmlinuz-$k" ] && return 0
	done
	return 1
}

have_backports()
{
	grep -rqs '^deb .*bookworm-backports' /etc/apt/sources.list \
		/etc/apt/sources.list.d/
}

pkgs=$(missing_packages | tr '\n' ' ')
need61=0
need612=0
have_kernel 6.1 || need61=1
have_kernel 6.12 || need612=1

if [ -z "$pkgs" ] && [ $need61 -eq 0 ] && [ $need612 -eq 0 ]; then
	[ $quiet -eq 1 ] || echo "deps: everything is installed"
	exit 0
fi

cmds=()
cmds+=("apt-get update")
[ -n "$pkgs" ] && cmds+=("apt-get install -y --no-install-recommends $pkgs")
[ $need61 -eq 1 ] && cmds+=("apt-get install -y -t bookworm linux-image-amd64 linux-headers-amd64")
if [ $need612 -eq 1 ]; then
	have_backports ||
		cmds=("echo 'deb http://deb.debian.org/debian bookworm-backports main' > $BACKPORTS_LIST" "${cmds[@]}")
	cmds+=("apt-get install -y -t bookworm-backports linux-image-amd64 linux-headers-amd64")
fi

if [ $check -eq 1 ] || [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing:${pkgs:+ $pkgs}$([ $need61 -eq 1 ] && echo ' kernel-6.1')$([ $need612 -eq 1 ] && echo ' kernel-6.12')" >&2
	echo "deps: as root, run:" >&2
	for c in "${cmds[@]}"; do echo "  $c" >&2; done
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
for c in "${cmds[@]}"; do
	echo "deps: $c"
	sh -c "$c" || { echo "deps: failed: $c" >&2; exit 1; }
done

# Each series is installed by its own metapackage version; check both came.
have_kernel 6.1 || { echo "deps: no 6.1 kernel with headers after install" >&2; exit 1; }
have_kernel 6.12 || { echo "deps: no 6.12 kernel with headers after install" >&2; exit 1; }
echo "deps: done"
