# kernel/examples/manyargs: an 8-argument function through a ustub.
modprobe calcuser || die "modprobe calcuser failed"
expect_absent calc
echo "2 1 1 1 1 1 1 1" > /sys/module/calcuser/parameters/poly
expect_eq "calc_poly(2, 1, ..., 1)" "$(cat /sys/module/calcuser/parameters/poly)" 127
expect_loaded calc
rmmod calc || die "rmmod calc failed between calls"
echo "-1 7 6 5 4 3 2 1" > /sys/module/calcuser/parameters/poly
expect_eq "calc_poly(-1, 7, ..., 1)" "$(cat /sys/module/calcuser/parameters/poly)" 4
