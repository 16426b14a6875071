# User-space drivers, supervised: udrvd runs edu-user on both edu devices
# from a udrv.conf rule by ID, one process each, and restarts an instance
# that fails while the other serves: killed (kill -9), crashed (fault=null:
# a NULL dereference in the driver's ioctl), hung (fault=hang: a deadlock
# the library's watchdog reports), silent (SIGSTOP: no answer to the
# heartbeat).  A driver that cannot start is restarted with delays that
# double up to the maximum; one whose command line is bad is not.  Rules
# in udrv.d take effect on a reload; stop, start and restart are for root
# and the configured group only.  SIGTERM stops every driver and the
# daemon; VFIO has turned each device's bus mastering off.
# vm-machine: edu
# vm-kmods: vfio-pci vfio_iommu_type1 cuse
P=/lib/modules/$(uname -r)/spare
L=/tmp/udrvd.log
udrvd() { $P/udrvd "$@"; }
# the pid of the instance of $1, from udrvd status
ipid() { udrvd status | awk -v a="$1" '$1 == a { print $5 }'; }
istate() { udrvd status | awk -v a="$1" '$1 == a { print $4 }'; }
# wait up to 5 s for the instance of $1 to be in state $2
wait_state() {
	local i=0
	while [ "$(istate "$1")" != "$2" ]; do
		i=$((i + 1))
		[ $i -le 500 ] || return 1
		sleep 0.01
	done
}
# edutest on $1, which must give what edu.ko gives
serves() {
	$P/edutest -n 2 "$1" > /tmp/t.out 2>&1 || { cat /tmp/t.out; return 1; }
	grep -q '^factorials: 1 1 2 6 24 120 720 5040 40320 362880 3628800 39916800 479001600$' /tmp/t.out
}
# $1 ready for the $2nd time (counting every start since the daemon began)
ready() { wait_grep $L "$2" "^udrvd: $1: edu-user \(pid [0-9]+\) ready in [0-9]+ ms" 15000; }

set -- $(edu_devices)
expect_eq "edu devices" $# 2
dev0=$1
dev1=$2

# a member of the group udrv, and a stranger
echo "tester:x:1000:1000::/:/bin/sh" >> /etc/passwd
echo "stranger:x:1001:1001::/:/bin/sh" >> /etc/passwd
echo "udrv:x:1234:tester" >> /etc/group
as() { local who=$1; shift; su -s /bin/sh "$who" -c "$*"; }
mkdir -p /etc/modstub/udrv.d
cat > /etc/modstub/udrv.conf <<END
# both edu devices in user space
driver 1234:11e8 $P/edu-user
group udrv
heartbeat 250ms 4s
hang-timeout 3s
backoff 100ms 2s
END
udrvd check > /tmp/check || die "udrvd check"
cat /tmp/check
grep -q "^$dev0 1234:11e8 $P/edu-user instance 0 (/etc/modstub/udrv.conf:2; now no driver)$" /tmp/check &&
grep -q "^$dev1 1234:11e8 $P/edu-user instance 1 " /tmp/check || die "udrvd check's plan"

$P/udrvd run 2> $L &
dpid=$!
# (a failure from here on shows what the daemon said)
die() { echo "--- udrvd's log"; cat $L; echo "FAILED: $*"; exit 1; }
ready $dev0 1 && ready $dev1 1 || { cat $L; die "the instances are not ready"; }
serves /dev/edu0 && serves /dev/edu1 || die "edutest under udrvd"
for d in $dev0 $dev1; do
	expect_eq "driver of $d" "$(basename "$(readlink /sys/bus/pci/devices/$d/driver)")" vfio-pci
	expect_eq "state of $d" "$(istate $d)" running
done
[ "$(stat -c %a /run/modstub/udrvd.sock)" = 660 ] || die "the socket's mode"

# kill -9 of one instance: the other serves on; the first is back
pid0=$(ipid $dev0)
kill -KILL $pid0
serves /dev/edu1 || die "/dev/edu1 while edu0's instance restarts"
ready $dev0 2 || { cat $L; die "no restart after kill -9"; }
grep -q "^udrvd: $dev0: edu-user (pid $pid0) killed by signal 9 (Killed); restarting in 100 ms (failure 1 in a row)$" $L ||
	{ cat $L; die "the log of the kill"; }
serves /dev/edu0 || die "/dev/edu0 after the restart"
expect_eq "restarts of $dev0" "$(udrvd status | awk -v a=$dev0 '$1 == a { print $6 }')" 1
echo "restart after kill -9: $(grep "^udrvd: $dev0: .* restarted" $L | sed 's/.*restarted \([0-9]*\) ms.*/\1/') ms"

# a crash: NULL dereferenced in the driver kills its process only
echo "driver $dev1 $P/edu-user fault=null" > /etc/modstub/udrv.d/edu1.conf
udrvd reload || die "udrvd reload"
ready $dev1 2 || { cat $L; die "no start with fault=null"; }
grep -q "^udrvd: $dev1: its rule changed (/etc/modstub/udrv.d/edu1.conf:1)$" $L || die "the reload's log"
pid1=$(ipid $dev1)
$P/edutest /dev/edu1 > /tmp/crash.out 2>&1 && die "edutest survived fault=null"
ready $dev1 3 || { cat $L; die "no restart after the crash"; }
grep -q "^udrvd: $dev1: edu-user (pid $pid1) killed by signal 11 (Segmentation fault)" $L ||
	{ cat $L; die "the log of the crash"; }
