# modprobe bar loads bar, frob_stub and stubcore, and not frob.
modprobe bar || die "modprobe bar failed"
expect_loaded bar frob_stub stubcore
expect_absent frob
cleanup
