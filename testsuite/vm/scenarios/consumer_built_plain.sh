# A consumer built against the real module's own exports, before tstub had
# a stub module (testsuite/kmod-plain), loaded unmodified beside the stub
# pair.  Its modinfo still says depends=tstub; kmod's depmod resolves its
# symbols instead, so modprobe loads tstub_stub and stubcore, not tstub,
# and the first call loads tstub.
d=/lib/modules/$(uname -r)
cp $d/spare/tuser-plain.ko.old $d/extra/tuser.ko
expect_eq "depends= of the plain tuser" "$(modinfo -F depends $d/extra/tuser.ko)" tstub
depmod || die "depmod failed"
modprobe --show-depends tuser > /tmp/deps 2>&1 || die "modprobe --show-depends tuser: $(cat /tmp/deps)"
grep -q '/tstub_stub\.ko' /tmp/deps || die "tuser does not need tstub_stub: $(cat /tmp/deps)"
grep -q '/tstub\.ko' /tmp/deps && die "tuser needs tstub: $(cat /tmp/deps)"
modprobe tuser || die "modprobe tuser failed"
expect_loaded tuser tstub_stub stubcore
expect_absent tstub
expect_eq "tstub_get(21), the first call" "$(tcall get 21)" 42
expect_loaded tstub
expect_eq "tstub_sum8(1, ..., 8)" "$(tcall sum8)" 87654321
