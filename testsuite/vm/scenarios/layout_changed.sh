# A struct that tl_query() takes by pointer gained a member, and only the
# real module was rebuilt: stubcore refuses it when it comes, with a line
# naming the function and both fingerprints; the call gets the retfunc,
# nothing reads past the caller's struct.  The pair built together works.
ko=$(find /lib/modules -name tlayout.ko)
cp "$ko" /tmp/tlayout.ko.good
cp /lib/modules/*/spare/tlayout-v2.ko.old "$ko" && depmod
modprobe targsuser || die "modprobe targsuser failed"
echo 0 > /sys/module/stubcore/parameters/retry_ms
echo layout > /sys/kernel/debug/targsuser/run
expect_eq "tl_query, real module of another layout" "$(cat /sys/kernel/debug/targsuser/run)" -19
expect_absent tlayout
dmesg | grep -q "stubcore: tlayout: refused: type of tl_query differs: fingerprint [0-9a-f]\{16\} in tlayout_stub, [0-9a-f]\{16\} in tlayout (rebuild them together" ||
	die "no dmesg line for the refusal"
dmesg | grep -q "stubcore: tlayout_stub: ustub tl_query: cannot reach tlayout: stubcore refused it: type of tl_query differs" ||
	die "no failure line naming the cause"
expect_eq "state" "$(stub_field tl_query 5)" failed
cp /tmp/tlayout.ko.good "$ko" && depmod
echo layout > /sys/kernel/debug/targsuser/run
expect_eq "tl_query, the pair built together" "$(cat /sys/kernel/debug/targsuser/run)" 7008
expect_loaded tlayout
expect_eq "state" "$(stub_field tl_query 5)" live
