# The kernel's modprobe path empty, then naming a file that does not
# exist: the call gets the retfunc's value, dmesg says request_module()
# failed, nothing oopses; with the path back, the next call loads.
modprobe tuser || die "modprobe tuser failed"
echo 0 > /sys/module/stubcore/parameters/retry_ms
echo > /proc/sys/kernel/modprobe
expect_eq "tstub_get(1), empty modprobe path" "$(tcall get 1)" -22
expect_absent tstub
dmesg | grep -q 'tstub_stub: stub tstub_get: cannot reach tstub: request_module() found no modprobe (see /proc/sys/kernel/modprobe) (-2)' ||
	die "no dmesg line for the empty path"
echo /sbin/no-such-modprobe > /proc/sys/kernel/modprobe
expect_eq "tstub_get(2), missing modprobe" "$(tcall get 2)" -22
expect_absent tstub
expect_eq "failures" "$(stub_field tstub_get 8)" 2
echo /sbin/modprobe > /proc/sys/kernel/modprobe
expect_eq "tstub_get(3), path back" "$(tcall get 3)" 6
expect_loaded tstub
