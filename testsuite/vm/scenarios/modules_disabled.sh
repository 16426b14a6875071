# With module loading disabled, calls get the retfunc's value.
modprobe tuser || die "modprobe tuser failed"
echo 1 > /proc/sys/kernel/modules_disabled
expect_eq "tstub_get(1)" "$(tcall get 1)" -22
expect_eq "tstub_sum8" "$(tcall sum8)" -1
expect_absent tstub
dmesg | grep -q 'cannot reach tstub' || die "no dmesg line for the failure"
