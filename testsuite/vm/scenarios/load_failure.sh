# frob cannot be loaded: the call gets the retfunc's value, dmesg says which
# stub, which module and why, and a burst of calls does not become a burst
# of modprobes.
modprobe bar || die "modprobe bar failed"
ko=$(find /lib/modules -name frob.ko)
mv "$ko" /tmp/frob.ko.away && depmod
expect_eq "frob_start(1) without frob.ko" "$(call start 1)" -22
for i in 1 2 3 4 5 6 7 8 9 10; do call start 1 > /dev/null; done
expect_absent frob
dmesg | grep -q 'frob_stub: stub frob_start: cannot reach frob: modprobe failed' ||
	die "no dmesg line for the failure"
n=$(dmesg | grep -c 'cannot reach frob')
[ "$n" -le 11 ] || die "$n failure lines"
expect_eq "state" "$(stub_field frob_start 5)" unresolved
expect_eq "failures" "$(stub_field frob_start 8)" 11
mv /tmp/frob.ko.away "$ko" && depmod
cleanup
