# stubcore cannot go while stub modules use it; once they are gone it can,
# and loaded again (by modprobe of a caller) it serves them afresh: the
# first call loads the real module again.
modprobe tuser || die "modprobe tuser failed"
expect_eq "tstub_sum8 first" "$(tcall sum8)" 87654321
expect_loaded tstub
rmmod stubcore 2> /dev/null && die "rmmod stubcore succeeded with stub modules"
for m in tuser tstub tstub_stub stubcore; do
	rmmod $m || die "cannot remove $m"
done
grep -q stubcore /proc/modules && die "stubcore still there"
modprobe tuser || die "modprobe tuser again failed"
expect_loaded stubcore tstub_stub
expect_absent tstub
expect_eq "loads after the reload" "$(stub_field tstub_sum8 7)" 0
expect_eq "tstub_sum8 after the reload" "$(tcall sum8)" 87654321
expect_loaded tstub
expect_eq "loads" "$(stub_field tstub_sum8 7)" 1
