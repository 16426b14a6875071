# The real module's init fails: the caller gets the retfunc's value and
# dmesg says which stub, which module and why.
tstub_options fail_init=1
modprobe tuser || die "modprobe tuser failed"
expect_eq "tstub_get(1)" "$(tcall get 1)" -22
expect_absent tstub
dmesg | grep -q 'tstub_stub: stub tstub_get: cannot reach tstub: its init failed' ||
	die "no dmesg line for the failed init"
