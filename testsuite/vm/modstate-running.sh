# modstate on the running system (run by testsuite/modstate-vm.sh, which
# puts modstate, kmod, the libraries they need and the binary indexes of
# depmod in spare/): states written under /etc, modules loaded and
# unloaded, a module in use left loaded with a note, and the unused state
# refusing request_module() through kmod's modprobe.
S=/lib/modules/$(uname -r)/spare
cp "$S"/modules.*.bin "/lib/modules/$(uname -r)/" || die "no binary indexes in $S"
ms() { "$S/ld-linux-x86-64.so.2" --library-path "$S" "$S/modstate" "$@"; }
# request_module() through kmod's modprobe, which obeys install lines
cat > /tmp/modprobe << EOF
#!/bin/sh
exec "$S/ld-linux-x86-64.so.2" --library-path "$S" --argv0 modprobe "$S/kmod" "\$@"
EOF
chmod +x /tmp/modprobe
echo /tmp/modprobe > /proc/sys/kernel/modprobe

# auto: the stub module now and at boot, the module on first use
ms frob=auto || die "frob=auto failed"
expect_loaded frob_stub stubcore
expect_absent frob
grep -qx frob_stub /etc/modules-load.d/modstub-frob.conf || die "no modules-load.d file for frob"
ms frob > /tmp/q || die "query of frob failed"
grep -qx '  now:        frob not loaded, frob_stub live' /tmp/q || { cat /tmp/q; die "query: now"; }

# loaded: the module now
ms -v frob=loaded > /tmp/o 2>&1 || { cat /tmp/o; die "frob=loaded failed"; }
expect_loaded frob
grep -qx 'frob: loaded frob' /tmp/o || { cat /tmp/o; die "-v: no 'loaded frob'"; }
grep -qx frob /etc/modules-load.d/modstub-frob.conf || die "modules-load.d does not list frob"

# unused refuses the module: a call through its stub gets the retfunc
ms tstub=unused || die "tstub=unused failed"
grep -qx 'install tstub /bin/false' /etc/modprobe.d/modstub-tstub.conf || die "no install line"
modprobe tuser || die "modprobe tuser failed"
expect_eq "tstub_get(3) with tstub unused" "$(tcall get 3)" -22
expect_absent tstub

# auto lifts that: after stubcore's retry delay, the call loads tstub
ms tstub=auto || die "tstub=auto failed"
[ -e /etc/modprobe.d/modstub-tstub.conf ] && die "modprobe.d file of tstub left"
sleep 2
expect_eq "tstub_get(3) with tstub auto" "$(tcall get 3)" 6
expect_loaded tstub

# a module in use stays, with a note, and that is no error
ms tstub=unused > /tmp/o 2> /tmp/e || { cat /tmp/o /tmp/e; die "tstub=unused while in use failed"; }
expect_loaded tstub tstub_stub
grep -q '^modstate: note: tstub: tstub stays loaded for now: it is in use (refcount [1-9]' /tmp/e ||
	{ cat /tmp/e; die "no note for tstub"; }
grep -q '^modstate: note: tstub: tstub_stub stays loaded for now: it is in use (refcount [0-9]*, used by .*tuser' /tmp/e ||
	{ cat /tmp/e; die "no note for tstub_stub"; }
ms tstub > /tmp/q || die "query of tstub failed"
grep -qx 'tstub: unused' /tmp/q || { cat /tmp/q; die "query: state"; }

# unused unloads the module, then its stub module
ms calc=loaded || die "calc=loaded failed"
expect_loaded calc calc_stub
ms -v calc=unused > /tmp/o 2>&1 || { cat /tmp/o; die "calc=unused failed"; }
expect_absent calc calc_stub
grep -qx 'calc: unloaded calc' /tmp/o || { cat /tmp/o; die "-v: no 'unloaded calc'"; }
grep -qx 'calc: unloaded calc_stub' /tmp/o || { cat /tmp/o; die "-v: no 'unloaded calc_stub'"; }
[ -e /etc/modules-load.d/modstub-calc.conf ] && die "modules-load.d file of calc left"

# back to loaded: the install line goes before calc is loaded
ms calc=loaded || die "calc=loaded after unused failed"
expect_loaded calc

# dry run: nothing loaded, nothing written
ms -n chrimpl=loaded > /tmp/o 2>&1 || { cat /tmp/o; die "-n chrimpl=loaded failed"; }
grep -qx 'chrimpl: would write /etc/modules-load.d/modstub-chrimpl.conf' /tmp/o || { cat /tmp/o; die "-n: output"; }
grep -qx 'chrimpl: would load chrimpl' /tmp/o || { cat /tmp/o; die "-n: no 'would load chrimpl'"; }
expect_absent chrimpl chrimpl_stub
[ -e /etc/modules-load.d/modstub-chrimpl.conf ] && die "-n wrote a file"

# a refused state changes nothing, loads nothing
ms chrimpl=auto frob=unused 2> /tmp/e && die "frob=unused accepted"
grep -q 'frob: state unused is not allowed' /tmp/e || { cat /tmp/e; die "no refusal message"; }
expect_absent chrimpl_stub
true
