# rmmod of a stub module while a call through it is in flight: refused
# (its caller and its real module use it), the call completes with the
# right result, and then everything can be removed, in order.
modprobe tuser || die "modprobe tuser failed"
modprobe tstub || die "modprobe tstub failed"
echo "wslow 3000" > /sys/kernel/debug/tuser/call &
call=$!
sleep 1
rmmod tstub_stub 2> /dev/null && die "rmmod tstub_stub succeeded under a call"
rmmod tuser 2> /dev/null && die "rmmod tuser succeeded under its own call"
expect_loaded tstub_stub tuser tstub
wait $call || die "the call failed"
expect_eq "tstub_wslow(3000)" "$(cat /sys/kernel/debug/tuser/call)" 3000
for m in tuser tstub tstub_stub stubcore; do
	rmmod $m || die "cannot remove $m after the call"
done
