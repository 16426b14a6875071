# An unloadable stub holds frob only during a call: frob can be removed
# between calls and the next call loads it again.  Its arguments and
# return value pass intact.
modprobe bar || die "modprobe bar failed"
expect_eq "frob_query(1, 2, 3)" "$(call query 1 2 3)" 123
expect_loaded frob
expect_eq "use count between calls" "$(refcount frob)" 0
rmmod frob || die "rmmod frob failed between calls"
expect_absent frob
expect_eq "frob_query(4, 5, 6) after rmmod" "$(call query 4 5 6)" 456
expect_loaded frob
expect_eq "loads" "$(stub_field frob_query 7)" 2
cleanup
