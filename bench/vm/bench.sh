# The benchmark, all in one boot so that its ratios hold.  Prints
#   BENCH ROW N NS        N calls of ROW took NS nanoseconds (benchdrv)
#   BENCH par_ROW_C N NS  N calls of ROW on each of C CPUs at once took NS
#   BENCH code ...        the resolved strong stub's entry
#   BENCH mem N STUB REAL lsmod sizes of memN_stub and memN
#   BENCH load N STUB_SYS PLAIN_SYS STUB_SH PLAIN_SH
#                         one load of memN_stub and of plainN (N plain
#                         exports): the finit_module() system call, and a
#                         modprobe timed by the shell
# REPS rounds; within a round the rows alternate, so that a slow patch of
# the host spreads over all of them.
REPS=5
FAST=1000000
SLOW=100000
PAR=1000000

run() {
	echo "$1 $2" > /sys/kernel/debug/benchdrv/run || die "benchdrv: $1 $2 failed"
	cat /sys/kernel/debug/benchdrv/run
}
now() { cat /sys/kernel/debug/benchdrv/now; }
size() { awk -v m="$1" '$1 == m { print $2 }' /proc/modules; }

modprobe benchdrv || die "modprobe benchdrv failed"
expect_absent benchreal benchu
run strong 1 > /dev/null		# resolves the strong stub: loads benchreal
expect_loaded benchreal
echo "BENCH code $(cat /sys/kernel/debug/benchdrv/code)"

for rep in $(seq $REPS); do
	expect_absent benchu
	for row in direct strong weak_present retfunc weak_absent cached; do
		echo "BENCH $(run $row $FAST)"
	done
	echo "BENCH $(run symbol_get $SLOW)"
	# a first call that loads benchu, against modprobe from this shell
	echo "BENCH $(run first 1)"
	expect_loaded benchu
	echo "BENCH $(run ustub $SLOW)"
	# the same calls on one CPU, then on two at once
	for row in direct strong weak_present ustub; do
		for c in 1 2; do
			echo "BENCH $(run "par $row $PAR" $c)"
		done
	done
	rmmod benchu || die "rmmod benchu"
	t0=$(now); t1=$(now)
	t2=$(now); modprobe benchu || die "modprobe benchu"; t3=$(now)
	echo "BENCH shell_modprobe 1 $(( (t3 - t2) - (t1 - t0) ))"
	rmmod benchu || die "rmmod benchu"
	# the kernel's own way, without a stub: request_module()
	echo "BENCH $(run request_module 1)"
	expect_loaded benchu
	rmmod benchu || die "rmmod benchu"
done


# Load time: finit (bench/vm/finit.c) times the system call that loads a
# module, the shell times a modprobe of it; stubcore is loaded first, so
# that each load is of one module.
finit=/lib/modules/$(uname -r)/spare/finit
[ -x "$finit" ] || die "no $finit"
modprobe stubcore || die "modprobe stubcore"

# load_ns MODULE: "SYSCALL_NS SHELL_NS", of a load with finit then one with
# modprobe (each followed by rmmod)
load_ns() {
	local sys t0 t1 t2 t3
	sys=$("$finit" "$(modinfo -n "$1")") || die "finit $1"
	rmmod "$1" || die "rmmod $1"
	t0=$(now); t1=$(now)
	t2=$(now); modprobe "$1" || die "modprobe $1"; t3=$(now)
	rmmod "$1" || die "rmmod $1"
	echo "$sys $(( (t3 - t2) - (t1 - t0) ))"
}

for rep in $(seq $REPS); do
	for n in 1 10 100; do
		s=$(load_ns mem${n}_stub)
		p=$(load_ns plain$n)
		set -- $s $p
		echo "BENCH load $n $1 $3 $2 $4"
	done
done

