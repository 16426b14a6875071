# tstub cannot be loaded and several of its stubs are called, many times
# each: every stub gets its own line, once, naming the cause; none is lost
# to a rate limit and repeated calls add no line.  A new cause (the init
# failing) is news again: one more line per stub.
modprobe tuser || die "modprobe tuser failed"
echo 0 > /sys/module/stubcore/parameters/retry_ms
ko=$(find /lib/modules -name tstub.ko)
mv "$ko" /tmp/tstub.ko.away && depmod
for i in 1 2 3 4 5; do
	expect_eq "tstub_get" "$(tcall get 1)" -22
	expect_eq "tstub_sum8" "$(tcall sum8)" -1
	expect_eq "tstub_sum10" "$(tcall sum10)" -1
	expect_eq "tstub_slow" "$(tcall slow 1)" -1
done
for f in tstub_get tstub_sum8 tstub_sum10 tstub_slow; do
	n=$(dmesg | grep -c "tstub_stub: [a-z]* $f: cannot reach tstub: modprobe tstub exited with status 1 before tstub's init")
	[ "$n" -eq 1 ] || die "$f: $n lines, expected 1"
	expect_eq "$f failures" "$(stub_field $f 8)" 5
done
[ "$(dmesg | grep -c 'cannot reach tstub')" -eq 4 ] || die "other failure lines"
mv /tmp/tstub.ko.away "$ko" && depmod
tstub_options fail_init=1
expect_eq "tstub_get, init fails" "$(tcall get 1)" -22
expect_eq "tstub_sum8, init fails" "$(tcall sum8)" -1
for f in tstub_get tstub_sum8; do
	n=$(dmesg | grep -c "tstub_stub: [a-z]* $f: cannot reach tstub: its init failed")
	[ "$n" -eq 1 ] || die "$f: $n lines for the failing init, expected 1"
done
