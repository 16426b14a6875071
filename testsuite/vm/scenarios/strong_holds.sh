# A strong load-only stub keeps frob loaded from its first call on.
modprobe bar || die "modprobe bar failed"
expect_eq "frob_start(1)" "$(call start 1)" 1
expect_loaded frob
rmmod frob 2> /dev/null && die "rmmod frob succeeded while a strong stub holds it"
expect_loaded frob
[ "$(refcount frob)" -ge 1 ] || die "frob's use count is $(refcount frob)"
# frob stays held until reboot: nothing to clean up
