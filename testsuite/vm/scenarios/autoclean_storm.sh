# A storm of first calls while autoclean removes tclean (its exit made slow
# with exit_delay_ms): every call waits for the removal, loads tclean again
# and gets the real result, none the retfunc.
modprobe tcuser || die "modprobe tcuser failed"
expect_eq "tclean_get(2)" "$(ccall get 2)" 6
echo 1500 > /sys/module/tclean/parameters/exit_delay_ms || die "cannot set exit_delay_ms"
# wait for the removal to begin
i=0
while [ "$(cat /sys/module/tclean/initstate 2> /dev/null)" = live ]; do
	i=$((i + 1))
	[ $i -gt 60 ] && die "tclean was not autocleaned in 3 s"
	sleep 0.05
done
expect_eq "callers right, of 64, during the removal" "$(ccall storm 64)" 64
expect_loaded tclean
expect_eq "calls answered by the retfunc" "$(stub_field tclean_get 8)" 0
