# Removing things in the wrong order is refused, not crashed.
modprobe bar || die "modprobe bar failed"
rmmod frob_stub 2> /dev/null && die "rmmod frob_stub succeeded while bar uses it"
rmmod stubcore 2> /dev/null && die "rmmod stubcore succeeded while frob_stub uses it"
expect_loaded bar frob_stub stubcore
rmmod bar || die "rmmod bar failed"
rmmod frob_stub || die "rmmod frob_stub failed"
rmmod stubcore || die "rmmod stubcore failed"
cleanup
