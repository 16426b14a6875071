# stubgen convert, in a kernel: convuser, built against the exports of the
# original crc16, crc-itu-t and reed_solomon, gets the same answers from
# the original modules, from the converted pairs (loading the stub modules
# only, then each real module on its first call), and for the CRCs from
# their fallbacks while the real modules cannot be loaded.
sp=/lib/modules/$(uname -r)/spare
ex=/lib/modules/$(uname -r)/extra
reals="crc16 crc_itu_t reed_solomon"

# answers: the lines convuser printed for the run just made
answers() { dmesg | grep 'convuser: ' | tail -n "$1"; }

for m in crc16 crc-itu-t reed_solomon; do
	insmod "$sp/$m.ko.orig" || die "insmod the original $m failed"
done
insmod "$ex/convuser.ko" || die "insmod convuser against the originals failed"
echo 1 > /sys/module/convuser/parameters/run || die "run failed"
orig=$(answers 2)
echo "original: $orig"
case $orig in *"rs corrected 2 restored 1 "*) ;; *) die "the original modules did not correct the errors" ;; esac
rmmod convuser $reals || die "rmmod of the originals failed"

modprobe convuser || die "modprobe convuser failed"
expect_loaded convuser crc16_stub crc_itu_t_stub reed_solomon_stub stubcore
expect_absent $reals

# the real modules cannot be loaded: the fallbacks compute the CRCs, and
# init_rs() gets its retfunc (NULL)
echo 0 > /sys/module/stubcore/parameters/retry_ms
echo 0 > /sys/module/stubcore/parameters/autoload
echo 1 > /sys/module/convuser/parameters/run || die "run failed"
fb=$(answers 2)
echo "fallbacks: $fb"
expect_absent $reals
expect_eq "CRCs of the fallbacks" "$(echo "$fb" | sed -n 's/.*\(convuser: crc16 .*\)/\1/p')" \
	"$(echo "$orig" | sed -n 's/.*\(convuser: crc16 .*\)/\1/p')"
echo "$fb" | grep -q 'convuser: rs init_rs failed' || die "init_rs did not get its retfunc"

# then they can: each is loaded by its first call, once
echo 1 > /sys/module/stubcore/parameters/autoload
echo 1 > /sys/module/convuser/parameters/run || die "run failed"
conv=$(answers 2)
echo "converted: $conv"
expect_loaded $reals
expect_eq "answers of the converted pairs" \
	"$(echo "$conv" | sed 's/^\[[^]]*\] //')" "$(echo "$orig" | sed 's/^\[[^]]*\] //')"
for m in $reals; do
	expect_eq "loads of $m" "$(awk -v m="$m" '$2 == m { print $7; exit }' /sys/kernel/debug/stubcore/stubs)" 1
done
