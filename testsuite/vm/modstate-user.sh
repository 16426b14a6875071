# modstate's state user on the running system (run by
# testsuite/modstate-vm.sh on the machine with two edu devices, with
# modstate, kmod, their libraries, udrvd, edu-user and edutest in spare/):
# edu=user takes edu.ko out and gives its devices to udrvd, which runs
# /usr/lib/modstub/udrv/edu-user for each; edu=loaded gives them back to
# edu.ko through "udrvd reload", and user again takes them back.
# vm-machine: edu
# vm-kmods: vfio-pci vfio_iommu_type1 cuse
S=/lib/modules/$(uname -r)/spare
L=/tmp/udrvd.log
# (the kernel's modules udrvd needs first: the binary indexes of the
# image, which libkmod prefers, know only the test modules)
for m in vfio-pci vfio_iommu_type1 cuse; do modprobe $m || die "modprobe $m"; done
cp "$S"/modules.*.bin "/lib/modules/$(uname -r)/" || die "no binary indexes in $S"
ms() { "$S/ld-linux-x86-64.so.2" --library-path "$S" "$S/modstate" "$@"; }
# (modstate runs "udrvd reload" from PATH)
mkdir -p /tmp/bin /usr/lib/modstub/udrv
ln -s "$S/udrvd" /tmp/bin/udrvd
export PATH=/tmp/bin:$PATH
cp "$S/edu-user" /usr/lib/modstub/udrv/ || die "no edu-user"
set -- $(edu_devices)
expect_eq "edu devices" $# 2
dev0=$1
dev1=$2
driver_of() { basename "$(readlink /sys/bus/pci/devices/$1/driver)"; }
serves() {
	$S/edutest -n 2 "$1" > /tmp/t.out 2>&1 || { cat /tmp/t.out; return 1; }
	grep -q '^factorials: 1 1 2 6 24 120 720 5040 40320 362880 3628800 39916800 479001600$' /tmp/t.out
}

# loaded: the kernel's build drives both
ms edu=loaded || die "edu=loaded"
expect_loaded edu
wait_node /dev/edu1 1 2000 || die "no /dev/edu1 from edu.ko"
expect_eq "driver of $dev0" "$(driver_of $dev0)" edu

# user, udrvd not running yet: the module goes, a note says when it holds
ms edu=user 2> /tmp/e || { cat /tmp/e; die "edu=user"; }
grep -q "^modstate: note: udrvd is not running: its new rules hold when it starts" /tmp/e ||
	{ cat /tmp/e; die "no note about udrvd"; }
expect_absent edu
grep -qx "blacklist edu" /etc/modprobe.d/modstub-edu.conf || die "no blacklist line"
grep -qx "driver 1234:11e8 /usr/lib/modstub/udrv/edu-user" /etc/modstub/udrv.d/modstub-edu.conf ||
	{ cat /etc/modstub/udrv.d/modstub-edu.conf; die "no rule for udrvd"; }
ms edu > /tmp/q || die "query of edu"
grep -qx "edu: user" /tmp/q || { cat /tmp/q; die "query: not user"; }
grep -qx "  userbuild:  /usr/lib/modstub/udrv/edu-user" /tmp/q || { cat /tmp/q; die "query: userbuild"; }

$S/udrvd run 2> $L &
dpid=$!
die() { echo "--- udrvd's log"; cat $L; echo "FAILED: $*"; exit 1; }
wait_grep $L 2 "edu-user \(pid [0-9]+\) ready in" 15000 || die "udrvd's instances not ready"
serves /dev/edu0 && serves /dev/edu1 || die "edu-user under modstate's rules"
expect_eq "driver of $dev0 in state user" "$(driver_of $dev0)" vfio-pci

# loaded again: udrvd gives the devices back, edu.ko takes them
ms -v edu=loaded > /tmp/o 2>&1 || { cat /tmp/o; die "edu=loaded from user"; }
[ -e /etc/modstub/udrv.d/modstub-edu.conf ] && die "the rule stays"
wait_grep $L 2 "no rule selects it any more: given back to the kernel \(driver: edu\)$" 10000 ||
	die "the devices not given back to edu"
expect_loaded edu
wait_node /dev/edu0 1 2000 || die "no /dev/edu0 from edu.ko again"
serves /dev/edu0 || die "edu.ko after user"
expect_eq "driver of $dev1 after user" "$(driver_of $dev1)" edu
[ "$($S/udrvd status | wc -l)" = 1 ] || { $S/udrvd status; die "instances left"; }

# and user again, with udrvd running: the module goes, the processes come
ms edu=user || die "edu=user with udrvd running"
expect_absent edu
wait_grep $L 4 "edu-user \(pid [0-9]+\) ready in" 15000 || die "no instances after user again"
serves /dev/edu1 || die "edu-user again"
kill -TERM $dpid
wait $dpid || die "udrvd's status"
cat $L
echo "modstate: edu moved between the kernel and user space"
