#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a test kernel under QEMU (TCG) with a busybox initramfs holding the
# given modules, run scenario scripts in it, and report each scenario from
# the serial console.
#
# Usage: vm.sh -k KVER -m MODDIR -s SCENARIO... [-c CPUS] [-t SECONDS] [-o LOGDIR]
#              [-e ETCDIR] [-x NAME=VALUE]... [-K KBUILD] [-M MEGS] [-a ARGS]
#              [-D MACHINE] [-n MODULES]
#
# The kernel is /boot/vmlinuz-KVER, or with -K the bzImage of the kernel
# build tree KBUILD (the debug kernel of testsuite/debug-kernel); -M sets
# the VM's memory (512 MiB), -a adds to the kernel's command line.
# -D edu boots a q35 machine with an IOMMU (intel-iommu, interrupt
# remapping on, and intel_iommu=on) and two of QEMU's edu PCI devices
# (which reach 32 bits of bus addresses, not the default 28);
# -n MODULES puts the kernel's own modules of that list (names, as
# modprobe takes them), and what they depend on, into the initramfs.
#
# ETCDIR is copied to /etc of the VM before it boots; at boot, before the
# scenarios, the VM loads the modules listed in /etc/modules-load.d/*.conf,
# as systemd-modules-load does.  Each -x NAME=VALUE is in the environment
# of the scenarios.
#
# A scenario is a shell script run by busybox sh inside the VM, with the
# helpers of guest-lib.sh.  It passes if it exits 0 and dmesg shows no
# BUG, WARNING, Oops, sleeping-in-atomic or refcount complaint during it,
# nor (on the debug kernel) a lockdep, KASAN, UBSAN or debugobjects report
# (but for the one oops each window of guest-lib.sh's oops_begin and
# oops_end must hold);
# where kmemleak runs, every module that can go is removed after the
# scenario and a leak fails it.
# The host prints PASS/FAIL per scenario; a failure shows the scenario's
# output and the whole dmesg.
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

kver=
moddir=
cpus=2
timeout=300
logdir=
etcdir=
envs=()
scenarios=()
quiet=0
kbuild=
mem=512
append=
machine=
kmodules=
while getopts "k:m:c:t:o:s:e:x:qK:M:a:D:n:" opt; do
	case $opt in
	D) machine=$OPTARG ;;
	n) kmodules=$OPTARG ;;
	q) quiet=1 ;;
	K) kbuild=$OPTARG ;;
	M) mem=$OPTARG ;;
	a) append=$OPTARG ;;
	k) kver=$OPTARG ;;
	m) moddir=$OPTARG ;;
	c) cpus=$OPTARG ;;
	t) timeout=$OPTARG ;;
	o) logdir=$OPTARG ;;
	s) scenarios+=("$OPTARG") ;;
	e) etcdir=$OPTARG ;;
	x) envs+=("$OPTARG") ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
scenarios+=("$@")
[ -n "$kver" ] && [ -d "$moddir" ] && [ ${#scenarios[@]} -gt 0 ] || {
	echo "usage: $0 -k KVER -m MODDIR [-c CPUS] [-t SECONDS] [-o LOGDIR] [-e ETCDIR] [-x NAME=VALUE] [-K KBUILD] [-M MEGS] [-a ARGS] [-D MACHINE] [-n MODULES] SCENARIO..." >&2
	exit 2
}
if [ -n "$kbuild" ]; then
	image=$kbuild/arch/x86/boot/bzImage
	kmods=$kbuild
else
	image=/boot/vmlinuz-$kver
	kmods=/lib/modules/$kver
fi
[ -f "$image" ] || { echo "vm: no kernel $image" >&2; exit 2; }
qemu_machine=()
case $machine in
'') ;;
edu)
	qemu_machine=(-M q35,kernel-irqchip=split
		      -device intel-iommu,intremap=on \
		      -device edu,dma_mask=0xffffffff -device edu,dma_mask=0xffffffff)
	append="intel_iommu=on${append:+ $append}"
	;;
*) echo "vm: no machine $machine (edu)" >&2; exit 2 ;;
esac

# copy_binary PATH ROOT: PATH and the shared libraries it links, at their
# own paths under ROOT
copy_binary()
{
	local f
	for f in "$1" $(ldd "$1" | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p'); do
		mkdir -p "$2$(dirname "$f")"
		cp -L "$f" "$2$f" || { echo "vm: cannot copy $f" >&2; return 1; }
	done
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$logdir" ] || logdir=$work/logs
mkdir -p "$logdir"

# The initramfs: busybox, the modules, the scenarios and an /init.
root=$work/root
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,run,scenarios} \
	 "$root/lib/modules/$kver/extra"
# Busybox is the shell and the utilities; the module tools are Debian's
# kmod, as on a real system (busybox's depmod takes a module's
# dependencies from its depends= field, kmod's from its symbols).
modtools="modprobe insmod rmmod lsmod depmod modinfo"
cp /bin/busybox "$root/bin/busybox"
for a in $(/bin/busybox --list); do
	case " busybox $modtools " in *" $a "*) continue ;; esac
	ln -s busybox "$root/bin/$a"
