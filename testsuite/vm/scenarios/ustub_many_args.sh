# An unloadable stub passes every argument word, the stack ones too (8
# and 10 arguments), and the return value intact; it does so again after
# the real module was removed and comes back.
modprobe tuser || die "modprobe tuser failed"
expect_absent tstub
expect_eq "tstub_sum8(1..8)" "$(tcall sum8)" 87654321
expect_loaded tstub
expect_eq "tstub_sum10(1..9, 1)" "$(tcall sum10)" 1987654321
rmmod tstub || die "rmmod tstub failed between calls"
expect_eq "tstub_sum10 after rmmod" "$(tcall sum10)" 1987654321
expect_eq "tstub_sum8 again" "$(tcall sum8)" 87654321
