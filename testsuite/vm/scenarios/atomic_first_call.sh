# A first call from atomic context (a spinlock held) does not sleep: it
# returns the retfunc's value and schedules the load; a later call reaches
# the real function.
modprobe tuser || die "modprobe tuser failed"
expect_eq "tstub_get(7) under a spinlock, first" "$(tcall atomic 7)" -22
wait_loaded tstub
expect_eq "tstub_get(7) under a spinlock, later" "$(tcall atomic 7)" 14
expect_eq "tstub_get(8), process context" "$(tcall get 8)" 16
# reached from atomic context, frob is held like after any strong call
rmmod tstub 2> /dev/null && die "rmmod tstub succeeded after a strong call"
expect_loaded tstub
