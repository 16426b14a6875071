# Bad requests on /dev/modrun (testsuite/kmod/modrun_bad.c) get their
# errnos and the kernel no oops; a program module loaded by modprobe, not
# by a launcher, stays once its instance ends.
P=/lib/modules/$(uname -r)/spare
stats() { awk -v k="$1" '$1 == k { print $2 }' /sys/kernel/debug/modrun/stats; }

modprobe tprog || die "modprobe tprog failed"
expect_loaded modrun tprog
$P/modrun-bad > /tmp/bad.out 2>&1
rc=$?
cat /tmp/bad.out
expect_eq "modrun-bad" $rc 0
t0=$(now_ms)
while [ "$(stats instances)" != 0 ]; do
	[ $(($(now_ms) - t0)) -gt 2000 ] && die "the instance of modrun-bad is still there"
	sleep 0.05
done
sleep 0.5
expect_loaded tprog
rmmod tprog modrun || die "cannot remove the modules"
