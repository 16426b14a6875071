#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages, as a Debian user gets them:
#  - make deb builds modstub and stubcore-dkms with dpkg-buildpackage, each
#    carrying the project's version, and lintian finds nothing at its
#    default level (no error, no warning);
#  - apt-get install ./*.deb installs them on this machine, and DKMS builds
#    stubcore for every test kernel; a kernel installed later gets it from
#    DKMS's kernel hook (run here as the kernel's package runs it);
#  - testsuite/external builds against the installed packages alone (the
#    Make rules of /usr/share/modstub and the stubcore that modinfo finds),
#    and in the VM of each kernel pingcli loads pinger_stub and the DKMS
#    stubcore, and its first call pinger;
#  - apt-get purge leaves nothing behind in /usr, /etc, /lib/modules and
#    DKMS's tree.
# Needs root (it installs packages); skipped without.
#
# Usage: debian.sh [KVER...]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	skip "debian" "installing packages needs root"
	summary debian
	exit 0
fi
if [ $# -gt 0 ]; then kernels="$*"; else kernels=$(test_kernels); fi
work=$top/build/debian-test
rm -rf "$work"
mkdir -p "$work"
log=$work/log
test_files "$work"
version=$(make -s --no-print-directory -C "$top" version)
debs=$top/build/deb
pkgs="modstub stubcore-dkms"

# What is on the machine where a package may put or leave something; DKMS's
# signing key is DKMS's own, made on its first use, and stays.
snapshot()
{
	find /usr /etc /lib/modules /var/lib/dkms -xdev \
		! -path '/var/lib/dkms/mok.*' 2> /dev/null | sort
}

# Left by an earlier run that stopped half-way
apt-get purge -y -q $pkgs > /dev/null 2>&1
snapshot > "$work/before"

test_case "debian/make deb" make -C "$top" --no-print-directory deb
for p in modstub_${version}_amd64 stubcore-dkms_${version}_all; do
	test_case "debian/$p.deb built" test -f "$debs/$p.deb"
done
test_case "debian/package versions are the project's" sh -c "
	for p in '$debs'/modstub_*.deb '$debs'/stubcore-dkms_*.deb; do
		test \"\$(dpkg-deb -f \"\$p\" Version)\" = '$version' || exit 1
	done"
# lintian warns that it runs as root: not a finding about the packages
lint()
{
	lintian --fail-on error,warning "$debs/modstub_${version}_amd64.changes" 2>&1 |
		grep -v '^running with root privileges'
	return "${PIPESTATUS[0]}"
}
test_case "debian/lintian: no error, no warning" lint

test_case "debian/apt-get install ./*.deb" apt-get install -y -q \
	"$debs/modstub_${version}_amd64.deb" \
	"$debs/stubcore-dkms_${version}_all.deb"
test_case "debian/installed tools run" sh -c "modmetac --version | grep -q '$version' &&
	stubgen --version && modstate --version && man -w modmeta"

# built_for KVER: DKMS installed stubcore for KVER, where modinfo finds it
built_for()
{
	dkms status "stubcore/$version" -k "$1" | grep -q ': installed' || {
		dkms status; return 1; }
	modinfo -k "$1" -F filename stubcore | grep -q "^/lib/modules/$1/updates/dkms/stubcore.ko"
}
for kver in $kernels; do
	test_case "debian/$kver/stubcore built by DKMS" built_for "$kver"
done

# A kernel installed later: its package runs the hooks of
# /etc/kernel/postinst.d, DKMS's among them
later=$(echo $kernels | awk '{ print $NF }')
later_kernel()
{
	dkms remove "stubcore/$version" -k "$later" || return 1
	! modinfo -k "$later" -F filename stubcore 2> /dev/null || {
		echo "still there after dkms remove"; return 1; }
	/etc/kernel/postinst.d/dkms "$later" || return 1
	built_for "$later"
}
test_case "debian/$later/a kernel installed later gets stubcore" later_kernel

# The external tree against the installed packages alone
for kver in $kernels; do
	ext=$work/$kver/ext
	mkdir -p "$work/$kver"
	cp -r "$here/external" "$ext"
	rm -rf "$ext/vm"
	if ! make -C "/lib/modules/$kver/build" M="$ext" \
		MODSTUB_MK=/usr/share/modstub/modstub.mk -j8 modules \
		> "$work/$kver/build.log" 2>&1 ||
	   [ -n "$(diagnostics "$work/$kver/build.log")" ]; then
		fail "debian/$kver/external tree builds" "$work/$kver/build.log"
		continue
	fi
	pass "debian/$kver/external tree builds"
	test_case "debian/$kver/installed stubgen verifies the pair" \
		stubgen verify "$ext/pinger_stub.ko" "$ext/pinger.ko"

	vmko=$work/$kver/ko
	mkdir -p "$vmko"
	cp "$ext"/*.ko "$vmko/"
	stubcore=$(modinfo -k "$kver" -F filename stubcore)
	case "$stubcore" in
	*.xz) xz -dc "$stubcore" > "$vmko/stubcore.ko" ;;
	*.zst) zstd -qdc "$stubcore" > "$vmko/stubcore.ko" ;;
	*) cp "$stubcore" "$vmko/" ;;
	esac
	RESULTS=$work/vm.results "$here/vm/vm.sh" -q -k "$kver" -m "$vmko" \
		-o "$work/$kver/logs" "$here/external/vm/lazy_load.sh"
done

test_case "debian/apt-get purge" apt-get purge -y -q $pkgs
leftovers()
{
	snapshot > "$work/after"
	diff "$work/before" "$work/after" > "$work/diff"
	[ ! -s "$work/diff" ] || { echo "before and after differ:"; cat "$work/diff"; return 1; }
	! dpkg-query -W $pkgs 2> /dev/null | grep -q "$version" ||
		{ dpkg-query -W $pkgs; return 1; }
}
test_case "debian/purge leaves nothing behind" leftovers

add_results "$work/vm.results"
summary debian
