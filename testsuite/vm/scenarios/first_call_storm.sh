# 64 kernel threads on 4 vCPUs call one unresolved stub at once: one load,
# and every caller gets the right result.
# vm-cpus: 4
modprobe tuser || die "modprobe tuser failed"
expect_eq "threads with the right result" "$(tcall storm 64)" 64
expect_loaded tstub
expect_eq "loads" "$(stub_field tstub_get 7)" 1
expect_eq "state" "$(stub_field tstub_get 5)" patched
