# The real module's init calls its own function through its stub (tstub's
# init calls tuser_kick(), which calls tstub_get() through tstub_stub): no
# deadlock, and the call reaches the function.
modprobe tuser || die "modprobe tuser failed"
modprobe tstub selfcall=1 || die "modprobe tstub selfcall=1 failed"
expect_loaded tstub
expect_eq "tstub_get(3)" "$(tcall get 3)" 6
