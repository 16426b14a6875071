# bar's first call of a strong stub loads frob and returns the real result;
# later calls jump straight to frob: the slow path is not entered again.
modprobe bar || die "modprobe bar failed"
expect_absent frob
expect_eq "state before" "$(stub_field frob_start 5)" unresolved
expect_eq "frob_start(5), first call" "$(call start 5)" 5
expect_loaded frob
expect_eq "state after" "$(stub_field frob_start 5)" patched
expect_eq "slow-path calls after the first" "$(stub_field frob_start 6)" 1
expect_eq "loads" "$(stub_field frob_start 7)" 1
for i in 1 2 3 4 5 6 7 8 9 10; do
	expect_eq "frob_start($i)" "$(call start $i)" $i
done
expect_eq "slow-path calls after 11 calls" "$(stub_field frob_start 6)" 1
# frob stays held until reboot: nothing to clean up
