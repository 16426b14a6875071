#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: the cost of calls through stubs, of a first call that loads a
# module, of stub modules in memory, of user-space drivers against the
# kernel's build of the same driver, and of modmetac.  For each test kernel
# one boot under QEMU runs bench/vm/bench.sh and a second, on the machine
# with edu devices, bench/vm/udrv.sh; then the compiler is timed on the
# host.  Prints one table per kernel and writes them all as JSON to
# build/bench/bench.json.
#
# Every row is the median of REPS (5) runs, all of a kernel's rows in one
# boot (those of user-space drivers in theirs).  Under TCG the guest's nanoseconds are emulated time: compare the
# ratios, not the absolute numbers.
#
# Usage: bench.sh [-k KVER]...
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$top/testsuite/lib.sh"

kernels=()
while getopts "k:" opt; do
	case $opt in
	k) kernels+=("$OPTARG") ;;
	*) echo "usage: $0 [-k KVER]..." >&2; exit 2 ;;
	esac
done
[ ${#kernels[@]} -gt 0 ] || kernels=($(test_kernels))
[ ${#kernels[@]} -gt 0 ] || { echo "bench: no test kernel (make deps)" >&2; exit 1; }

out=$top/build/bench
rm -rf "$out"
mkdir -p "$out"
modmetac=$top/modmetac/modmetac
json=$out/bench.json

# gen_real DIR NAME DESC FUNC=VALUE...: a real module NAME whose functions
# FUNC(a) return a + VALUE, each with a strong stub, declared in NAME_api.h
gen_real()
{
	local d=$1 name=$2 desc=$3 f
	shift 3
	{
		echo "/* ${name}_api.h, written by bench.sh */"
		for f in "$@"; do echo "long ${f%%=*}(long a);"; done
	} > "$d/${name}_api.h"
	{
		echo "// SPDX-License-Identifier: GPL-2.0"
		echo "#include <linux/module.h>"
		echo "#include \"${name}_api.h\""
		for f in "$@"; do
			echo "long ${f%%=*}(long a) { return a + ${f#*=}; }"
		done
	} > "$d/$name.c"
	{
		echo "module $name {"
		echo "    desc \"$desc\""
		echo "    version 1.0.0"
		echo "    license \"GPL\""
		echo "    autoload {"
		echo "        class loadonly"
		echo "        header \"${name}_api.h\""
		for f in "$@"; do
			echo "        stub ${f%%=*} nomod_zero"
		done
		echo "    }"
		echo "}"
	} > "$d/$name.modmeta"
}

# gen_mem DIR N: memN, a real module of N functions with a strong stub each
gen_mem()
{
	local n=$2 i fns=()

	for ((i = 0; i < n; i++)); do fns+=("mem${n}_f$i=$i"); done
	gen_real "$1" "mem$n" "modstub benchmark: $n stubs" "${fns[@]}"
}

# gen_plain DIR N: plainN, a module exporting N functions the usual way
# (EXPORT_SYMBOL), what a stub module of N stubs is compared with
gen_plain()
{
	local d=$1 n=$2 i
	{
		echo "// SPDX-License-Identifier: GPL-2.0"
		echo "#include <linux/export.h>"
		echo "#include <linux/module.h>"
		for ((i = 0; i < n; i++)); do
			echo "long plain${n}_f$i(long a);"
			echo "long plain${n}_f$i(long a) { return a + $i; }"
			echo "EXPORT_SYMBOL(plain${n}_f$i);"
		done
		echo "MODULE_DESCRIPTION(\"modstub benchmark: $n plain exports\");"
		echo "MODULE_LICENSE(\"GPL\");"
	} > "$d/plain$n.c"
}

# gen_fan DIR M: M real modules fanI of one function fanI_f(a) = a + I,
# each with a strong stub, and fan_api.h for fancall.c, which calls them all
FAN_M=100
gen_fan()
{
	local d=$1 m=$2 i

	for ((i = 0; i < m; i++)); do
		gen_real "$d" "fan$i" "modstub benchmark: one of $m stub modules" \
			"fan${i}_f=$i"
	done
	{
		echo "/* fan_api.h, written by bench.sh */"
		echo "#define FAN_M $m"
		for ((i = 0; i < m; i++)); do echo "#include \"fan${i}_api.h\""; done
		printf '#define FAN_FUNCS'
		for ((i = 0; i < m; i++)); do printf ' fan%d_f,' "$i"; done
		echo
	} > "$d/fan_api.h"
}

# breakdown STUB1 STUBN N: where the bytes of a stub go, from the two stub
# modules of 1 and N stubs: per stub, what N adds to 1 over N - 1, by kind
# of section, and the kallsyms the module keeps of its symbols (with
# CONFIG_KALLSYMS_ALL, every named symbol of an allocated section: an
# Elf64_Sym, its name and its type byte)
breakdown()
{
	local a b
	a=$(section_sizes "$1")
	b=$(section_sizes "$2")
	awk -v n="$3" -v a="$a" -v b="$b" 'BEGIN {
		split(a, x); split(b, y)
		split("code table ksymtab kcrctab strings unwind static_call kallsyms other", k)
		for (i = 1; i in k; i++)
			printf "%s %.1f\n", k[i], (y[i] - x[i]) / (n - 1)
	}'
}

# section_sizes KO: the bytes of KO in the kinds of breakdown(), in order
section_sizes()
{
	{
		readelf -SW "$1" | sed -n 's/^ *\[ *\([0-9]*\)\] /\1 /p' |
			awk '{ print "I", $1, $2, $8 }'
		readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] //p' |
			awk '$2 != "NULL" { print "S", $1, $5, $7 }'
		readelf -sW "$1" | awk 'NF >= 8 && $7 ~ /^[0-9]+$/ && $8 != "" { print "Y", $7, length($8) + 1 }'
	} | awk '
	function hex(s,   i, v) {
		v = 0
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	$1 == "I" { alloc[$2] = ($4 ~ /A/ && $3 !~ /^\.init/) }
	$1 == "S" && $4 ~ /A/ {
		sz = hex($3); name = $2
		if (name ~ /^\.(init|exit)\./) next
		if (name ~ /^\.text/) c["code"] += sz
		else if (name ~ /^\.modstubs/) c["table"] += sz
		else if (name ~ /^__ksymtab_strings/) c["strings"] += sz
		else if (name ~ /^__ksymtab/) c["ksymtab"] += sz
		else if (name ~ /^__kcrctab/) c["kcrctab"] += sz
		else if (name ~ /^\.orc_unwind/) c["unwind"] += sz
		else if (name ~ /static_call/) c["static_call"] += sz
		else c["other"] += sz
	}
	$1 == "Y" && alloc[$2] { c["kallsyms"] += 24 + 1 + $3 }
	END {
		printf "%d %d %d %d %d %d %d %d %d\n", c["code"], c["table"],
			c["ksymtab"], c["kcrctab"], c["strings"], c["unwind"],
			c["static_call"], c["kallsyms"], c["other"]
	}'
}

# median: the median of the numbers on standard input
median()
{
	sort -g | awk '{ v[NR] = $1 } END {
		if (!NR) { print "nan"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio A B: A / B with two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }'; }

# num X: X for JSON (null if it is not a number)
num() { case "$1" in ''|nan) echo null ;; *) echo "$1" ;; esac; }

# verdict RATIO LIMIT: "met" or "MISSED"
verdict() { awk -v r="$1" -v l="$2" 'BEGIN { print (r != "nan" && r <= l) ? "met" : "MISSED" }'; }

# verdict_min RATIO FLOOR: "met" if RATIO is at least FLOOR
verdict_min() { awk -v r="$1" -v l="$2" 'BEGIN { print (r != "nan" && r >= l) ? "met" : "MISSED" }'; }

# bench_udrv KVER DIR: the user-space driver rows (bench/vm/udrv.sh), in
# a boot of their own on the edu machine: edu.ko against edu-user of the
# same edu.c, and udrvd's restart time.  Prints their table; sets
# udrv_json.
bench_udrv()
{
	local kver=$1 d=$2 row
	local -A k=() u=()
	udrv_json=
	rm -rf "$d"
	mkdir -p "$d/ko"
	cp -r "$top/kernel/examples/edu" "$d/edu"
	if ! make -s -C "$d/edu" MODSTUB="$top" KDIR="/lib/modules/$kver/build" \
		> "$d/build.log" 2>&1; then
		tail -20 "$d/build.log" >&2
		return 1
	fi
	cp "$d"/edu/edu.ko "$d"/edu/edu-user "$d"/edu/edutest "$top/udrvd/udrvd" "$d/ko/"
	echo "bench: running in QEMU ($kver, edu machine)"
	RESULTS=$d/results "$top/testsuite/vm/vm.sh" -q -k "$kver" -m "$d/ko" \
		-D edu -n "vfio-pci vfio_iommu_type1 cuse" -c 2 -t 900 \
		-o "$d/logs" "$here/vm/udrv.sh" > "$d/vm.out" 2>&1
	if ! grep -q '^PASS' "$d/vm.out"; then
		cat "$d/vm.out" >&2
		return 1
	fi
	sed -n 's/^out: BENCH //p' "$d/logs/$kver-udrv.log" > "$d/raw"
	per_op() { awk -v r="$1" '$1 == r { printf "%.0f\n", $3 / $2 }' "$d/raw" | median; }
	for row in ioctl irq write read; do
		k[$row]=$(per_op "kernel_$row")
		u[$row]=$(per_op "user_$row")
	done
	local restart r_ioctl r_irq r_write r_read
	restart=$(awk '$1 == "restart" { print $3 / 1000000 }' "$d/raw" | median)
	r_ioctl=$(ratio "${u[ioctl]}" "${k[ioctl]}")
	r_irq=$(ratio "${u[irq]}" "${k[irq]}")
	# throughput, user over kernel: the inverse of the times
	r_write=$(ratio "${k[write]}" "${u[write]}")
	r_read=$(ratio "${k[read]}" "${u[read]}")
	{
		echo
		echo "user-space drivers, kernel $kver: edu.ko and edu-user (udrvd), one boot, median of 5"
		echo
		printf '  %-44s %12s %12s\n' "round trip on /dev/edu0 (ns)" "edu.ko" "edu-user"
		printf '  %-44s %12s %12s\n' "ioctl (a register read)" "${k[ioctl]}" "${u[ioctl]}"
		printf '  %-44s %12s %12s\n' "interrupt: raise, handle, wake" "${k[irq]}" "${u[irq]}"
		printf '  %-44s %12s %12s\n' "write of 4095 bytes by DMA" "${k[write]}" "${u[write]}"
		printf '  %-44s %12s %12s\n' "read of 4095 bytes by DMA" "${k[read]}" "${u[read]}"
		printf '  %-44s %12s\n' "restart after kill -9 (ms, udrvd's count)" "$restart"
		echo
		printf '  %-44s %8s %8s  %s\n' "target" "value" "limit" "verdict"
		printf '  %-44s %8s %8s  %s\n' "interrupt latency, user / kernel" "$r_irq" 3.00 "$(verdict "$r_irq" 3.00)"
		printf '  %-44s %8s %8s  %s\n' "ioctl latency, user / kernel" "$r_ioctl" 3.00 "$(verdict "$r_ioctl" 3.00)"
		printf '  %-44s %8s %8s  %s\n' "DMA write throughput, user / kernel" "$r_write" 0.50 "$(verdict_min "$r_write" 0.50)"
		printf '  %-44s %8s %8s  %s\n' "DMA read throughput, user / kernel" "$r_read" 0.50 "$(verdict_min "$r_read" 0.50)"
		printf '  %-44s %8s %8s  %s\n' "restart (ms)" "$restart" 500 "$(verdict "$restart" 500)"
		echo "  (the device takes 100 ms of virtual time per DMA: both builds wait for it;"
		echo "  a restart includes the default backoff's first delay, 100 ms)"
	} | tee "$d/table.txt"
	udrv_json="\"ns\": {"
	for row in ioctl irq write read; do
		udrv_json="$udrv_json\"kernel_$row\": $(num "${k[$row]}"), \"user_$row\": $(num "${u[$row]}"), "
	done
	udrv_json="$udrv_json\"restart_ms\": $(num "$restart")}, \"ratios\": {\"irq_user_over_kernel\": $(num "$r_irq"), \"ioctl_user_over_kernel\": $(num "$r_ioctl"), \"write_throughput_user_over_kernel\": $(num "$r_write"), \"read_throughput_user_over_kernel\": $(num "$r_read")}"
}

json_rows=()
status=0

for kver in "${kernels[@]}"; do
	b=$out/$kver
	mkdir -p "$b"
	log=$b/build.log
	echo "bench: building for $kver"
	if ! build_stubcore "$kver" "$b/stubcore" "$log"; then
		cat "$log" >&2
		status=1
		continue
	fi
	if ! build_modrun "$kver" "$b/modrun" "$log.modrun"; then
		cat "$log.modrun" >&2
		status=1
		continue
	fi
	cp -r "$here/kmod" "$b/kmod"
	for n in 1 10 32 100 256 10000; do gen_mem "$b/kmod" "$n"; done
	for n in 1 10 100; do gen_plain "$b/kmod" "$n"; done
	gen_fan "$b/kmod" "$FAN_M"
	if ! make -j"$(nproc)" -C "/lib/modules/$kver/build" M="$b/kmod" \
		MODSTUB="$top" MODSTUB_SYMVERS="$b/stubcore/Module.symvers" \
		MODRUN_SYMVERS="$b/modrun/Module.symvers" \
		modules >> "$log" 2>&1; then
		tail -30 "$log" >&2
		status=1
		continue
	fi
	mkdir -p "$b/ko"
	cp "$b"/stubcore/stubcore.ko "$b"/modrun/modrun.ko "$b"/kmod/*.ko "$b/ko/"
	# the module program, packed, and its user-space build
	if ! "$top/modrun/modrun" --pack "$b/ko/bwrite.ko" -o "$b/ko/bwrite" >> "$log" 2>&1 ||
	   ! gcc -O2 -o "$b/ko/bwrite-user" "$here/kmod/bwrite.c" >> "$log" 2>&1; then
		tail -5 "$log" >&2
		status=1
		continue
	fi
	# the load-time rows' timer, static: the guest has no C library
	if ! gcc -O2 -static -o "$b/ko/finit" "$here/vm/finit.c" >> "$log" 2>&1; then
		tail -5 "$log" >&2
		status=1
		continue
	fi

	echo "bench: running in QEMU ($kver)"
	RESULTS=$b/results "$top/testsuite/vm/vm.sh" -q -k "$kver" -m "$b/ko" \
		-c 2 -t 900 -o "$b/logs" "$here/vm/bench.sh" > "$b/vm.out" 2>&1
	if ! grep -q '^PASS' "$b/vm.out"; then
		cat "$b/vm.out" >&2
		status=1
		continue
	fi
	sed -n 's/^out: BENCH //p' "$b/logs/$kver-bench.log" > "$b/raw"

	# ns per call of ROW, median over the rounds
	per_call() { awk -v r="$1" '$1 == r { printf "%.3f\n", $3 / $2 }' "$b/raw" | median; }
	declare -A ns=()
	for row in direct strong weak_present weak_absent retfunc ustub \
		   symbol_get cached first shell_modprobe request_module; do
		ns[$row]=$(per_call "$row")
	done
	code=$(sed -n 's/^code //p' "$b/raw")
	# par ROW: the throughput of 2 CPUs calling ROW at once over that of
	# one, 2 * T1 / T2 of the median times
	declare -A par=()
	for row in direct strong weak_present ustub; do
		t1=$(awk -v r="par_${row}_1" '$1 == r { print $3 }' "$b/raw" | median)
		t2=$(awk -v r="par_${row}_2" '$1 == r { print $3 }' "$b/raw" | median)
		par[$row]=$(awk -v a="$t1" -v b="$t2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", 2 * a / b; else print "nan" }')
	done
	# the per-call paths: the ustub's and the weak stub's of these rows,
	# in their stub modules, and stubcore's (stubs with stack arguments)
	hot=""
	hot_ok=met
	for p in kmod/benchu_stub.ko:__modstub_fast_bu_add \
		 kmod/benchreal_stub.ko:__modstub_fast_breal_wadd \
		 stubcore/stubcore.ko:modstub_slow_ustub; do
		h=$("$here/hotpath.sh" -e "${p#*:}" "$b/${p%%:*}" 2>&1) || hot_ok=BROKEN
		hot="$hot${hot:+$'\n'}${p%%:*}: $h"
	done
	# load N: medians of the syscall and shell times, stub and plain
	declare -A ld=()
	for n in 1 10 100; do
		for f in 3 4 5 6; do
			ld[$n.$f]=$(awk -v n="$n" -v f="$f" '$1 == "load" && $2 == n { print $f }' "$b/raw" | median)
		done
		ld[$n.rsys]=$(ratio "${ld[$n.3]}" "${ld[$n.4]}")
		ld[$n.rsh]=$(ratio "${ld[$n.5]}" "${ld[$n.6]}")
	done
	bd1=$(breakdown "$b/kmod/mem1_stub.ko" "$b/kmod/mem256_stub.ko" 256)
	bd2=$(breakdown "$b/kmod/mem1.ko" "$b/kmod/mem256.ko" 256)
	read -r _ s1 _ < <(grep '^mem 1 ' "$b/raw")
	read -r _ _ s256 r256 < <(grep '^mem 256 ' "$b/raw")
	read -r _ _ s10k r10k < <(grep '^mem 10000 ' "$b/raw")
	pb256=$(awk -v a="$s1" -v b="$s256" 'BEGIN { printf "%.0f", (b - a) / 255 }')
	pb10k=$(awk -v a="$s1" -v b="$s10k" 'BEGIN { printf "%.0f", (b - a) / 9999 }')
	smaller=met
	while read -r _ n sz rz; do
		[ "$sz" -lt "$rz" ] || smaller=MISSED
	done < <(grep '^mem ' "$b/raw")

	# module programs: medians of the times, in ns
	prog_row() { awk -v r="$1" '$1 == r { print $3 }' "$b/raw" | median; }
	p_start=$(prog_row prog_start)
	p_insmod=$(prog_row prog_insmod)
	p_second=$(prog_row prog_second)
	p_pipe=$(prog_row prog_pipe)
	p_pipe_user=$(prog_row prog_pipe_user)
	r_pstart=$(ratio "$p_start" "$p_insmod")
	r_psecond=$(ratio "$p_second" "$p_start")
	# throughput, program over user space: the inverse of the times
	r_ppipe=$(ratio "$p_pipe_user" "$p_pipe")
	r_strong=$(ratio "${ns[strong]}" "${ns[direct]}")
	r_weak=$(ratio "${ns[weak_absent]}" "${ns[retfunc]}")
	r_ustub=$(ratio "${ns[ustub]}" "${ns[direct]}")
	r_wpres=$(ratio "${ns[weak_present]}" "${ns[direct]}")
	r_first=$(ratio "${ns[first]}" "${ns[shell_modprobe]}")
	# many stub modules: the notifier's cost to other modules' loads, and
	# M first calls at once against one first call, per module
	declare -A nt=()
	nt_ms=$(awk '$1 == "notify" { print $2 }' "$b/raw" | sort -nu)
	for m in $nt_ms; do
		nt[$m]=$(awk -v m="$m" '$1 == "notify" && $2 == m { print $3 }' "$b/raw" | median)
	done
	read -r _ fan_m fan_t fan_ns fan_wrong < <(grep '^fan ' "$b/raw")
	read -r _ fl_m fl_one fl_loads < <(grep '^fan_loads ' "$b/raw")
	r_fan=$(awk -v ns="$fan_ns" -v m="$fan_m" -v f="${ns[first]}" 'BEGIN { if (ns > 0 && m > 0 && f > 0) printf "%.2f", ns / m / f; else print "nan" }')
	fan_ok=MISSED
	[ "${fl_one:-0}" = "$FAN_M" ] && [ "${fl_loads:-0}" = "$FAN_M" ] &&
		[ "${fan_wrong:-1}" = 0 ] && fan_ok=met
	r_nt=$(ratio "${nt[$FAN_M]:-nan}" "${nt[0]:-nan}")

	{
		echo
		echo "modstub benchmark, kernel $kver, QEMU TCG (emulated time: compare ratios), median of 5"
		echo
		printf '  %-44s %12s %9s\n' "call" "ns/call" "/ direct"
		for row in direct strong weak_present weak_absent retfunc ustub symbol_get cached; do
			case $row in
			direct) what="direct call (exported the usual way)" ;;
			strong) what="strong stub, patched" ;;
			weak_present) what="weak stub, module present" ;;
			weak_absent) what="weak stub, module absent (retfunc)" ;;
			retfunc) what="direct call of that retfunc" ;;
			ustub) what="unloadable stub, module present" ;;
			symbol_get) what="symbol_get + call + symbol_put" ;;
			cached) what="pointer cached after one symbol_get" ;;
			esac
			printf '  %-44s %12s %9s\n' "$what" "${ns[$row]}" \
				"$(ratio "${ns[$row]}" "${ns[direct]}")"
		done
		echo
		printf '  %-44s %12s\n' "first call, loading the module (ns)" "${ns[first]}"
		printf '  %-44s %12s\n' "modprobe of it from the shell (ns)" "${ns[shell_modprobe]}"
		printf '  %-44s %12s\n' "request_module() of it, no stub (ns)" "${ns[request_module]}"
		echo
		echo "  module programs (bench/kmod/bwrite.c, packed; ns)"
		printf '  %-44s %12s\n' "bwrite 0, exec to exit (loads its module)" "$p_start"
		printf '  %-44s %12s\n' "insmod of the same module" "$p_insmod"
		printf '  %-44s %12s\n' "bwrite 0 while another instance runs" "$p_second"
		printf '  %-44s %12s\n' "64 MiB to a pipe, module program" "$p_pipe"
		printf '  %-44s %12s\n' "64 MiB to a pipe, its user-space build" "$p_pipe_user"
		echo
		printf '  %-28s %10s %10s\n' "resident size (lsmod)" "stub mod" "real mod"
		while read -r _ n s r; do
			printf '  %-28s %10s %10s\n' "$n stubs" "$s" "$r"
		done < <(grep '^mem ' "$b/raw")
		echo
		echo "  modprobe of a stub module of N stubs against a plain module of N exports"
		printf '  %-10s %12s %12s %7s %12s %12s %7s\n' "N" "stub sys" "plain sys" "ratio" "stub shell" "plain shell" "ratio"
		for n in 1 10 100; do
			printf '  %-10s %12s %12s %7s %12s %12s %7s\n' "$n" "${ld[$n.3]}" "${ld[$n.4]}" "${ld[$n.rsys]}" "${ld[$n.5]}" "${ld[$n.6]}" "${ld[$n.rsh]}"
		done
		echo "  (sys: the finit_module() system call; shell: modprobe; ns)"
		echo
		echo "  $FAN_M stub modules of one strong stub each"
		for m in $nt_ms; do
			printf '  %-44s %12s\n' "load of a plain module, $m registered (ns)" "${nt[$m]}"
		done
		printf '  %-44s %12s\n' "first calls into all, ${fan_t:-?} callers each (ns)" "${fan_ns:-?}"
		printf '  %-44s %12s\n' "  per module / one lone first call" "$r_fan"
		printf '  %-44s %12s\n' "  modules loaded once / loads / wrong" "${fl_one:-?} / ${fl_loads:-?} / ${fan_wrong:-?}"
		echo
		echo "  throughput of 2 vCPUs calling at once / 1 vCPU (2 would be perfect)"
		for row in direct strong weak_present ustub; do
			printf '  %-44s %8s\n' "$row" "${par[$row]}"
		done
		echo
		echo "  bytes per stub (of 255 more stubs, from the .ko files), against a real function"
		paste <(echo "$bd1") <(echo "$bd2") | awk '{ printf "  %-24s %10s %10s\n", $1, $2, $4 }'
		printf '  %-24s %10s\n' "resident, N = 256" "$pb256"
		printf '  %-24s %10s\n' "resident, N = 10000" "$pb10k"
		echo
		printf '  %-44s %8s %8s  %s\n' "target" "ratio" "limit" "verdict"
		for n in 1 10 100; do
			printf '  %-44s %8s %8s  %s\n' "stub / plain modprobe, N = $n, sys" "${ld[$n.rsys]}" 1.50 "$(verdict "${ld[$n.rsys]}" 1.50)"
			printf '  %-44s %8s %8s  %s\n' "stub / plain modprobe, N = $n, shell" "${ld[$n.rsh]}" 1.50 "$(verdict "${ld[$n.rsh]}" 1.50)"
		done
		printf '  %-44s %8s %8s  %s\n' "resident bytes per stub, N = 256" "$pb256" 128 "$(verdict "$pb256" 128)"
		printf '  %-44s %8s %8s  %s\n' "resident bytes per stub, N = 10000" "$pb10k" 128 "$(verdict "$pb10k" 128)"
		printf '  %-44s %8s %8s  %s\n' "stub module smaller than real, every N" "-" "-" "$smaller"
		printf '  %-44s %8s %8s  %s\n' "patched strong stub / direct call" "$r_strong" 1.05 "$(verdict "$r_strong" 1.05)"
		printf '  %-44s %8s %8s  %s\n' "weak stub absent / direct call of retfunc" "$r_weak" 1.05 "$(verdict "$r_weak" 1.05)"
		printf '  %-44s %8s %8s  %s\n' "unloadable stub / direct call" "$r_ustub" 3.00 "$(verdict "$r_ustub" 3.00)"
		printf '  %-44s %8s %8s  %s\n' "weak stub present / direct call" "$r_wpres" 3.00 "$(verdict "$r_wpres" 3.00)"
		printf '  %-44s %8s %8s  %s\n' "unloadable stub, 2 vCPUs / 1 (at least)" "${par[ustub]}" 1.80 "$(verdict_min "${par[ustub]}" 1.80)"
		printf '  %-44s %8s %8s  %s\n' "weak stub present, 2 vCPUs / 1 (at least)" "${par[weak_present]}" 1.80 "$(verdict_min "${par[weak_present]}" 1.80)"
		printf '  %-44s %8s %8s  %s\n' "per-call path: no locked op, no shared store" "-" "-" "$hot_ok"
		printf '  %-44s %8s %8s  %s\n' "first-call load / shell modprobe" "$r_first" 1.10 "$(verdict "$r_first" 1.10)"
		printf '  %-44s %8s %8s  %s\n' "$FAN_M stub modules, first calls: one load each" "-" "-" "$fan_ok"
		printf '  %-44s %8s %8s  %s\n' "  per module / one first call" "$r_fan" 1.50 "$(verdict "$r_fan" 1.50)"
		printf '  %-44s %8s %8s  %s\n' "plain load, $FAN_M / 0 stub modules" "$r_nt" 1.10 "$(verdict "$r_nt" 1.10)"
		printf '  %-44s %8s\n' "(first-call load / bare request_module())" "$(ratio "${ns[first]}" "${ns[request_module]}")"
		printf '  %-44s %8s %8s  %s\n' "program stdout to a pipe, program / user" "$r_ppipe" 0.50 "$(verdict_min "$r_ppipe" 0.50)"
		printf '  %-44s %8s %8s  %s\n' "program exec to exit / insmod of it" "$r_pstart" 1.50 "$(verdict "$r_pstart" 1.50)"
		printf '  %-44s %8s\n' "(second instance's start / first's)" "$r_psecond"
		echo
		echo "  patched path (structural check): $code"
		echo "  per-call paths of ustubs and present weak stubs (bench/hotpath.sh):"
		echo "$hot" | sed 's/^/    /'
		echo "  (TCG chains a direct jump only within a guest page: the patched stub's"
		echo "  one jmp into the real module goes through the emulator's lookup; the"
		echo "  weak stub's jmp to a retfunc in its own module shows that jmp costs"
		echo "  nothing when it is chained.)"
	} | tee "$b/table.txt"

	mem=$(awk '$1 == "mem" { printf "%s{\"stubs\": %s, \"stub_module\": %s, \"real_module\": %s}", n++ ? ", " : "", $2, $3, $4 }' "$b/raw")
	rows=""
	for row in "${!ns[@]}"; do
		rows="$rows${rows:+, }\"$row\": $(num "${ns[$row]}")"
	done
	load=""
	for n in 1 10 100; do
		load="$load${load:+, }{\"stubs\": $n, \"stub_sys_ns\": $(num "${ld[$n.3]}"), \"plain_sys_ns\": $(num "${ld[$n.4]}"), \"stub_shell_ns\": $(num "${ld[$n.5]}"), \"plain_shell_ns\": $(num "${ld[$n.6]}")}"
	done
	notify=""
	for m in $nt_ms; do
		notify="$notify${notify:+, }{\"stub_modules\": $m, \"plain_sys_ns\": $(num "${nt[$m]}")}"
	done
	bd=$(echo "$bd1" | awk '{ printf "%s\"%s\": %s", n++ ? ", " : "", $1, $2 }')
	bench_udrv "$kver" "$b/udrv" || status=1
	json_rows+=("{\"kernel\": \"$kver\", \"udrv\": {$udrv_json}, \"ns_per_call\": {$rows}, \"memory\": [$mem], \"load\": [$load], \"bytes_per_stub\": {$bd, \"resident_256\": $(num "$pb256"), \"resident_10000\": $(num "$pb10k")}, \"ratios\": {\"strong_over_direct\": $(num "$r_strong"), \"weak_absent_over_retfunc\": $(num "$r_weak"), \"ustub_over_direct\": $(num "$r_ustub"), \"weak_present_over_direct\": $(num "$r_wpres"), \"ustub_2cpu_over_1\": $(num "${par[ustub]}"), \"weak_present_2cpu_over_1\": $(num "${par[weak_present]}"), \"direct_2cpu_over_1\": $(num "${par[direct]}"), \"strong_2cpu_over_1\": $(num "${par[strong]}"), \"first_call_over_shell_modprobe\": $(num "$r_first"), \"fan_first_call_per_module_over_one\": $(num "$r_fan"), \"plain_load_many_over_none\": $(num "$r_nt"), \"program_pipe_over_user\": $(num "$r_ppipe"), \"program_start_over_insmod\": $(num "$r_pstart"), \"program_second_start_over_first\": $(num "$r_psecond")}, \"program_ns\": {\"start\": $(num "$p_start"), \"insmod\": $(num "$p_insmod"), \"second\": $(num "$p_second"), \"pipe_64mib\": $(num "$p_pipe"), \"pipe_64mib_user\": $(num "$p_pipe_user")}, \"notify\": [$notify], \"fan\": {\"stub_modules\": $(num "${fl_m:-}"), \"callers_each\": $(num "${fan_t:-}"), \"ns\": $(num "${fan_ns:-}"), \"wrong\": $(num "${fan_wrong:-}"), \"loaded_once\": $(num "${fl_one:-}"), \"loads\": $(num "${fl_loads:-}")}, \"patched_path\": \"$(echo "$code" | sed 's/["\\]/\\&/g')\"}")
	unset ns ld par nt
done

# The compiler, on the host: modmetac on 1,000, 10,000 and 100,000 stubs
# (median of 5 runs, peak memory), and gcc on the stub C of the 10,000 case.
echo
echo "bench: timing modmetac"
c=$out/compiler
mkdir -p "$c"
declare -A ctime=() cmem=()
for n in 1000 10000 100000; do
	d=$c/m$n
	mkdir -p "$d"
	gen_mem "$d" "$n"
	for i in 1 2 3 4 5; do
		# elapsed seconds (bash's microsecond clock) and peak RSS (KiB)
		t0=$EPOCHREALTIME
		/usr/bin/env time -f '%M' -o "$d/rss.$i" \
			"$modmetac" -o "$d" "$d/mem$n.modmeta" || exit 1
		t1=$EPOCHREALTIME
		echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' > "$d/time.$i"
		rm -f "$d"/mem*_modmeta.c "$d"/mem*_stub.c
	done
	ctime[$n]=$(cat "$d"/time.* | median)
	cmem[$n]=$(cat "$d"/rss.* | median)
done

# gcc: the stub module of the 10,000 case through Kbuild once, then its
# compile command again, alone, three times
kver=${kernels[0]}
d=$c/kb
mkdir -p "$d"
gen_mem "$d" 10000
echo "modmeta-y := mem10000.modmeta" > "$d/Kbuild"
echo "include $top/mk/modstub.mk" >> "$d/Kbuild"
echo "bench: compiling the stub module of 10,000 stubs ($kver)"
# (modstub.mk compiles the generated mem10000_stub.c as this object)
obj=mem10000_stub-modstub.o
make -C "/lib/modules/$kver/build" M="$d" MODMETACFLAGS=--emit=stub \
	MODSTUB_SYMVERS=/dev/null "$obj" > "$d/build.log" 2>&1
gcc_cmd=$(sed -n "s/^\(saved\)\{0,1\}cmd_[^ ]*$obj := //p" \
	"$d/.$obj.cmd" 2> /dev/null | sed 's/;.*//')
case "$gcc_cmd" in *gcc*) ;; *) gcc_cmd= ;; esac
gtime=nan
if [ -n "$gcc_cmd" ]; then
	for i in 1 2 3; do
		t0=$EPOCHREALTIME
		(cd "/lib/modules/$kver/build" && sh -c "$gcc_cmd") || exit 1
		t1=$EPOCHREALTIME
		echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }'
	done > "$d/gcc.times"
	gtime=$(median < "$d/gcc.times")
