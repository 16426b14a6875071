# Module signatures enforced (the debug kernel's MODULE_SIG_FORCE), every
# module signed by Kbuild's modules_install with the kernel's key: the
# signed pair loads and autoloads; an unsigned real module is refused by
# the kernel, and its stub answers with the retfunc and one line; an
# unsigned stub module is refused when modprobe loads it.
d=/lib/modules/$(uname -r)
expect_eq "sig_enforce" "$(cat /sys/module/module/parameters/sig_enforce)" Y
for m in stubcore tstub_stub tstub tuser; do
	modinfo -F signer $d/extra/$m.ko | grep -q 'modstub check-debug signing key' ||
		die "$m.ko is not signed with the suite's key"
done

# signed: the pair loads, and the first call of a ustub loads tstub
modprobe tuser || die "modprobe tuser failed"
echo 0 > /sys/module/stubcore/parameters/retry_ms
expect_eq "tstub_sum8(1, ..., 8), signed" "$(tcall sum8)" 87654321
expect_eq "use count of tstub between calls" "$(refcount tstub)" 0
rmmod tstub || die "rmmod tstub failed"

# an unsigned real module: the kernel refuses it, the call gets -1
cp $d/spare/tstub-unsigned.ko.old $d/extra/tstub.ko
depmod || die "depmod failed"
modinfo -F signer $d/extra/tstub.ko | grep -q . && die "tstub.ko is still signed"
n0=$(dmesg | wc -l)
expect_eq "tstub_sum8, unsigned tstub" "$(tcall sum8)" -1
expect_eq "tstub_sum8, unsigned tstub, again" "$(tcall sum8)" -1
expect_absent tstub
dmesg | tail -n +$((n0 + 1)) > /tmp/new
grep -q 'Loading of unsigned module is rejected' /tmp/new ||
	die "the kernel did not say it refused the unsigned module: $(cat /tmp/new)"
grep -q "stubcore: tstub_stub: ustub tstub_sum8: cannot reach tstub: modprobe tstub exited with status 1 before tstub's init: no such module, loading disabled, or refused by the kernel" /tmp/new ||
	die "no failure line from stubcore: $(cat /tmp/new)"
expect_eq "stubcore's lines" "$(grep -c 'cannot reach tstub' /tmp/new)" 1
expect_eq "failures" "$(stub_field tstub_sum8 8)" 2

# an unsigned stub module: modprobe's load of it is refused
rmmod tuser tstub_stub || die "cannot remove tuser and tstub_stub"
cp $d/spare/tstub_stub-unsigned.ko.old $d/extra/tstub_stub.ko
depmod || die "depmod failed"
n0=$(dmesg | wc -l)
modprobe tuser > /tmp/err 2>&1 && die "modprobe tuser loaded an unsigned tstub_stub"
grep -q 'Key was rejected by service' /tmp/err ||
	die "modprobe does not say the key was rejected: $(cat /tmp/err)"
expect_absent tstub_stub tuser tstub
dmesg | tail -n +$((n0 + 1)) | grep -q 'Loading of unsigned module is rejected' ||
	die "the kernel did not say it refused the unsigned stub module"
