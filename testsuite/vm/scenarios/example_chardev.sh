# kernel/examples/chardev: file operations through stubs.
modprobe chrdev || die "modprobe chrdev failed"
expect_loaded chrdev chrimpl_stub stubcore
expect_absent chrimpl
expect_eq "read /dev/stubchr" "$(cat /dev/stubchr)" "hello from chrimpl"
expect_loaded chrimpl
expect_eq "read again" "$(cat /dev/stubchr)" "hello from chrimpl"
