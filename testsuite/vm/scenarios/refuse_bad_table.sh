# stubcore refuses a stub module whose table is malformed, of another ABI
# version or not sealed by stubgen: one dmesg line per attempt and an
# errno, no oops.
modprobe stubcore || die "modprobe stubcore failed"
for f in 1 2 3 4 5; do
	dmesg -c > /dev/null
	modprobe tbad fault=$f 2> /dev/null && die "tbad fault=$f was accepted"
	expect_absent tbad
	# one attempt, or two if modprobe falls back from finit_module() to
	# init_module()
	n=$(dmesg | grep -c 'stubcore: tbad: ')
	[ "$n" -ge 1 ] && [ "$n" -le 2 ] || die "fault=$f: $n stubcore lines in dmesg"
	[ "$(dmesg | grep 'stubcore: tbad: ' | sed 's/^\[[^]]*\] //' | sort -u | wc -l)" -eq 1 ] ||
		die "fault=$f: different messages"
done
modprobe tbad || die "a good table was refused"
