# A call through a weak stub counts itself in flight while it runs: rmmod
# of the real module waits for it, and the call returns the real result.
# Weak calls made while the module goes get the retfunc, as when it is
# absent.
modprobe tuser || die "modprobe tuser failed"
expect_eq "tstub_wslow(1) without tstub" "$(tcall wslow 1)" -1
expect_absent tstub
modprobe tstub || die "modprobe tstub failed"
echo "wslow 3000" > /sys/kernel/debug/tuser/call &
call=$!
sleep 1
rmmod tstub &
rm=$!
wait_going tstub
sleep 0.5
kill -0 $rm 2> /dev/null || die "rmmod tstub returned under a weak call"
expect_eq "tstub_wslow(1) while tstub goes" "$(t2call wslow 1)" -1
wait $call || die "the weak call failed"
expect_eq "tstub_wslow(3000)" "$(cat /sys/kernel/debug/tuser/call)" 3000
wait $rm || die "rmmod tstub failed after the call"
expect_absent tstub
expect_eq "tstub_wslow(1) after rmmod" "$(tcall wslow 1)" -1
