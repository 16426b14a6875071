#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The toolchain as a driver author outside this tree gets it:
#  - make install DESTDIR=... PREFIX=/usr installs the tools, man pages,
#    headers, the Make rules and stubcore's source with a dkms.conf;
#  - dkms add and dkms build make stubcore.ko for every test kernel (with
#    its own trees and signing key, so nothing of the host's changes);
#  - testsuite/external, a small tree (pinger.ko of one source file,
#    pingcli.ko that calls it) plus pinger.modmeta and three lines of
#    Kbuild, builds against the installed toolchain, warning-free, with a
#    sealed stub module that stubgen verify accepts; rebuilds only what an
#    edit of the .modmeta or of the API header touches; modules_install
#    and depmod record that pingcli needs pinger_stub and not pinger;
#    stubgen verify names a prototype that changed on one side;
#  - in the VM, pingcli loads pinger_stub, and its first call pinger;
#  - modstate pinger=auto and pinger=loaded, applied to a system image
#    with --root, load at boot what they say.
#
# Usage: external.sh [KVER...]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

if [ $# -gt 0 ]; then kernels="$*"; else kernels=$(test_kernels); fi
work=$top/build/external
rm -rf "$work"
mkdir -p "$work"
log=$work/log
dest=$work/dest
version=$(make -s --no-print-directory -C "$top" version)

test_files "$work"

# installed FILE...: each exists under $dest
installed()
{
	local f rc=0
	for f in "$@"; do
		[ -e "$dest/$f" ] || { echo "not installed: $f"; rc=1; }
	done
	return $rc
}

test_case "external/make install" make -C "$top" --no-print-directory install \
	DESTDIR="$dest" PREFIX=/usr
test_case "external/installed files" installed usr/bin/modmetac usr/bin/stubgen \
	usr/sbin/modstate usr/share/man/man1/modmetac.1 \
	usr/share/man/man1/stubgen.1 usr/share/man/man5/modmeta.5 \
	usr/share/man/man8/modstate.8 usr/include/modstub/abi.h \
	usr/include/modstub/modstub.h usr/include/modstub/stubcore.h \
	usr/share/modstub/modstub.mk \
	usr/share/modstub/include/modstub/modstub.h \
	"usr/src/stubcore-$version/dkms.conf" \
	"usr/src/stubcore-$version/core.c" \
	"usr/src/stubcore-$version/include/modstub/abi.h"
test_case "external/installed tools run" sh -c "'$dest/usr/bin/modmetac' --version &&
	'$dest/usr/bin/stubgen' --version && '$dest/usr/sbin/modstate' --version"
test_case "external/installed man pages" sh -c "for p in '$dest'/usr/share/man/man*/*; do
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l \"\$p\" > /dev/null || exit 1; done"

# DKMS, in trees of our own; its signing key too
dkms_args=(--dkmstree "$work/dkms" --sourcetree "$dest/usr/src")
export mok_signing_key=$work/mok.key mok_certificate=$work/mok.pub
mkdir -p "$work/dkms"
test_case "external/dkms add" dkms add "${dkms_args[@]}" "stubcore/$version"

mk=$dest/usr/share/modstub/modstub.mk
for kver in $kernels; do
	kdir=/lib/modules/$kver/build
	test_case "external/$kver/dkms build" dkms build "${dkms_args[@]}" \
		"stubcore/$version" -k "$kver"
	stubcore=$(ls "$work/dkms/stubcore/$version/$kver"/*/module/stubcore.ko* 2> /dev/null | head -1)
	if [ -z "$stubcore" ]; then
		echo "no stubcore.ko from dkms for $kver" > "$log"
		fail "external/$kver/dkms module" "$log"
		continue
	fi

	# the tree, built as its author would, against the installed rules
	ext=$work/$kver/ext
	mkdir -p "$work/$kver"
	cp -r "$here/external" "$ext"
	rm -rf "$ext/vm"
	kmake() { make -C "$kdir" M="$1" MODSTUB_MK="$mk" \
		MODSTUB_STUBCORE="$stubcore" "${@:2}"; }
	kmake "$ext" -j8 modules > "$work/$kver/build.log" 2>&1
	if [ $? -ne 0 ] || [ -n "$(diagnostics "$work/$kver/build.log")" ]; then
		fail "external/$kver/build" "$work/$kver/build.log"
		continue
	fi
	pass "external/$kver/build"

	abi=$("$dest/usr/bin/stubgen" layout | sed -n 's/^MODSTUB_ABI_VERSION=//p')
	test_case "external/$kver/stub module sealed" sh -c "'$dest/usr/bin/stubgen' inspect '$ext/pinger_stub.ko' | grep -q '(ABI $abi, sealed)'"
	test_case "external/$kver/real module sealed" sh -c "'$dest/usr/bin/stubgen' inspect '$ext/pinger.ko' | grep -q 'real functions (ABI $abi, sealed)'"
	test_case "external/$kver/verify" "$dest/usr/bin/stubgen" verify -v \
		"$ext/pinger_stub.ko" "$ext/pinger.ko"
	test_case "external/$kver/pingcli depends on pinger_stub" \
		test "$(modinfo -F depends "$ext/pingcli.ko")" = pinger_stub
	test_case "external/$kver/modinfo shows modmeta" sh -c "modinfo '$ext/pinger.ko' | grep -q '^modmeta_states: *auto loaded unused'"

	# rebuilds: nothing; the .modmeta touched; edited; the header touched
	kmake "$ext" -j8 modules > "$log" 2>&1
	test_case "external/$kver/rebuild does nothing" sh -c "! grep -E '  (CC|MODMETA|SEAL|LD|MODPOST) ' '$log'"
	touch "$ext/pinger.modmeta"
	kmake "$ext" modules > "$log" 2>&1
	test_case "external/$kver/touched .modmeta: modmetac only" sh -c "grep -q MODMETA '$log' && ! grep -E '  (CC|SEAL) ' '$log'"
	sed -i 's/"Answers pings"/"Answers pings, edited"/' "$ext/pinger.modmeta"
	kmake "$ext" modules > "$log" 2>&1
	test_case "external/$kver/edited desc: the real module rebuilt" sh -c "grep -q 'CC .*pinger_modmeta.o' '$log' && grep -q 'SEAL .*/pinger.o' '$log' && ! grep -q 'SEAL .*pinger_stub' '$log' && modinfo -F description '$ext/pinger.ko' | grep -q edited"
	sed -i 's/1\.0\.0/1.0.1/' "$ext/pinger.modmeta"
	kmake "$ext" modules > "$log" 2>&1
	test_case "external/$kver/edited version: both rebuilt" sh -c "grep -q 'CC .*pinger_modmeta.o' '$log' && grep -q 'SEAL .*pinger_stub' '$log' && test \"\$(modinfo -F version '$ext/pinger_stub.ko')\" = 1.0.1"
	touch "$ext/pinger.h"
	kmake "$ext" modules > "$log" 2>&1
	test_case "external/$kver/touched header: its users rebuilt" sh -c "grep -q 'CC .*pingcli.o' '$log' && grep -q 'CC .*pinger-modstub.o' '$log' && grep -q 'SEAL .*pinger_stub' '$log'"

	# modules_install into a system image, with the DKMS stubcore
	img=$work/$kver/img
	mkdir -p "$img/lib/modules/$kver/updates/dkms"
	cp "$stubcore" "$img/lib/modules/$kver/updates/dkms/"
	kmake "$ext" INSTALL_MOD_PATH="$img" modules_install > "$log" 2>&1
	depmod -b "$img" "$kver" >> "$log" 2>&1
	deps=$(modprobe -d "$img" -S "$kver" --show-depends pingcli 2>&1 | awk '{ print $2 }' | xargs -n1 basename 2>/dev/null | tr '\n' ' ')
	test_case "external/$kver/modules_install + depmod: pingcli needs pinger_stub, not pinger" sh -c "
		case '$deps' in *pinger.ko*) exit 1 ;; esac
		case '$deps' in *stubcore.ko*pinger_stub.ko*pingcli.ko*) ;; *) echo 'got: $deps'; exit 1 ;; esac"

	# the modules for the VM, uncompressed
	vmko=$work/$kver/ko
	mkdir -p "$vmko"
	cp "$ext"/*.ko "$vmko/"
	case "$stubcore" in
	*.xz) xz -dc "$stubcore" > "$vmko/stubcore.ko" ;;
	*) cp "$stubcore" "$vmko/" ;;
	esac
	RESULTS=$work/vm.results "$here/vm/vm.sh" -q -k "$kver" -m "$vmko" \
		-o "$work/$kver/logs" "$here/external/vm/lazy_load.sh"

	# modstate on the image, then boot with its /etc
	for state in auto loaded; do
		rm -rf "$img/etc"
		if "$dest/usr/sbin/modstate" --root "$img" -k "$kver" \
			"pinger=$state" > "$log" 2>&1; then
			pass "external/$kver/modstate pinger=$state"
		else
			fail "external/$kver/modstate pinger=$state" "$log"
			continue
		fi
		RESULTS=$work/vm.results "$here/vm/vm.sh" -q -k "$kver" \
			-m "$vmko" -e "$img/etc" -o "$work/$kver/logs" \
			"$here/external/vm/state_$state.sh"
	done
done

# one side of a pair rebuilt with another prototype: verify says so
kver=$(echo "$kernels" | awk '{ print $1 }')
ext=$work/$kver/ext
if [ -f "$ext/pinger_stub.ko" ]; then
	cp -r "$here/external" "$work/$kver/ext2"
	sed -i 's/int pinger_ping(int n)/long pinger_ping(long n)/' \
		"$work/$kver/ext2/pinger.h" "$work/$kver/ext2/pinger.c"
	# KBUILD_EXTRA_SYMBOLS on the command line must not hide stubcore's
	make -C "/lib/modules/$kver/build" M="$work/$kver/ext2" MODSTUB_MK="$mk" \
		MODSTUB_STUBCORE="$(ls "$work/dkms/stubcore/$version/$kver"/*/module/stubcore.ko*)" \
		KBUILD_EXTRA_SYMBOLS=/dev/null modules > "$log" 2>&1
	"$dest/usr/bin/stubgen" verify "$ext/pinger_stub.ko" \
		"$work/$kver/ext2/pinger.ko" >> "$log" 2>&1
	test_case "external/verify: prototype changed" grep -q \
		"pinger_ping: prototype changed: 'int (int)' here, 'long int (long int)' in" "$log"
	test_case "external/verify: fingerprints differ, and it says where" sh -c "
		grep -q 'pinger_ping: type fingerprint [0-9a-f]* here, [0-9a-f]* in .*ext2/pinger.ko: built from different definitions of its types' '$log' &&
		grep -q ': note: here: int (int)\$' '$log' &&
		grep -q ': note: in .*ext2/pinger.ko: long int (long int)\$' '$log'"
	make -C "/lib/modules/$kver/build" M="$work/$kver/ext2" MODSTUB_MK="$mk" \
		clean > "$log" 2>&1
	test_case "external/make clean leaves the sources only" test \
		"$(cd "$work/$kver/ext2" && ls -A | grep -v '^vm$' | tr '\n' ' ')" = \
		"$(cd "$here/external" && ls -A | grep -v '^vm$' | tr '\n' ' ')"
	echo "garbage" >> "$work/$kver/ext2/pinger.modmeta"
	test_case "external/make clean works with a broken .modmeta" make -C \
		"/lib/modules/$kver/build" M="$work/$kver/ext2" MODSTUB_MK="$mk" clean
	make -C "/lib/modules/$kver/build" M="$work/$kver/ext2" MODSTUB_MK="$mk" \
		modules > "$log" 2>&1
	test_case "external/a broken .modmeta stops the build with its diagnostic" \
		grep -q "pinger.modmeta:[0-9]*:[0-9]*: error: " "$log"
fi

add_results "$work/vm.results"
summary external
