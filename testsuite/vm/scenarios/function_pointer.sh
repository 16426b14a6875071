# A stub reached through a function pointer: .open of /dev/tuser is the
# stub tstub_open (on 6.12, an indirect call checked by IBT).
modprobe tuser || die "modprobe tuser failed"
expect_absent tstub
exec 3< /dev/tuser || die "open /dev/tuser failed"
exec 3<&-
expect_loaded tstub
exec 3< /dev/tuser || die "second open /dev/tuser failed"
exec 3<&-
expect_eq "slow-path calls of tstub_open" "$(stub_field tstub_open 6)" 1
