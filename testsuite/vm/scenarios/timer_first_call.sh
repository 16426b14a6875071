# The same from a timer callback (softirq).
modprobe tuser || die "modprobe tuser failed"
expect_eq "tstub_get(8) from a timer, first" "$(tcall timer 8)" -22
wait_loaded tstub
expect_eq "tstub_get(8) from a timer, later" "$(tcall timer 8)" 16
