# Faults injected.  First failslab fails one slab allocation in ten of
# those made with module code on the stack (stubcore, the stub and real
# modules and their caller, and what they call: request_module(), debugfs,
# misc devices, kthreads) while the pair is loaded, called and removed 60
# times: every call returns the real result or its retfunc, and every
# failure line of stubcore is whole.  Then fail_function fails each of
# stubcore's marked functions in turn: each failure is an errno or the
# retfunc, and one line.  With injection off, everything works and
# unloads; the harness then checks kmemleak.
fs=/sys/kernel/debug/failslab
ff=/sys/kernel/debug/fail_function
[ -d $fs ] && [ -d $ff ] || die "no failslab or fail_function in debugfs"
modprobe stubcore || die "modprobe stubcore failed"
echo 0 > /sys/module/stubcore/parameters/retry_ms

# x86-64's module area, MODULES_VADDR to MODULES_END
lo=0xffffffffc0000000
hi=0xffffffffff000000
awk '$6 !~ /^0xffffffff[c-f]/ { bad = 1 } END { exit bad }' /proc/modules ||
	die "modules outside $lo-$hi: $(cat /proc/modules)"
echo N > $fs/task-filter
echo N > $fs/ignore-gfp-wait
echo $lo > $fs/require-start
echo $hi > $fs/require-end
echo 32 > $fs/stacktrace-depth
echo 1 > $fs/interval
echo -1 > $fs/times
echo 0 > $fs/verbose
echo 10 > $fs/probability
good=0 retf=0 noload=0 nocall=0
i=0
while [ $i -lt 60 ]; do
	i=$((i + 1))
	modprobe tuser 2> /dev/null || noload=$((noload + 1))
	if loaded tuser && echo sum8 2> /dev/null > /sys/kernel/debug/tuser/call; then
		r=$(cat /sys/kernel/debug/tuser/call)
		case "$r" in
		87654321) good=$((good + 1)) ;;
		-1) retf=$((retf + 1)) ;;
		*) die "call $i: tstub_sum8 returned $r" ;;
		esac
	else
		nocall=$((nocall + 1))
	fi
	for m in tstub tuser tstub_stub; do
		loaded $m && rmmod $m 2> /dev/null
	done
done
echo 0 > $fs/probability
echo "failslab: $good real results, $retf retfuncs, $nocall rounds without a call, $noload failed modprobes of tuser"
[ $good -gt 0 ] || die "no call reached tstub"
[ $retf -gt 0 ] || [ $noload -gt 0 ] || die "no failure: failslab did nothing"
dmesg | grep 'cannot reach tstub' | grep -v 'calls return nomod_minus_one()$' &&
	die "a malformed failure line"
# everything that stayed can go
for m in tstub tuser tstub_stub; do
	loaded $m && { rmmod $m || die "cannot remove $m after failslab"; }
done

# stubcore's own error paths
for fn in modstub_register attach_real request_real; do
	grep -q "^$fn[[:space:]]" $ff/injectable || die "$fn is not in $ff/injectable"
done
echo N > $ff/task-filter
echo 100 > $ff/probability
echo 1 > $ff/interval
echo -1 > $ff/times
echo 0 > $ff/verbose
for m in tuser tstub tstub_stub; do loaded $m && rmmod $m; done
expect_absent tuser tstub tstub_stub

# a stub module whose registration fails is not loaded
echo modstub_register > $ff/inject
printf '%#x\n' -12 > $ff/modstub_register/retval
modprobe tuser 2> /tmp/err && die "modprobe tuser loaded with modstub_register failing"
expect_absent tuser tstub_stub
echo '!modstub_register' > $ff/inject
modprobe tuser || die "modprobe tuser failed after modstub_register failed"

# request_module() fails: the retfunc, and request_module()'s error
echo request_real > $ff/inject
printf '%#x\n' -12 > $ff/request_real/retval
n0=$(dmesg | wc -l)
expect_eq "tstub_sum8, request_module() failing" "$(tcall sum8)" -1
expect_absent tstub
dmesg | tail -n +$((n0 + 1)) > /tmp/new
grep -q 'tstub_stub: ustub tstub_sum8: cannot reach tstub: request_module() failed (-12); calls return nomod_minus_one()$' /tmp/new ||
	die "no line for the failed request_module(): $(cat /tmp/new)"
echo '!request_real' > $ff/inject

# the real module is refused as it comes
echo attach_real > $ff/inject
printf '%#x\n' -12 > $ff/attach_real/retval
n0=$(dmesg | wc -l)
expect_eq "tstub_sum8, attach_real failing" "$(tcall sum8)" -1
expect_absent tstub
dmesg | tail -n +$((n0 + 1)) > /tmp/new
grep -q 'tstub_stub: ustub tstub_sum8: cannot reach tstub: modprobe tstub exited with status 1; calls return nomod_minus_one()$' /tmp/new ||
	die "no line for the refused tstub: $(cat /tmp/new)"
expect_eq "stubcore's lines" "$(grep -c 'cannot reach tstub' /tmp/new)" 1
echo > $ff/inject

# injection off: everything works, and goes
expect_eq "tstub_sum8, no injection" "$(tcall sum8)" 87654321
expect_eq "tstub_sum10, no injection" "$(tcall sum10)" 1987654321
rmmod tuser tstub tstub_stub stubcore || die "cannot remove the modules"
expect_absent tuser tstub tstub_stub stubcore
