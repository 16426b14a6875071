# The external tree, built against the installed toolchain, with the
# stubcore that DKMS built: pingcli loads pinger_stub, not pinger; its
# first ping loads pinger; the weak stub answers 0 until then.
modprobe pingcli || die "modprobe pingcli failed"
expect_loaded pingcli pinger_stub stubcore
expect_absent pinger
dmesg | grep -q 'pingcli: count after 0' || die "weak stub without pinger did not answer 0"
rmmod pingcli || die "rmmod pingcli"
modprobe pingcli ping=3 || die "modprobe pingcli ping=3 failed"
expect_loaded pinger
dmesg | grep -q 'pingcli: ping 3 -> 7' || die "no real answer to ping 3"
dmesg | grep -q 'pingcli: count after 3' || die "weak stub did not reach pinger"
expect_eq "pinger loads" "$(dmesg | grep -c 'pinger: loaded')" 1
rmmod pingcli || die "rmmod pingcli"
