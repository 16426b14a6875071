# Faults injected.  First failslab fails 3% of the slab allocations
# made with module code on the stack (stubcore, the stub and real
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
echo 3 > $fs/probability
good=0 retf=0 noload=0 nocall=0
i=0
while [ $i -lt 60 ]; do
	i=$((i + 1))
	modprobe tuser 2> /dev/null || noload=$((noload + 1))
	# (reading the result can fail too: a page fault in cat's buffer
	# allocates, with tuser's read on the stack)
	if loaded tuser && echo sum8 2> /dev/null > /sys/kernel/debug/tuser/call &&
	   r=$(cat /sys/kernel/debug/tuser/call 2> /dev/null); then
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
expect_absent tuser tstub tstub_stub

# a stub module whose registration fails is not loaded
echo modstub_register > $ff/inject
printf '%#x\n' -12 > $ff/modstub_register/retval
modprobe tuser 2> /tmp/err && die "modprobe tuser loaded with modstub_register failing"
expect_absent tuser tstub_stub
echo '!modstub_register' > $ff/inject
modprobe tuser || die "modprobe tuser failed after modstub_register failed"

# failing_call FUNCTION LINE: with FUNCTION failing (-ENOMEM), a call of
# tstub_sum8 gets its retfunc, tstub stays out, and stubcore says LINE
# (after "cannot reach tstub: "), once
failing_call()
{
	echo $1 > $ff/inject
	printf '%#x\n' -12 > $ff/$1/retval
	n0=$(dmesg | wc -l)
	expect_eq "tstub_sum8, $1 failing" "$(tcall sum8)" -1
	expect_absent tstub
	dmesg | tail -n +$((n0 + 1)) > /tmp/new
	grep -qF "tstub_stub: ustub tstub_sum8: cannot reach tstub: $2; calls return nomod_minus_one()" /tmp/new ||
		die "$1 failing: no line '$2': $(cat /tmp/new)"
	expect_eq "stubcore's lines, $1 failing" "$(grep -c 'cannot reach tstub' /tmp/new)" 1
	echo "!$1" > $ff/inject
}
# request_module() fails
failing_call request_real "request_module() failed (-12)"
# the real module is refused as it comes
failing_call attach_real "modprobe tstub exited with status 1 (-2)"

# injection off: everything works, and goes
expect_eq "tstub_sum8, no injection" "$(tcall sum8)" 87654321
expect_eq "tstub_sum10, no injection" "$(tcall sum10)" 1987654321
rmmod tuser tstub tstub_stub stubcore || die "cannot remove the modules"
expect_absent tuser tstub tstub_stub stubcore
