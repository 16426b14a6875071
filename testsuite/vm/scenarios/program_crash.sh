# A module program that crashes in the kernel (tprog crash: a NULL
# dereference in a thread, then in main) oopses once each time; its
# instance ends as crashed (the launcher says so and exits 139), releases
# what it held, and its module is removed; modrun serves the next program.
P=/lib/modules/$(uname -r)/spare
stats() { awk -v k="$1" '$1 == k { print $2 }' /sys/kernel/debug/modrun/stats; }

for where in 1 0; do
	n0=$(dmesg | wc -l)
	oops_begin
	$P/tprog crash $where > /tmp/crash.out 2> /tmp/crash.err
	rc=$?
	oops_end
	cat /tmp/crash.err
	expect_eq "status of a crash in thread $where" $rc 139
	expect_eq "output before the crash" "$(cat /tmp/crash.out)" crashing
	grep -q "^tprog: tprog crashed in the kernel (an oops: see the kernel log)$" /tmp/crash.err ||
		die "the launcher did not say the program crashed"
	dmesg | tail -n +$((n0 + 1)) > /tmp/crash.dmesg
	grep -q "tprog: thread $where of an instance died in the kernel (an oops): the instance ends as crashed" /tmp/crash.dmesg ||
		die "modrun did not log the dead thread $where"
	[ "$(grep -c 'Oops: ' /tmp/crash.dmesg)" = 1 ] || die "not one oops"
	wait_absent tprog 2000 > /dev/null || die "tprog stays after its crash"
	for k in instances threads allocations bytes; do
		expect_eq "$k after the crash in thread $where" "$(stats $k)" 0
	done
done
expect_loaded modrun
out=$($P/hello 0) || die "hello after the crashes: $?"
expect_eq "hello after the crashes" "$(echo "$out" | head -1)" "hello from $P/hello, 1 argument"
wait_absent hello 2000 > /dev/null
rmmod modrun || die "modrun cannot be removed after the crashes"
