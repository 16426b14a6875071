# modstate pinger=auto, applied to the image: at boot, the stub module
# is loaded and pinger is not; the first call loads it.
expect_loaded pinger_stub stubcore
expect_absent pinger pingcli
modprobe pingcli ping=1 || die "modprobe pingcli ping=1 failed"
expect_loaded pinger
dmesg | grep -q 'pingcli: ping 1 -> 3' || die "no real answer to ping 1"
