# rmmod of a real module waits for the calls in flight through its
# unloadable stubs (between calls it does not wait: ustub_unloadable).  A
# call made while the module goes waits for it to go, loads it again and
# gets the real result, never the retfunc.
modprobe tuser || die "modprobe tuser failed"
modprobe tstub || die "modprobe tstub failed"
echo "slow 3000" > /sys/kernel/debug/tuser/call &
call=$!
sleep 1
rmmod tstub &
rm=$!
wait_going tstub
sleep 0.5
kill -0 $rm 2> /dev/null || die "rmmod tstub returned under a call"
expect_loaded tstub
# waits for the removal, then loads tstub again
expect_eq "tstub_sum8() while tstub goes" "$(t2call sum8)" 87654321
wait $call || die "the call in flight failed"
expect_eq "tstub_slow(3000)" "$(cat /sys/kernel/debug/tuser/call)" 3000
wait $rm || die "rmmod tstub failed"
expect_loaded tstub
expect_eq "loads by a stub" "$(stub_field tstub_sum8 7)" 1
expect_eq "calls answered by the retfunc" "$(stub_field tstub_sum8 8)" 0
rmmod tstub || die "rmmod tstub failed between calls"
