# The checkers this kernel is for are on: a scenario that passes here was
# watched by KASAN, lockdep, kmemleak, UBSAN and debug objects, with
# signatures enforced and fault injection at hand.
dmesg | grep -q 'KernelAddressSanitizer initialized' || die "KASAN is not on"
[ -f /proc/lockdep ] || die "lockdep is not on (no /proc/lockdep)"
grep -q 'debug_locks:[[:space:]]*1' /proc/lockdep_stats ||
	die "lockdep has turned itself off: $(grep debug_locks /proc/lockdep_stats)"
[ -f /sys/kernel/debug/kmemleak ] || die "kmemleak is not on"
dmesg | grep -q 'kmemleak: Kernel memory leak detector disabled' && die "kmemleak disabled itself"
[ -d /sys/kernel/debug/debug_objects ] || die "debug objects are not on"
grep -q '^warnings *:0$' /sys/kernel/debug/debug_objects/stats ||
	die "debug objects warned since boot: $(cat /sys/kernel/debug/debug_objects/stats)"
expect_eq "sig_enforce" "$(cat /sys/module/module/parameters/sig_enforce)" Y
[ -d /sys/kernel/debug/failslab ] && [ -d /sys/kernel/debug/fail_function ] ||
	die "no fault injection"
# UBSAN has no file of its own: its bounds checks are in the text
grep -q ' __ubsan_handle_out_of_bounds$' /proc/kallsyms || die "UBSAN is not on"
