# The real module's init sleeps 2 s while 32 callers pile up: one load,
# every result right.
tstub_options init_delay_ms=2000
modprobe tuser || die "modprobe tuser failed"
expect_eq "threads with the right result" "$(tcall storm 32)" 32
expect_eq "loads" "$(stub_field tstub_get 7)" 1
