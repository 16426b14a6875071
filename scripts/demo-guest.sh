# SPDX-License-Identifier: GPL-2.0
#
# The demo's story, told inside the VM by scripts/demo.sh.
say() { echo; echo "== $*"; }
show_lsmod() { grep -E '^(bar|frob|frob_stub|stubcore|tuser|tstub|tstub_stub) ' /proc/modules |
	awk '{ u = $4; sub(/,$/, "", u); if (u == "-") u = "";
		printf "   %-12s used by %s %s\n", $1, $3, u }'; }
ns() { cat /sys/kernel/debug/bar/ns; }

say "modprobe bar.  bar calls frob_start(), frob_query() and frob_exit(),"
echo "   which frob_stub exports in frob's place.  What is loaded:"
modprobe bar || die "modprobe bar failed"
show_lsmod
loaded frob && die "frob is loaded"
echo "   frob is not loaded: bar depends on frob_stub, not on frob."

say "bar calls frob_exit(), a weak stub: it never loads frob."
echo "   frob_exit() = $(call exit)   (nomod_zero's answer; frob is still absent)"
loaded frob && die "frob was loaded"

say "bar calls frob_start(5), a strong stub, for the first time."
r=$(call start 5); t=$(ns)
echo "   frob_start(5) = $r, in $t ns: stubcore ran modprobe frob, then"
echo "   patched the stub to jump straight to frob's frob_start()."
show_lsmod
echo "   frob is held by its strong stub from now on (rmmod frob is refused):"
rmmod frob 2>&1 | sed 's/^/   /'

say "Later calls of frob_start() go straight to frob:"
for i in 1 2 3 4 5; do
	r=$(call start $i); echo "   frob_start($i) = $r, in $(ns) ns"
done
echo "   stubcore's view (/sys/kernel/debug/stubcore/stubs):"
sed 's/^/   /' /sys/kernel/debug/stubcore/stubs
echo "   (slow_calls stays at 1: no lookup, no lock, no indirect jump after the first call)"

say "The weak stub frob_exit() now reaches frob, which is there:"
echo "   frob_exit() = $(call exit)   (frob's own answer: 1000 + units started)"

say "An unloadable stub (ustub): tuser calls tstub_sum8(1, ..., 8), 8 arguments."
modprobe tuser || die "modprobe tuser failed"
echo "   tstub_sum8(1..8) = $(tcall sum8)   (tstub loaded for the call)"
show_lsmod
echo "   Between calls nobody holds tstub, so it can go:"
rmmod tstub && echo "   rmmod tstub: done"
show_lsmod
echo "   tstub_sum8(1..8) = $(tcall sum8)   (loaded again by the next call)"
show_lsmod

say "When the real module cannot be loaded, calls get the retfunc's answer:"
rmmod tstub || die "rmmod tstub failed"
echo 1 > /proc/sys/kernel/modules_disabled
echo "   (tstub removed, then module loading disabled)"
echo "   tstub_sum8(1..8) = $(tcall sum8)   (nomod_minus_one), and dmesg says why:"
dmesg | grep 'cannot reach' | tail -1 | sed 's/^\[[^]]*\] /   /'
