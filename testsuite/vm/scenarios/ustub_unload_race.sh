# Calls through an unloadable stub race "rmmod tstub; modprobe tstub" for
# RACE_SECONDS (8; make stress: 60): every result is the real one or the
# retfunc's, none is wrong, the retfunc answers only calls whose load
# failed, and nothing oopses.  Prints the counts and the number of
# completed unload/load cycles.
secs=${RACE_SECONDS:-8}
modprobe tuser || die "modprobe tuser failed"
modprobe tstub || die "modprobe tstub failed"
echo "uloop $((secs * 1000))" > /sys/kernel/debug/tuser/call &
loop=$!
cycles=0
end=$(($(date +%s) + secs - 1))
while [ "$(date +%s)" -lt $end ]; do
	rmmod tstub 2> /dev/null && cycles=$((cycles + 1))
	modprobe tstub 2> /dev/null
done
wait $loop || die "uloop failed"
set -- $(cat /sys/kernel/debug/tuser/uloop)
fails=$(stub_field tstub_sum8 8)
echo "race: $secs s, calls $1, real $2, retfunc $3 (loads that failed: $fails), wrong $4, unload cycles $cycles"
expect_eq "wrong results" "$4" 0
# a call that finds tstub going waits and loads it again: the retfunc
# answers only the calls whose load failed, each counted by stubcore
expect_eq "retfunc answers against failed calls" "$3" "$fails"
[ "$2" -gt 0 ] || die "no call reached tstub"
[ "$cycles" -gt 0 ] || die "tstub was never unloaded"