done
copy_binary /bin/kmod "$root" || exit 2
for a in $modtools; do
	ln -s ../bin/kmod "$root/sbin/$a"
done
# what depmod and modprobe read of the kernel's own modules
for f in modules.builtin modules.builtin.modinfo modules.order; do
	if [ -f "$kmods/$f" ]; then
		cp "$kmods/$f" "$root/lib/modules/$kver/"
	else
		: > "$root/lib/modules/$kver/$f"
	fi
done
cp "$moddir"/*.ko "$root/lib/modules/$kver/extra/"
# the kernel's own modules asked for, with their dependencies (the lines
# of modules.dep list them all); depmod at boot sees them.  One built in
# (modules.builtin) needs nothing: modprobe of it succeeds.
for m in $kmodules; do
	awk -v n="${m//-/_}" '{ b = $1; sub(/.*\//, "", b); sub(/\.ko$/, "", b)
		gsub(/-/, "_", b); if (b == n) found = 1 } END { exit !found }' \
		"$root/lib/modules/$kver/modules.builtin" && continue
	line=$(awk -F: -v n="${m//-/_}" '{ b = $1; sub(/.*\//, "", b)
		sub(/\.ko(\.[a-z]+)?$/, "", b); gsub(/-/, "_", b)
		if (b == n) { print; exit } }' "$kmods/modules.dep")
	[ -n "$line" ] || { echo "vm: $kver has no module $m" >&2; exit 2; }
	for f in ${line%%:*} ${line#*:}; do
		mkdir -p "$root/lib/modules/$kver/$(dirname "$f")"
		cp "$kmods/$f" "$root/lib/modules/$kver/$f"
	done
done
# other files (not modules depmod should see) go beside them, in spare/
mkdir -p "$root/lib/modules/$kver/spare"
for f in "$moddir"/*; do
	case "$f" in *.ko) ;; *) cp "$f" "$root/lib/modules/$kver/spare/" ;; esac
done
cp "$here/guest-lib.sh" "$root/scenarios/"
[ -z "$etcdir" ] || cp -r "$etcdir"/. "$root/etc/"
for e in "${envs[@]}"; do
	printf 'export %s=%q\n' "${e%%=*}" "${e#*=}"
done > "$root/scenarios/env"
i=0
for s in "${scenarios[@]}"; do
	[ -f "$s" ] || { echo "vm: no scenario $s" >&2; exit 2; }
	i=$((i + 1))
	cp "$s" "$root/scenarios/$(printf '%03d' $i)-$(basename "$s")"
done

cat > "$root/init" <<'EOI'
#!/bin/sh
echo "@@INIT"
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp
echo 1 > /proc/sys/kernel/sysrq
echo /sbin/modprobe > /proc/sys/kernel/modprobe
# keep the console for the scenarios' own output
dmesg -n 1
# (by path: busybox's shell runs its own applets before it looks at PATH)
/sbin/depmod
# kmemleak (the debug kernel): forget what boot left, report only what a
# scenario leaks
leaks=/sys/kernel/debug/kmemleak
if [ -f $leaks ]; then
	echo scan > $leaks
	echo clear > $leaks
fi
# unload_all: remove every module that can go (a strong stub keeps its
# real module until reboot, and with it stubcore)
unload_all()
{
	for pass in 1 2 3 4; do
		for m in $(cut -d' ' -f1 /proc/modules); do
			/sbin/rmmod "$m" 2> /dev/null
		done
	done
}
# what systemd-modules-load does at boot
for f in /etc/modules-load.d/*.conf; do
	[ -f "$f" ] || continue
	sed 's/[#;].*//' "$f" | while read -r m; do
		[ -z "$m" ] || /sbin/modprobe "$m" || echo "@@BOOTLOAD $m failed"
	done
