# User-space drivers, stage 1: the edu driver of kernel/examples/edu, one
# edu.c built as edu.ko and as edu-user (udrv), drives QEMU's edu devices
# behind an IOMMU.  edutest gives the same output against /dev/edu0 and
# /dev/edu1 from both builds: identification, liveness, factorials 0 to
# 12, interrupt and DMA round trips.  edu-user takes its device through
# vfio-pci and serves /dev/eduN through CUSE; a SIGTERM ends it with
# status 0 and its /dev/eduN goes; SIGKILL too (and VFIO has turned the
# device's bus mastering off), and the device serves a new process at
# once.  With fault=dma the device writes to a page the process never
# mapped: the IOMMU refuses it (a DMAR fault) and the page is intact.  Bad
# command lines and a device not bound to vfio-pci get their messages and
# statuses.
# vm-machine: edu
# vm-kmods: vfio-pci vfio_iommu_type1 cuse
P=/lib/modules/$(uname -r)/spare

set -- $(edu_devices)
expect_eq "edu devices" $# 2
dev0=$1
dev1=$2

# The kernel's build
modprobe edu || die "modprobe edu"
wait_node /dev/edu0 1 2000 && wait_node /dev/edu1 1 2000 || die "edu.ko made no /dev/edu0 and edu1"
$P/edutest /dev/edu0 > /tmp/k0 || { cat /tmp/k0; die "edutest on edu.ko's /dev/edu0"; }
$P/edutest /dev/edu1 > /tmp/k1 || { cat /tmp/k1; die "edutest on edu.ko's /dev/edu1"; }
cat /tmp/k0
grep -q '^factorials: 1 1 2 6 24 120 720 5040 40320 362880 3628800 39916800 479001600$' /tmp/k0 ||
	die "edu.ko's factorials"
rmmod edu || die "rmmod edu"
wait_node /dev/edu0 0 2000 || die "/dev/edu0 stays after rmmod edu"

# Both devices to vfio-pci
modprobe vfio-pci || die "modprobe vfio-pci"
modprobe vfio_iommu_type1 || die "modprobe vfio_iommu_type1"
modprobe cuse || die "modprobe cuse"
for d in $dev0 $dev1; do
	echo vfio-pci > /sys/bus/pci/devices/$d/driver_override
	echo $d > /sys/bus/pci/drivers_probe
	[ "$(basename "$(readlink /sys/bus/pci/devices/$d/driver)")" = vfio-pci ] ||
		die "$d is not bound to vfio-pci"
done

# The user-space build, one process per device
$P/edu-user --instance 0 $dev0 2> /tmp/u0.err &
pid0=$!
$P/edu-user --instance 1 $dev1 2> /tmp/u1.err &
pid1=$!
wait_node /dev/edu0 1 5000 || { cat /tmp/u0.err; die "edu-user made no /dev/edu0"; }
wait_node /dev/edu1 1 5000 || { cat /tmp/u1.err; die "edu-user made no /dev/edu1"; }
$P/edutest /dev/edu0 > /tmp/u0 || { cat /tmp/u0 /tmp/u0.err; die "edutest on edu-user's /dev/edu0"; }
$P/edutest /dev/edu1 > /tmp/u1 || { cat /tmp/u1 /tmp/u1.err; die "edutest on edu-user's /dev/edu1"; }
cmp /tmp/k0 /tmp/u0 || { diff /tmp/k0 /tmp/u0; die "edutest differs on /dev/edu0"; }
cmp /tmp/k1 /tmp/u1 || { diff /tmp/k1 /tmp/u1; die "edutest differs on /dev/edu1"; }
grep -q "^edu $dev0: /dev/edu0: edu 1.0, interrupt 1$" /tmp/u0.err ||
	{ cat /tmp/u0.err; die "edu-user's probe line"; }

# a second process cannot take a device the first has
$P/edu-user $dev0 2> /tmp/busy.err
expect_eq "status of a second edu-user on $dev0" $? 1
grep -q "/dev/vfio/[0-9]*: Device or resource busy" /tmp/busy.err ||
	{ cat /tmp/busy.err; die "no EBUSY for the second process"; }

