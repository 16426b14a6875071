# Arguments and return values whose passing only their types decide: by
# value structs of 8, 16, 24 and 32 bytes, in registers and on the stack,
# struct returns in %rax:%rdx and through a hidden pointer, ten 64-bit
# arguments and a mix of narrow integers and structs, through a stub, a
# ustub and a wstub each, argnword derived by stubgen seal.  Every result
# is checked by the caller against its own computation.
modprobe targsuser || die "modprobe targsuser failed"
expect_absent targs
# targs absent: the wstubs' retfuncs answer, structs included
echo absent > /sys/kernel/debug/targsuser/run
expect_eq "wstubs, targs absent" "$(cat /sys/kernel/debug/targsuser/run)" "ok 5"
echo stub > /sys/kernel/debug/targsuser/run
expect_eq "stubs" "$(cat /sys/kernel/debug/targsuser/run)" "ok 10"
expect_loaded targs
echo ustub > /sys/kernel/debug/targsuser/run
expect_eq "ustubs" "$(cat /sys/kernel/debug/targsuser/run)" "ok 10"
echo wstub > /sys/kernel/debug/targsuser/run
expect_eq "wstubs, targs live" "$(cat /sys/kernel/debug/targsuser/run)" "ok 10"
# again, the stubs patched and the holds dropped
echo stub > /sys/kernel/debug/targsuser/run
expect_eq "stubs, patched" "$(cat /sys/kernel/debug/targsuser/run)" "ok 10"
expect_eq "targs_s32_stub state" "$(stub_field targs_s32_stub 5)" patched
expect_eq "targs_s32_ustub state" "$(stub_field targs_s32_ustub 5)" live
expect_eq "failures" "$(awk '$2 == "targs" { s += $8 } END { print s }' /sys/kernel/debug/stubcore/stubs)" 0
