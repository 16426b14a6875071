# modstate pinger=loaded, applied to the image: pinger (and so its stub
# module and stubcore) is loaded at boot.
expect_loaded pinger pinger_stub stubcore
expect_absent pingcli
modprobe pingcli ping=2 || die "modprobe pingcli ping=2 failed"
dmesg | grep -q 'pingcli: ping 2 -> 5' || die "no real answer to ping 2"
