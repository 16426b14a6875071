# autoclean asks the module first: while tclean's veto declines, tclean
# stays, and dmesg says why once, however many times it is asked; when it
# agrees, tclean goes.  With stubcore's autoclean parameter off, nothing is
# removed.
modprobe tcuser || die "modprobe tcuser failed"
expect_eq "tclean_get(2)" "$(ccall get 2)" 6
echo 1 > /sys/module/tclean/parameters/veto || die "cannot set veto"
sleep 4
expect_loaded tclean
n=$(dmesg | grep -c 'stubcore: tclean: autoclean kept it: its veto tclean_veto.*: veto=1 says to stay$')
expect_eq "veto lines in dmesg" "$n" 1
[ "$(ac_field tclean 7)" -ge 2 ] || die "asked $(ac_field tclean 7) times in 4 s"
expect_eq "last reason" "$(awk '$1 == "tclean" { $1 = $2 = $3 = $4 = $5 = $6 = $7 = ""; sub(/^ */, ""); print }' /sys/kernel/debug/stubcore/autoclean)" \
	"its veto tclean_veto [tclean]: veto=1 says to stay"
echo 0 > /sys/module/tclean/parameters/veto
t=$(wait_absent tclean 3000)
echo "autocleaned $t ms after the veto was lifted"
# the global switch
echo N > /sys/module/stubcore/parameters/autoclean
expect_eq "tclean_get(3)" "$(ccall get 3)" 9
sleep 3
expect_loaded tclean
echo Y > /sys/module/stubcore/parameters/autoclean
t=$(wait_absent tclean 3000)
echo "autocleaned $t ms after autoclean was turned on again"
# modprobe -r is the removal, so modprobe.d's remove commands apply: one
# that does not remove tclean keeps it, and dmesg says so once (modprobe
# -r is given 5 s, then tried again after another delay)
mkdir -p /etc/modprobe.d
echo "remove tclean /bin/true" > /etc/modprobe.d/tclean.conf
# its delay back to 1 s, though it comes back soon after its removal
echo 1 > /sys/module/stubcore/parameters/autoclean_growth
dmesg -c > /dev/null
expect_eq "tclean_get(4)" "$(ccall get 4)" 12
sleep 9
expect_loaded tclean
n=$(dmesg | grep -c 'stubcore: tclean: autoclean kept it: modprobe -r left it loaded (in use by another module, or a remove command of modprobe.d)$')
expect_eq "lines about the remove command" "$n" 1
rm /etc/modprobe.d/tclean.conf