dmesg | grep -q "edu-user\[[0-9]*\]: segfault at 0 " || die "no segfault at 0 in the kernel's log"
serves /dev/edu0 || die "/dev/edu0 after edu1's crash"

# a hang: a deadlock in the ioctl; the watchdog tells udrvd
echo "driver $dev1 $P/edu-user fault=hang" > /etc/modstub/udrv.d/edu1.conf
udrvd reload || die "udrvd reload"
ready $dev1 4 || { cat $L; die "no start with fault=hang"; }
pid1=$(ipid $dev1)
$P/edutest /dev/edu1 > /tmp/hang.out 2>&1 &
tpid=$!
ready $dev1 5 || { cat $L; die "no restart after the hang"; }
grep -qE "^udrvd: $dev1: edu-user \(pid $pid1\): hung: the worker [0-9] of /dev/edu1 has run an ioctl for [0-9.]+ s, not in an interruptible wait: killing it$" $L ||
	{ cat $L; die "the log of the hang"; }
wait $tpid && die "edutest on the hung driver succeeded"
serves /dev/edu0 || die "/dev/edu0 after edu1's hang"

# silence: a stopped process does not answer the heartbeat
rm /etc/modstub/udrv.d/edu1.conf
udrvd reload || die "udrvd reload"
ready $dev1 6 || { cat $L; die "no start without a fault"; }
pid1=$(ipid $dev1)
kill -STOP $pid1
ready $dev1 7 || { cat $L; die "no restart of a stopped process"; }
grep -q "^udrvd: $dev1: edu-user (pid $pid1): no answer to the heartbeat in 4000 ms: killing it$" $L ||
	{ cat $L; die "the log of the silence"; }
serves /dev/edu1 || die "/dev/edu1 after the silence"

# a driver that cannot start: restarts with doubling delays, capped
echo "driver $dev1 $P/edu-user fault=bogus" > /etc/modstub/udrv.d/edu1.conf
udrvd reload || die "udrvd reload"
wait_grep $L 1 "^udrvd: $dev1: .*\(failure 6 in a row\)$" 20000 || { cat $L; die "no 6 failures"; }
delays=$(grep "^udrvd: $dev1: edu-user (pid [0-9]*) exited with status 1; restarting in" $L |
	sed 's/.*restarting in \([0-9]*\) ms.*/\1/' | head -6 | tr '\n' ' ')
expect_eq "backoff delays" "$delays" "100 200 400 800 1600 2000 "
grep -q "^edu $dev1: fault=bogus: not null, hang or dma$" $L || die "the driver's message"
udrvd stop $dev1 || die "udrvd stop"
wait_state $dev1 stopped || die "state after stop: $(istate $dev1)"
# a bad command line: not restarted
echo "driver $dev1 $P/edu-user nosuch=1" > /etc/modstub/udrv.d/edu1.conf
udrvd reload || die "udrvd reload"
expect_eq "state of a stopped instance after a reload" "$(istate $dev1)" stopped
udrvd start $dev1 || die "udrvd start"
wait_grep $L 1 "^udrvd: $dev1: .* exited with status 2: not restarted" 10000 || { cat $L; die "a bad command line restarted"; }
wait_state $dev1 failed || die "state after a bad command line: $(istate $dev1)"
rm /etc/modstub/udrv.d/edu1.conf
kill -HUP $dpid
ready $dev1 8 || { cat $L; die "no start after SIGHUP"; }

# who may: root, the group udrv; status for whoever can connect
as stranger $P/udrvd status > /dev/null 2> /tmp/e && die "a stranger connected"
grep -q "Permission denied (is udrvd running?)" /tmp/e || { cat /tmp/e; die "the stranger's message"; }
as tester $P/udrvd restart $dev0 || die "a member of udrv restarts"
ready $dev0 3 || { cat $L; die "no restart by a member"; }
chmod 666 /run/modstub/udrvd.sock
as stranger $P/udrvd status > /dev/null || die "status for a stranger"
as stranger $P/udrvd stop $dev0 2> /tmp/e && die "a stranger stopped"
grep -q "^udrvd: error: stop: only root and the group udrv may do that$" /tmp/e || { cat /tmp/e; die "the refusal"; }
udrvd stop 0000:00:1f.7 2> /tmp/e && die "stop of an unknown address"
grep -q "^udrvd: error: 0000:00:1f.7: no rule selects it$" /tmp/e || { cat /tmp/e; die "unknown address message"; }
serves /dev/edu0 && serves /dev/edu1 || die "edutest at the end"

# SIGTERM: every driver stops, then the daemon
kill -TERM $dpid
wait $dpid
expect_eq "udrvd's status after SIGTERM" $? 0
wait_node /dev/edu0 0 2000 && wait_node /dev/edu1 0 2000 || die "/dev/eduN stays"
grep -q "^udrvd: every driver stopped$" $L || die "the last line"
[ -e /run/modstub/udrvd.sock ] && die "the socket stays"
for d in $dev0 $dev1; do
	cmd=$(od -An -tx1 -j4 -N1 /sys/bus/pci/devices/$d/config | tr -d ' ')
	[ $((0x$cmd & 4)) = 0 ] || die "$d is still a bus master (command 0x$cmd)"
done
cat $L
echo "udrvd: every failure restarted"
