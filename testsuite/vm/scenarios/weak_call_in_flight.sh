# A call through a weak stub holds the real module while it runs: rmmod is
# refused under it, and succeeds once it returns.
modprobe tuser || die "modprobe tuser failed"
expect_eq "tstub_wslow(1) without tstub" "$(tcall wslow 1)" -1
expect_absent tstub
modprobe tstub || die "modprobe tstub failed"
echo "wslow 3000" > /sys/kernel/debug/tuser/call &
call=$!
sleep 1
rmmod tstub 2> /dev/null && die "rmmod tstub succeeded under a weak call"
wait $call || die "the weak call failed"
expect_eq "tstub_wslow(3000)" "$(cat /sys/kernel/debug/tuser/call)" 3000
rmmod tstub || die "rmmod tstub failed after the call"
expect_eq "tstub_wslow(1) after rmmod" "$(tcall wslow 1)" -1