else
	cat "$d/build.log" >&2
	status=1
fi

share=$(awk -v a="${ctime[10000]}" -v b="$gtime" 'BEGIN { if (b > 0) printf "%.4f", a / b; else print "nan" }')
s1=$(ratio "${ctime[10000]}" "${ctime[1000]}")
s2=$(ratio "${ctime[100000]}" "${ctime[10000]}")
{
	echo
	echo "modmetac (host, median of 5 runs)"
	printf '  %-10s %10s %14s\n' "stubs" "seconds" "peak RSS KiB"
	for n in 1000 10000 100000; do
		printf '  %-10s %10s %14s\n' "$n" "${ctime[$n]}" "${cmem[$n]}"
	done
	printf '  gcc on the stub C of 10,000 stubs: %s s (median of 3)\n' "$gtime"
	echo
	printf '  %-44s %8s %8s  %s\n' "target" "ratio" "limit" "verdict"
	printf '  %-44s %8s %8s  %s\n' "modmetac 10,000 / gcc on its output" "$share" 0.05 "$(verdict "$share" 0.05)"
	printf '  %-44s %8s %8s  %s\n' "modmetac 10,000 / 1,000 stubs" "$s1" 11 "$(verdict "$s1" 11)"
	printf '  %-44s %8s %8s  %s\n' "modmetac 100,000 / 10,000 stubs" "$s2" 11 "$(verdict "$s2" 11)"
} | tee "$c/table.txt"

{
	echo "{"
	echo "  \"note\": \"kernel rows: QEMU TCG, emulated nanoseconds, medians of 5 runs in one boot; compare ratios\","
	echo "  \"kernels\": ["
	for ((i = 0; i < ${#json_rows[@]}; i++)); do
		echo "    ${json_rows[$i]}$([ $i -lt $((${#json_rows[@]} - 1)) ] && echo ,)"
	done
	echo "  ],"
	echo "  \"modmetac\": {\"seconds\": {\"1000\": ${ctime[1000]}, \"10000\": ${ctime[10000]}, \"100000\": ${ctime[100000]}}, \"peak_rss_kib\": {\"1000\": ${cmem[1000]}, \"10000\": ${cmem[10000]}, \"100000\": ${cmem[100000]}}, \"gcc_seconds_10000\": $(num "$gtime"), \"share_of_gcc\": $(num "$share"), \"scaling_10x\": [$(num "$s1"), $(num "$s2")]}"
	echo "}"
} > "$json"
echo
echo "bench: JSON in $json"
exit $status