done
echo
echo "@@BOOTED $(uname -r) cpus=$(grep -c ^processor /proc/cpuinfo)"
for s in /scenarios/[0-9]*; do
	name=${s#/scenarios/???-}
	name=${name%.sh}
	n0=$(dmesg | wc -l)
	echo "@@BEGIN $name"
	sh -c ". /scenarios/env; . /scenarios/guest-lib.sh; . $s" > /tmp/out 2>&1
	rc=$?
	sed 's/^/@@OUT /' /tmp/out
	: > /tmp/leaks
	if [ -f $leaks ]; then
		unload_all
		# kmemleak reports an object once it is 5 s old and no scan
		# found a pointer to it
		sleep 6
		echo scan > $leaks
		cat $leaks > /tmp/leaks
		echo clear > $leaks
		sed 's/^/@@OUT leak: /' /tmp/leaks
	fi
	dmesg > /tmp/dmesg.all
	tail -n +$((n0 + 1)) /tmp/dmesg.all > /tmp/dmesg
	sed 's/^/@@DMESG /' /tmp/dmesg
	# the oopses the scenario asked for (oops_begin, oops_end): one
	# each, and their lines not checked
	awk '/modstub-test: an oops is expected/ { w++; x = 1 }
	     x && /Oops: / { n++ }
	     !x { print > "/tmp/dmesg.checked" }
	     /modstub-test: the expected oops is over/ { x = 0; if (n != 1) bad++; n = 0 }
	     END { if (x) bad++; if (bad) print bad " of " w }' /tmp/dmesg > /tmp/oopses
	touch /tmp/dmesg.checked
	bad=$(grep -E 'BUG|WARNING|Oops|sleeping function called|refcount_t|general protection|Call Trace|UBSAN|KASAN|ODEBUG|INFO: |kmemleak: [0-9]* new suspected' /tmp/dmesg.checked | head -3)
	rm -f /tmp/dmesg.checked
	[ -z "$bad" ] && [ -s /tmp/oopses ] && bad="$(cat /tmp/oopses) windows of an expected oops do not hold exactly one"
	[ -z "$bad" ] && [ -s /tmp/leaks ] && bad="kmemleak: $(grep -c '^unreferenced object' /tmp/leaks) leaked objects"
	if [ $rc -ne 0 ] || [ -n "$bad" ]; then
		sed 's/^/@@FULL /' /tmp/dmesg.all
	fi
	if [ $rc -ne 0 ]; then
		echo "@@FAIL $name exit $rc"
	elif [ -n "$bad" ]; then
		echo "@@FAIL $name dmesg: $bad"
	else
		echo "@@PASS $name"
	fi
done
echo "@@DONE"
# let the console drain first: the kernel's "sysrq: Power Off" is printed
# past the console log level, and was seen to land inside the last line
sleep 1
# power off; a kernel without ACPI (the debug kernel) resets instead,
# which -no-reboot makes QEMU's exit
if [ -d /sys/firmware/acpi ]; then
	echo o > /proc/sysrq-trigger
else
	echo b > /proc/sysrq-trigger
fi
sleep 10
EOI
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initrd.gz"

console=$logdir/console-$kver.log
# A kernel that dies before it runs /init (nothing of ours has run: under
# TCG, the kernel's own boot-time code patching has been seen to trap, once
# in some hundred boots) is booted once more; the first console is kept.
for attempt in 1 2; do
	timeout "$timeout" qemu-system-x86_64 -accel tcg -cpu max -m "$mem" \
		-smp "$cpus" -nographic -no-reboot -monitor none "${qemu_machine[@]}" \
		-kernel "$image" -initrd "$work/initrd.gz" \
		-append "console=ttyS0 quiet panic=-1 loglevel=4${append:+ $append}" \
		< /dev/null > "$console" 2>&1
	qrc=$?
	tr -d '\r' < "$console" > "$console.tmp" && mv "$console.tmp" "$console"
	# (not at the start of a line: the BIOS's escape codes precede it)
	grep -q '@@INIT' "$console" && break
	[ $attempt -eq 1 ] || break
	cp "$console" "$console.before-init"
	echo "vm: $kver died before /init (see $console.before-init); booting again" >&2
done

if ! grep -q '@@BOOTED' "$console"; then
	fail "vm/$kver/boot" "$console"
	summary "vm-$kver"
	exit 1
fi
if grep -q '^@@BOOTLOAD' "$console"; then
	grep '^@@BOOTLOAD' "$console" | sed 's/^@@BOOTLOAD /boot: modprobe /' > "$logdir/$kver-bootload.log"
	fail "vm/$kver/modules-load.d" "$logdir/$kver-bootload.log"
fi
for s in "${scenarios[@]}"; do
	name=$(basename "$s" .sh)
	# (a kernel message may follow on the same line, without a newline)
	line=$(grep -E "^@@(PASS|FAIL) $name([^A-Za-z0-9_]|\$)" "$console" | head -1)
	detail=$logdir/$kver-$name.log
	awk -v n="$name" '
		$0 == "@@BEGIN " n { on = 1; next }
		on && /^@@(PASS|FAIL) / { exit }
		on && /^@@OUT / { sub(/^@@OUT /, "out: "); print; next }
		on && /^@@DMESG / { sub(/^@@DMESG /, "dmesg: "); print; next }
		on && /^@@FULL / {
			if (!full++) print "whole dmesg of the boot:"
			sub(/^@@FULL /, "  "); print
		}
	' "$console" > "$detail"
	case "$line" in
	"@@PASS "*) pass "vm/$kver/$name" ;;
	"@@FAIL "*) echo "${line#@@FAIL }" >> "$detail"; fail "vm/$kver/$name" "$detail" ;;
	*)
		{ echo "no result (qemu exit $qrc); console tail:"; tail -40 "$console"; } >> "$detail"
		fail "vm/$kver/$name" "$detail"
		;;
	esac
done
if [ $quiet -eq 1 ]; then
	record		# the caller prints the tally
else
	summary "vm-$kver"
fi