# Many stub modules, fanI_stub of one stub each: what the module notifier
# costs a module that is no stub's (a load of plain1 with none of them,
# 10 and all registered), then first calls into all of them at once, 8
# callers each (bench/kmod/fancall.c), and the loads they made.
#   BENCH notify M SYS    plain1's finit_module() with M stub modules
#   BENCH fan M T NS WRONG          (fancall.c)
#   BENCH fan_loads M ONE LOADS     M stub modules, ONE of them loaded
#                                   their real module once, LOADS in all
fans=$(cd "/lib/modules/$(uname -r)/extra" && ls fan[0-9]*_stub.ko |
	sed 's/\.ko$//' | sort -V)
nfan=$(echo "$fans" | wc -l)
notify() {
	local rep sys
	for rep in $(seq $REPS); do
		sys=$("$finit" "$(modinfo -n plain1)") || die "finit plain1"
		rmmod plain1 || die "rmmod plain1"
		echo "BENCH notify $1 $sys"
	done
}
notify 0
for m in $(echo "$fans" | head -10); do modprobe "$m" || die "modprobe $m"; done
notify 10
for m in $(echo "$fans" | tail -n +11); do modprobe "$m" || die "modprobe $m"; done
notify "$nfan"
expect_absent fan0 "fan$((nfan - 1))"
modprobe fancall || die "modprobe fancall"
echo 8 > /sys/kernel/debug/fancall/run || die "fancall: run failed"
echo "BENCH $(cat /sys/kernel/debug/fancall/run)"
echo "BENCH fan_loads $(awk '$2 ~ /^fan[0-9]+$/ { n++; if ($7 == 1) one++; loads += $7 }
	END { print n + 0, one + 0, loads + 0 }' /sys/kernel/debug/stubcore/stubs)"

# Module programs (bwrite, packed, and bwrite-user, its user-space build):
#   BENCH prog_start 1 NS     "bwrite 0", exec to exit, loading bwrite.ko
#                             from its image
#   BENCH prog_insmod 1 NS    insmod of the same bwrite.ko
#   BENCH prog_second 1 NS    "bwrite 0" while another instance runs
#   BENCH prog_pipe N NS      "bwrite N | cat > /dev/null", N = 64 MiB
#   BENCH prog_pipe_user N NS the same with bwrite-user
P=/lib/modules/$(uname -r)/spare
modprobe modrun || die "modprobe modrun"
for rep in $(seq $REPS); do
	t0=$(now)
	$P/bwrite 0 || die "bwrite 0 failed"
	t1=$(now)
	echo "BENCH prog_start 1 $((t1 - t0))"
	wait_absent bwrite 5000 > /dev/null
	t0=$(now)
	insmod "$(modinfo -n bwrite)" || die "insmod bwrite"
	t1=$(now)
	echo "BENCH prog_insmod 1 $((t1 - t0))"
	rmmod bwrite || die "rmmod bwrite"
	$P/bwrite wait > /tmp/bwrite.wait &
	pid=$!
	i=0
	until grep -qs waiting /tmp/bwrite.wait; do
		i=$((i + 1)); [ $i -gt 200 ] && die "bwrite wait did not start"; sleep 0.05
	done
	t0=$(now)
	$P/bwrite 0 || die "a second bwrite failed"
	t1=$(now)
	echo "BENCH prog_second 1 $((t1 - t0))"
	kill -TERM $pid
	wait $pid
	wait_absent bwrite 5000 > /dev/null
	t0=$(now)
	$P/bwrite 67108864 | cat > /dev/null || die "bwrite 64 MiB failed"
	t1=$(now)
	$P/bwrite-user 67108864 | cat > /dev/null || die "bwrite-user 64 MiB failed"
	t2=$(now)
	echo "BENCH prog_pipe 67108864 $((t1 - t0))"
	echo "BENCH prog_pipe_user 67108864 $((t2 - t1))"
	wait_absent bwrite 5000 > /dev/null
done

# Resident sizes, last: the modules stay loaded
for n in 1 32 256 10000; do
	modprobe mem${n}_stub || die "modprobe mem${n}_stub"
	modprobe mem$n || die "modprobe mem$n"
	echo "BENCH mem $n $(size mem${n}_stub) $(size mem$n)"
done
