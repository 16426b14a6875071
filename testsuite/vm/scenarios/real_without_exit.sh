# A real module whose wrapper lacks __modstub_real_exit_NAME (built by an
# older modstub; here the symbol is renamed away) is refused when it comes,
# since its removal could not wait for the calls in flight: one dmesg line
# names the symbol, and the stubs' calls get the retfunc, saying why.
ko=$(find /lib/modules -name tstub.ko)
cp /lib/modules/*/spare/tstub-noexit.ko.old "$ko" && depmod
modprobe tuser || die "modprobe tuser failed"
dmesg -c > /dev/null
expect_eq "tstub_sum8() with that tstub" "$(tcall sum8)" -1
expect_absent tstub
dmesg | grep -q 'stubcore: tstub: refused: it has no __modstub_real_exit_tstub: its modmeta wrapper is older than this stubcore (rebuild it)$' ||
	die "no refusal line"
dmesg | grep -q 'tstub_stub: ustub tstub_sum8: cannot reach tstub: stubcore refused it: it has no __modstub_real_exit_tstub' ||
	die "no failure line for the call"
