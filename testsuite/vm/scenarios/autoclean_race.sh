# Calls through tclean's ustub race its autoclean (1 s, kept from growing:
# autoclean_growth=1) for RACE_SECONDS (10): each call comes after a pause
# of 0.9 to 1.6 s, before, during or after the removal that an idle second
# starts.  Every result is the real one (a call during a removal waits and
# loads tclean again), none the retfunc's.  Prints the counts.
secs=${RACE_SECONDS:-10}
modprobe tcuser || die "modprobe tcuser failed"
echo 1 > /sys/module/stubcore/parameters/autoclean_growth || die "autoclean_growth"
end=$(($(date +%s) + secs))
i=0
wrong=0
while [ "$(date +%s)" -lt $end ]; do
	i=$((i + 1))
	r=$(ccall get $i)
	[ "$r" = $((3 * i)) ] || { wrong=$((wrong + 1)); echo "tclean_get($i): $r"; }
	sleep "$(awk -v s=$i 'BEGIN { srand(s); printf "%.2f", 0.9 + rand() * 0.7 }')"
done
echo "race: $secs s, calls $i, wrong $wrong, autocleans $(ac_field tclean 5), reloads $(ac_field tclean 6), delay in force $(ac_field tclean 3) ms"
expect_eq "wrong results" $wrong 0
expect_eq "calls answered by the retfunc" "$(stub_field tclean_get 8)" 0
expect_eq "delay in force" "$(ac_field tclean 3)" 1000
[ "$(ac_field tclean 5)" -gt 1 ] || die "tclean was autocleaned $(ac_field tclean 5) times"
