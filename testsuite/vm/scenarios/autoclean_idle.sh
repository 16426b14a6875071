# autoclean (tclean.modmeta: "autoclean 1s"): a module a ustub loaded goes
# after 1 s without a call, within the delay and 1 s; the next call loads
# it again with the right result, and, since it came back within the delay
# of its removal, the delay in force doubles.  Calls more often than the
# delay keep it.  A module loaded by modprobe stays.
modprobe tcuser || die "modprobe tcuser failed"
expect_absent tclean
expect_eq "tclean_get(2)" "$(ccall get 2)" 6
expect_loaded tclean
t=$(wait_absent tclean 2000)
echo "autocleaned $t ms after the last call"
dmesg | grep -q 'stubcore: tclean: autocleaned: no call through tclean_stub for 1000 ms$' ||
	die "no autoclean line in dmesg"
expect_eq "autocleans" "$(ac_field tclean 5)" 1
expect_eq "tclean_get(5), loading it again" "$(ccall get 5)" 15
expect_eq "reloads" "$(ac_field tclean 6)" 1
expect_eq "delay in force after a quick reload" "$(ac_field tclean 3)" 2000
# calls every 0.5 s for 3 s keep it
i=0
while [ $i -lt 6 ]; do
	expect_eq "tclean_get($i)" "$(ccall get $i)" $((3 * i))
	sleep 0.5
	expect_loaded tclean
	i=$((i + 1))
done
t=$(wait_absent tclean 3000)
echo "autocleaned again $t ms after the last call"
expect_eq "autocleans" "$(ac_field tclean 5)" 2
# loaded by modprobe: stays, and is not watched
modprobe tclean || die "modprobe tclean failed"
sleep 3
expect_loaded tclean
expect_eq "idle of an explicitly loaded module" "$(ac_field tclean 4)" -
expect_eq "tclean_get(7) through the stub" "$(ccall get 7)" 21
sleep 3
expect_loaded tclean
rmmod tclean || die "rmmod tclean failed"
