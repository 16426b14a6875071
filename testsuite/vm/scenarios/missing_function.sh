# The real module lacks a function its stub module stubs (an older tstub):
# that stub's calls get the retfunc, with a dmesg line saying so; the
# other stubs work.
ko=$(find /lib/modules -name tstub.ko)
cp /lib/modules/*/spare/tstub-old.ko.old "$ko" && depmod
modprobe tuser || die "modprobe tuser failed"
expect_eq "tstub_slow(1), missing in this tstub" "$(tcall slow 1)" -1
expect_loaded tstub
dmesg | grep -q 'tstub_stub: ustub tstub_slow: cannot reach tstub: it has no such function' ||
	die "no dmesg line for the missing function"
expect_eq "tstub_sum8, present" "$(tcall sum8)" 87654321
expect_eq "tstub_get(4), present" "$(tcall get 4)" 8
