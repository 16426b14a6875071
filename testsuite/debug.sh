#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-debug: the kernel scenarios on the debug kernel that
# testsuite/debug-kernel builds (KASAN, lockdep, debug objects, list
# debugging, kmemleak, UBSAN, fault injection, module signatures enforced),
# every module signed by Kbuild's modules_install with that kernel's key;
# then the scenarios only that kernel can run (testsuite/vm/debug-scenarios:
# checkers, signatures, faults), and the external tree's (testsuite/external/vm:
# lazy_load).  The harness fails a scenario on any checker's report, and
# on a kmemleak leak after it removed every module it could.
#
# Usage: debug.sh [-t SECONDS] [SCENARIO...]
# (-t: the time limit of each boot, 1200 s: KASAN under TCG is slow; the
# scenario "external" is the external tree's; all of them by default)
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

timeout=1200
while getopts "t:" opt; do
	case $opt in
	t) timeout=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
external=1
if [ $# -gt 0 ]; then
	scenarios=()
	external=0
	for a in "$@"; do
		[ "$a" = external ] && { external=1; continue; }
		# a bare name is one of vm/scenarios or vm/debug-scenarios
		s=$a
		for d in scenarios debug-scenarios; do
			[ -f "$s" ] || s=$here/vm/$d/${a%.sh}.sh
		done
		[ -f "$s" ] || { echo "debug: no scenario $a" >&2; exit 2; }
		scenarios+=("$s")
	done
else
	scenarios=("$here"/vm/scenarios/*.sh "$here"/vm/debug-scenarios/*.sh)
fi

log=$(mktemp)
mine=$(mktemp)
trap 'rm -f "$log" "$mine"' EXIT

start=$(date +%s)
if ! tree=$("$here/debug-kernel/build.sh" 2> "$log"); then
	fail "debug/kernel" "$log"
	summary debug
	exit 1
fi
cat "$log" >&2
pass "debug/kernel $(cat "$tree/modstub-release") ($(($(date +%s) - start)) s)"
kver=$(cat "$tree/modstub-release")
b=$top/build/vm-debug/$kver

if ! build_modules "$kver" "$b" "$log" "$tree"; then
	fail "debug/$kver/build" "$log"
	summary debug
	exit 1
fi
pass "debug/$kver/build"

# What signatures.sh installs in place of the signed modules
cp "$b/ex-kmod/tstub.ko" "$b/ko/tstub-unsigned.ko.old"
cp "$b/ex-kmod/tstub_stub.ko" "$b/ko/tstub_stub-unsigned.ko.old"

# Signed as a driver tree signs its modules: Kbuild's modules_install
# (CONFIG_MODULE_SIG_ALL) with the kernel's key.
inst=$b/inst
rm -rf "$inst"
signed=1
for d in $(module_dirs "$b"); do
	n=$(basename "$d")
	if ! make -C "$tree" M="$d" INSTALL_MOD_PATH="$inst" \
		INSTALL_MOD_DIR="$n" modules_install > "$log" 2>&1; then
		fail "debug/$kver/modules_install $n" "$log"
		signed=0
		continue
	fi
	cp "$inst/lib/modules/$kver/$n"/*.ko "$d/"
done
gather_modules "$b" || signed=0
# gather_modules makes tstub-noexit.ko.old from the signed tstub.ko with
# objcopy, which drops the signature: sign it as modules_install does
cfg() { sed -n "s/^$1=\"\(.*\)\"$/\1/p" "$tree/.config"; }
"$tree/scripts/sign-file" "$(cfg CONFIG_MODULE_SIG_HASH)" \
	"$tree/$(cfg CONFIG_MODULE_SIG_KEY)" "$tree/certs/signing_key.x509" \
	"$b/ko/tstub-noexit.ko.old" > "$log" 2>&1 ||
	{ fail "debug/$kver/sign tstub-noexit.ko.old" "$log"; signed=0; }
for f in "$b"/ko/*; do
	# (the packed programs carry their signed modules inside)
	case "$f" in *-unsigned.ko.old) continue ;; *.ko|*.ko.old) ;; *) continue ;; esac
	[ "$(tail -c 28 "$f")" = "~Module signature appended~" ] || {
		echo "$f is not signed" > "$log"
		fail "debug/$kver/signed $(basename "$f")" "$log"
		signed=0
	}
done
[ $signed -eq 1 ] && pass "debug/$kver/every module signed by modules_install"

# vm KODIR SCENARIO: one boot of the debug kernel, with 2 GiB or what
# SCENARIO asks for if more, on the machine it asks for (debug.config has
# what the edu machine needs: ACPI, PCI, the IOMMU, VFIO, CUSE)
vm()
{
	local mem machine
	mem=$(vm_mem "$2")
	[ "${mem:-0}" -gt 2048 ] || mem=2048
	machine=$(vm_machine "$2")
	RESULTS=$mine "$here/vm/vm.sh" -q -k "$kver" -K "$tree" -M "$mem" \
		-m "$1" -c "$(vm_cpus "$2")" -t "$timeout" -o "$b/logs" \
		${machine:+-D "$machine"} -n "$(vm_kmods "$2")" "$2"
}

# huge_signed: build the huge modules (build_huge) once, signed
huge_signed()
{
	[ -d "$b/ko-huge" ] && return 0
	build_huge "$kver" "$b" "$log" "$tree" &&
	make -C "$tree" M="$b/kmod-huge" INSTALL_MOD_PATH="$inst" \
		INSTALL_MOD_DIR=kmod-huge modules_install >> "$log" 2>&1 &&
	cp "$inst/lib/modules/$kver/kmod-huge"/*.ko "$b/ko/stubcore.ko" \
		"$b/ko-huge/" && return 0
	fail "debug/$kver/build of the huge modules" "$log"
	rm -rf "$b/ko-huge"
	return 1
}

for s in "${scenarios[@]}"; do
	case $(vm_modules "$s") in
	huge) huge_signed && vm "$b/ko-huge" "$s" ;;
	*) vm "$b/ko" "$s" ;;
	esac
done

# The external tree (testsuite/external) as a driver tree outside modstub
# builds it, with the Make rules, signed by modules_install
if [ $external -eq 1 ]; then
	ext=$b/external
	rm -rf "$ext" "$b/external-ko"
	cp -r "$here/external" "$ext"
	mkdir -p "$b/external-ko"
	if make -C "$tree" M="$ext" MODSTUB_MK="$top/mk/modstub.mk" \
		MODSTUB_SYMVERS="$b/stubcore/Module.symvers" modules > "$log" 2>&1 &&
	   make -C "$tree" M="$ext" INSTALL_MOD_PATH="$inst" \
		INSTALL_MOD_DIR=external modules_install >> "$log" 2>&1 &&
	   cp "$inst/lib/modules/$kver/external"/*.ko "$b/ko/stubcore.ko" \
		"$b/external-ko/"; then
		pass "debug/$kver/external tree built and signed"
		vm "$b/external-ko" "$here/external/vm/lazy_load.sh"
	else
		fail "debug/$kver/external tree built and signed" "$log"
	fi
fi
add_results "$mine"
echo "debug: $(($(date +%s) - start)) s in all"
summary debug
