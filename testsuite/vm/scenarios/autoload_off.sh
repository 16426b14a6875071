# stubcore's autoload parameter off: strong stubs behave like weak ones.
modprobe bar || die "modprobe bar failed"
echo N > /sys/module/stubcore/parameters/autoload
expect_eq "frob_start(1) with autoload off" "$(call start 1)" -22
expect_absent frob
modprobe frob || die "modprobe frob failed"
expect_eq "frob_start(2) with frob loaded by hand" "$(call start 2)" 2
echo Y > /sys/module/stubcore/parameters/autoload
cleanup
