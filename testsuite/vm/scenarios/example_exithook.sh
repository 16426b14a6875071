# kernel/examples/exithook: a weak stub as an exit hook (shmexit()).
modprobe procx || die "modprobe procx failed"
echo 1 > /sys/module/procx/parameters/exit_client || die "exit hook failed"
expect_absent shmx
modprobe shmx || die "modprobe shmx failed"
echo 2 > /sys/module/procx/parameters/exit_client
echo 3 > /sys/module/procx/parameters/exit_client
expect_eq "exits seen by shmx" "$(cat /sys/module/shmx/parameters/exits)" 2
rmmod shmx || die "rmmod shmx failed"
echo 4 > /sys/module/procx/parameters/exit_client || die "exit hook failed"
expect_absent shmx
rmmod procx shmx_stub stubcore || die "cannot remove the modules"
