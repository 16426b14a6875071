#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug kernel of `make check-debug` from Debian's
# linux-source-6.12 and debug.config, once per machine: the tree is kept
# in $MODSTUB_CACHE/debug-kernel (~/.cache/modstub), and reused while the
# version of the source package, debug.config and the compiler are those
# it was built from (else it is built again, in the same place).  Prints
# the directory of the built tree: a Kbuild
# tree for M= builds, with arch/x86/boot/bzImage, the release in
# modstub-release and the key modules are signed with in
# certs/modstub-signing.pem (generated here, never shipped).
#
# Usage: build.sh [-j JOBS]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
jobs=$(nproc)
while getopts "j:" opt; do
	case $opt in
	j) jobs=$OPTARG ;;
	*) echo "usage: $0 [-j JOBS]" >&2; exit 2 ;;
	esac
done

die() { echo "debug-kernel: $*" >&2; exit 1; }

pkg=linux-source-6.12
ver=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) ||
	die "$pkg is not installed (make deps installs it)"
tarball=$(dpkg -L "$pkg" | grep -E '/linux-source-6\.12\.tar\.(xz|bz2|gz)$' | head -1)
[ -f "$tarball" ] || die "$pkg has no source tarball"

key="$pkg $ver, debug.config $(sha256sum < "$here/debug.config" | cut -c1-16), $(gcc --version | head -1)"
cache=${MODSTUB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/modstub}
dir=$cache/debug-kernel
tree=$dir/linux
built() { [ "$(cat "$dir/built" 2> /dev/null)" = "$key" ]; }
if built; then
	echo "$tree"
	exit 0
fi

mkdir -p "$cache"
exec 9> "$cache/debug-kernel.lock"
flock 9
if built; then		# built while we waited
	echo "$tree"
	exit 0
fi

# Built in place (Kbuild's .cmd files name absolute paths), by one build
# at a time; a tree whose "built" is not the key is from another source or
# configuration, or from a build that did not finish.
rm -rf "$dir"
mkdir -p "$dir"
log=$dir/build.log
start=$(date +%s)
echo "debug-kernel: building $pkg $ver with debug.config in $dir (log: $log)" >&2
tar -xf "$tarball" -C "$dir"
mv "$dir/linux-source-6.12" "$tree"

openssl req -new -nodes -utf8 -sha256 -days 36500 -batch -x509 \
	-subj "/CN=modstub check-debug signing key/" \
	-newkey rsa:2048 -outform PEM \
	-keyout "$tree/certs/modstub-signing.pem" \
	-out "$tree/certs/modstub-signing.pem" >> "$log" 2>&1 ||
	die "cannot generate the signing key (see $log)"

frag=$dir/config
{
	cat "$here/debug.config"
	# relative to the tree: the path stays right for M= builds
	echo 'CONFIG_MODULE_SIG_KEY="certs/modstub-signing.pem"'
} > "$frag"
make -C "$tree" KCONFIG_ALLCONFIG="$frag" allnoconfig >> "$log" 2>&1 ||
	die "allnoconfig failed (see $log)"

# Every line of the fragment must have taken: Kconfig drops an option
# whose dependencies are not met without a word.
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qxF "$line" "$tree/.config" || {
			echo "debug-kernel: debug.config: $line did not take: $(grep -E "^(# )?${line%%=*}[= ]" "$tree/.config" || echo absent)" >&2
			bad=1
		}
		;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }
		opt=${opt%% *}
		! grep -q "^$opt=" "$tree/.config" || {
			echo "debug-kernel: debug.config: $opt is set" >&2
			bad=1
		}
		;;
	esac
done < "$frag"
[ $bad -eq 0 ] || die "the configuration is not the one asked for"

make -C "$tree" -j"$jobs" >> "$log" 2>&1 || {
	tail -30 "$log" >&2
	die "the kernel build failed (see $log)"
}
make -C "$tree" -s kernelrelease > "$tree/modstub-release"
echo "$key" > "$dir/built"
echo "debug-kernel: $(cat "$tree/modstub-release") built in $(($(date +%s) - start)) s" >&2
echo "$tree"
