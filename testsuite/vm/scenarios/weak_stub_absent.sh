# A weak stub with frob absent returns its retfunc's value and loads nothing.
modprobe bar || die "modprobe bar failed"
echo exit > /sys/kernel/debug/bar/call || die "call failed"
expect_eq "frob_exit() through a weak stub" "$(cat /sys/kernel/debug/bar/call)" 0
expect_absent frob
rmmod bar frob_stub stubcore || die "cannot remove the modules"
cleanup
