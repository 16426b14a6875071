# stubcore's autoload parameter off: strong stubs load nothing, and answer
# with their retfunc while the real module is absent.
modprobe bar || die "modprobe bar failed"
echo N > /sys/module/stubcore/parameters/autoload
expect_eq "frob_start(1) with autoload off" "$(call start 1)" -22
expect_absent frob
modprobe frob || die "modprobe frob failed"
[ "$(refcount frob)" = 0 ] || die "frob's use count is $(refcount frob) before any call"
expect_eq "frob_start(2) with frob loaded by hand" "$(call start 2)" 2
# the call jumped into frob: the strong stub holds it from then on, or
# rmmod could free code a caller runs
rmmod frob 2> /dev/null && die "rmmod frob succeeded after a call through a strong stub"
[ "$(refcount frob)" -ge 1 ] || die "frob's use count is $(refcount frob)"
expect_eq "frob_start(3) with autoload off, frob held" "$(call start 3)" 3
echo Y > /sys/module/stubcore/parameters/autoload
# frob stays held until reboot: nothing to clean up
