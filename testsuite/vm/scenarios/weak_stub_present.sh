# A weak stub answers with its retfunc while frob is absent, reaches frob
# once frob is loaded by other means, and its retfunc again once it goes.
modprobe bar || die "modprobe bar failed"
expect_eq "frob_exit() without frob" "$(call exit)" 0
expect_absent frob
modprobe frob || die "modprobe frob failed"
expect_eq "frob_exit() with frob" "$(call exit)" 1000
rmmod frob || die "rmmod frob failed"
expect_eq "frob_exit() after rmmod" "$(call exit)" 0
expect_absent frob
cleanup