# SIGTERM: a clean stop
kill -TERM $pid0
wait $pid0
expect_eq "status of edu-user after SIGTERM" $? 0
wait_node /dev/edu0 0 2000 || die "/dev/edu0 stays after edu-user ended"
grep -q "^edu: $dev0: Terminated: stopping$" /tmp/u0.err ||
	{ cat /tmp/u0.err; die "no stop line"; }
# SIGKILL: the kernel closes its files; the device serves the next process
kill -KILL $pid1
wait $pid1
expect_eq "status of edu-user after SIGKILL" $? 137
wait_node /dev/edu1 0 2000 || die "/dev/edu1 stays after edu-user was killed"
# (VFIO's release turned the device's bus mastering off: the driver's
# remove never ran)
cmd=$(od -An -tx1 -j4 -N1 /sys/bus/pci/devices/$dev1/config | tr -d ' ')
[ $((0x$cmd & 4)) = 0 ] || die "$dev1 is still a bus master after the kill (command 0x$cmd)"
$P/edu-user --instance 1 $dev1 2> /tmp/u1.err &
pid1=$!
wait_node /dev/edu1 1 5000 || { cat /tmp/u1.err; die "no /dev/edu1 after a restart"; }
$P/edutest -n 2 /dev/edu1 > /tmp/u1b || { cat /tmp/u1b /tmp/u1.err; die "edutest after a restart"; }
kill -TERM $pid1
wait $pid1
expect_eq "status after the restart and SIGTERM" $? 0

# DMA outside the buffers the process mapped: fault=dma has the device
# write its buffer at the physical address of a page of guardpage's; the
# IOMMU refuses (a DMAR fault for that address and device), the page is
# intact, and the process serves on
$P/guardpage > /tmp/gp 2>&1 &
gpid=$!
wait_grep /tmp/gp 1 '^0x[0-9a-f]+$' 10000 || { cat /tmp/gp; die "guardpage found no page"; }
addr=$(head -1 /tmp/gp)
$P/edu-user --instance 0 $dev0 fault=dma fault_addr=$addr 2> /tmp/f.err &
fpid=$!
wait_node /dev/edu0 1 5000 || { cat /tmp/f.err; die "no /dev/edu0 with fault=dma"; }
dd if=/dev/edu0 of=/dev/null bs=4095 count=1 2> /dev/null || die "read with fault=dma"
i=0
until dmesg | grep -q "DMAR: .*\[${dev0#0000:}\] fault addr $addr "; do
	i=$((i + 1))
	[ $i -le 100 ] || { dmesg | tail -20; die "no DMAR fault for $addr"; }
	sleep 0.05
done
kill -USR1 $gpid
wait $gpid
expect_eq "guardpage's status (its page intact)" $? 0
grep -qx intact /tmp/gp || { cat /tmp/gp; die "guardpage's page"; }
kill -0 $fpid || die "edu-user died of the DMA fault"
grep -q "^edu $dev0: fault=dma: a fault on purpose$" /tmp/f.err || { cat /tmp/f.err; die "fault=dma's warning"; }
kill -TERM $fpid
wait $fpid
expect_eq "status of edu-user with fault=dma after SIGTERM" $? 0
echo "DMA to $addr: blocked by the IOMMU, the page intact"

# bad command lines, and a device not bound to vfio-pci
$P/edu-user 2> /tmp/e
expect_eq "status without an address" $? 2
grep -q "^edu-user: error: no PCI address given$" /tmp/e || { cat /tmp/e; die "message without an address"; }
$P/edu-user $dev0 nosuch=1 2> /tmp/e
expect_eq "status with an unknown parameter" $? 2
grep -q "^edu-user: error: unknown parameter 'nosuch' (--help lists them)$" /tmp/e || { cat /tmp/e; die "message for an unknown parameter"; }
$P/edu-user 0000:00:1f.7 2> /tmp/e
expect_eq "status for a missing device" $? 1
grep -q "^edu-user: 0000:00:1f.7: no such PCI device$" /tmp/e || { cat /tmp/e; die "message for a missing device"; }
echo $dev0 > /sys/bus/pci/drivers/vfio-pci/unbind
$P/edu-user $dev0 2> /tmp/e
expect_eq "status for an unbound device" $? 1
grep -q "^edu-user: $dev0: bound to no driver, not to vfio-pci" /tmp/e || { cat /tmp/e; die "message for an unbound device"; }
echo "edu: both builds give the same results on both devices"
