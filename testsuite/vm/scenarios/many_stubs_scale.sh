# A stub module of very many stubs (thuge_stub of testsuite/kmod-huge,
# 100,000 strong stubs, written at build time) registers, lists every stub
# in debugfs, unregisters, registers again, and one load of its real
# module serves a sample of its stubs spread over the whole table (both
# ends, the middle, a stride): each answers through the real function.
# vm-modules: huge
# vm-mem: 2048
n=$(modinfo -F description thuge_stub | sed -n 's/.*: \([0-9]*\) strong stubs$/\1/p')
[ -n "$n" ] || n=$(modinfo -F description thuge | sed -n 's/.*: \([0-9]*\) strong stubs$/\1/p')
[ -n "$n" ] || die "cannot tell how many stubs thuge has"
modprobe thuge_stub || die "modprobe thuge_stub failed"
expect_eq "stubs listed" "$(grep -c '^thuge_stub thuge thuge_f' /sys/kernel/debug/stubcore/stubs)" "$n"
expect_eq "unresolved" "$(awk '$1 == "thuge_stub" && $5 == "unresolved"' /sys/kernel/debug/stubcore/stubs | wc -l)" "$n"
rmmod thuge_stub || die "rmmod thuge_stub failed"
expect_eq "stubs listed after rmmod" "$(grep -c '^thuge_stub ' /sys/kernel/debug/stubcore/stubs)" 0
expect_absent thuge thuge_stub
modprobe thugeuser || die "modprobe thugeuser failed: a stub did not answer"
expect_loaded thuge_stub thuge thugeuser
k=$(dmesg | sed -n "s/.*thugeuser: \([0-9]*\) of $n stubs answered$/\1/p" | tail -1)
[ -n "$k" ] || die "thugeuser did not say how many stubs answered"
[ "$k" -ge 10 ] || die "only $k stubs in the sample"
expect_eq "loads" "$(stub_field thuge_f0 7)" 1
expect_eq "patched" "$(awk '$1 == "thuge_stub" && $5 == "patched"' /sys/kernel/debug/stubcore/stubs | wc -l)" "$k"
expect_eq "slow calls of the last stub" "$(stub_field thuge_f$((n - 1)) 6)" 1
rmmod thugeuser || die "rmmod thugeuser failed"
# the strong stubs hold thuge from now on: nothing more to clean up
