# frob cannot be loaded: the call gets the retfunc's value, dmesg says which
# stub, which module and why (modprobe's status, and that frob never got
# as far as its init), once: a burst of calls becomes neither a burst of
# modprobes nor a burst of lines, and debugfs counts every failure.
modprobe bar || die "modprobe bar failed"
ko=$(find /lib/modules -name frob.ko)
mv "$ko" /tmp/frob.ko.away && depmod
expect_eq "frob_start(1) without frob.ko" "$(call start 1)" -22
for i in 1 2 3 4 5 6 7 8 9 10; do call start 1 > /dev/null; done
expect_absent frob
dmesg | grep -q "frob_stub: stub frob_start: cannot reach frob: modprobe frob exited with status 1 before frob's init: no such module, loading disabled, or refused by the kernel" ||
	die "no dmesg line for the failure"
n=$(dmesg | grep -c 'cannot reach frob')
[ "$n" -eq 1 ] || die "$n failure lines, expected 1"
expect_eq "state" "$(stub_field frob_start 5)" failed
expect_eq "failures" "$(stub_field frob_start 8)" 11
expect_eq "last error" "$(stub_field frob_start 9)" -2
mv /tmp/frob.ko.away "$ko" && depmod
# after retry_ms, the next call loads it, and the stub is patched (and
# holds frob: no cleanup)
sleep 1.1
expect_eq "frob_start(2) with frob.ko back" "$(call start 2)" 2
expect_eq "state" "$(stub_field frob_start 5)" patched
expect_eq "last error" "$(stub_field frob_start 9)" 0
