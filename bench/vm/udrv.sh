# make bench, user-space drivers (run by bench/bench.sh in a boot of its
# own: the edu machine).  The same edu.c as edu.ko and as edu-user under
# udrvd, in one boot, REPS rounds of edutest -b on /dev/edu0 each:
#   BENCH kernel_ROW N NS   N round trips of ROW in NS ns, edu.ko
#   BENCH user_ROW N NS     the same, edu-user
# ROW: ioctl (a register read), irq (raise, handle, wake), write and read
# (4095 bytes through the DMA engine).  Then REPS restarts of edu-user's
# instance 0 after kill -9, as udrvd measures them (failure seen to the
# new process ready), each the first failure of a row (a "udrvd restart"
# between them starts a new one), so that each includes the first delay
# of the default backoff, 100 ms:
#   BENCH restart 1 NS
# vm-machine: edu
# vm-kmods: vfio-pci vfio_iommu_type1 cuse
REPS=5
P=/lib/modules/$(uname -r)/spare
L=/tmp/udrvd.log
set -- $(edu_devices)
[ $# = 2 ] || die "edu devices: $#"

modprobe edu || die "modprobe edu"
wait_node /dev/edu0 1 2000 || die "no /dev/edu0 from edu.ko"
for rep in $(seq $REPS); do
	$P/edutest -b /dev/edu0 > /tmp/b || { cat /tmp/b; die "edutest -b, edu.ko"; }
	sed 's/^BENCH /BENCH kernel_/' /tmp/b
done
rmmod edu || die "rmmod edu"

mkdir -p /etc/modstub
echo "driver 1234:11e8 $P/edu-user" > /etc/modstub/udrv.conf
$P/udrvd run 2> $L &
dpid=$!
wait_grep $L 2 "ready in [0-9]+ ms" 20000 || { cat $L; die "udrvd's instances not ready"; }
for rep in $(seq $REPS); do
	$P/edutest -b /dev/edu0 > /tmp/b || { cat /tmp/b $L; die "edutest -b, edu-user"; }
	sed 's/^BENCH /BENCH user_/' /tmp/b
done
for rep in $(seq $REPS); do
	pid=$($P/udrvd status | awk -v a="$1" '$1 == a { print $5 }')
	kill -KILL "$pid"
	wait_grep $L "$rep" "^udrvd: $1: .* restarted [0-9]+ ms after the failure$" 20000 ||
		{ cat $L; die "no restart $rep"; }
	wait_node /dev/edu0 1 5000 || die "no /dev/edu0 after restart $rep"
	$P/udrvd restart "$1" || die "udrvd restart"
	wait_grep $L $((1 + rep)) "^udrvd: $1: edu-user \(pid [0-9]+\) ready in [0-9]+ ms$" 20000 ||
		{ cat $L; die "no new row after restart $rep"; }
done
grep "^udrvd: $1: .* restarted [0-9]* ms after the failure$" $L |
	sed 's/.* restarted \([0-9]*\) ms .*/BENCH restart 1 \1000000/'
kill -TERM $dpid
wait $dpid || die "udrvd's status"
echo "udrv bench done"
