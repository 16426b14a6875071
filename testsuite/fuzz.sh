#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzzing: the libFuzzer targets of fuzz/ ("make fuzzers", clang with
# ASan and UBSan), each run for a bounded time from a seed corpus made
# here from the test cases: fuzz_modmetac from testsuite/golden/*.modmeta,
# fuzz_stubgen from the modules kbuild.sh built (built here if missing),
# stripped, merged and truncated copies of some of them.  A fuzzer passes
# if it found no crash, leak or timeout; the PASS line gives the number of
# executions.  A failing input is kept in build/fuzz/crashes/ and named
# in the FAIL line: reproduce with "build/fuzz/fuzz_NAME FILE", minimise
# with -minimize_crash=1, fix, and add it to fuzz/regress/NAME/.
#
# Each input of fuzz/regress/modmetac/ and fuzz/regress/stubgen/ (those
# that once crashed) is replayed through its fuzzer, and through modmetac
# --check or stubgen inspect, seal and symvers (sanitizer builds if made).
#
# Usage: fuzz.sh [--seconds N]
#   --seconds N   run each fuzzer N seconds (default: $FUZZ_SECONDS, or 45)
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

seconds=${FUZZ_SECONDS:-45}
while [ $# -gt 0 ]; do
	case "$1" in
	--seconds) seconds=$2; shift ;;
	*) echo "usage: $0 [--seconds N]" >&2; exit 2 ;;
	esac
	shift
done
case "$seconds" in
''|*[!0-9]*) echo "fuzz.sh: bad number of seconds '$seconds'" >&2; exit 2 ;;
esac

fz=$top/build/fuzz
crashes=$fz/crashes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
test_files "$work"
log=$work/log

cd "$top" || exit 2
if ! make --no-print-directory fuzzers > "$log" 2>&1; then
	command -v "${FUZZ_CC:-clang}" > /dev/null ||
		echo "no ${FUZZ_CC:-clang}: run make deps" >> "$log"
	fail "fuzz/build" "$log"
	summary fuzz
	exit 1
fi
# clang's sanitizers print stacks with llvm-symbolizer
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && ! command -v llvm-symbolizer > /dev/null; then
	for s in /usr/lib/llvm-*/bin/llvm-symbolizer; do
		[ -x "$s" ] && export ASAN_SYMBOLIZER_PATH=$s
	done
fi

# Seeds

seeds=$fz/seeds
rm -rf "$seeds"
mkdir -p "$seeds/modmetac" "$seeds/stubgen" "$seeds/udrvd" "$crashes"
cp testsuite/golden/*.modmeta "$seeds/modmetac/"
cp fuzz/udrvd/*.conf "$seeds/udrvd/"

# The modules of kbuild.sh, or a build of the same here, as KVER-NAME.ko
s=$seeds/stubgen
for kver in $(test_kernels); do
	for f in build/kbuild/"$kver"/mods/*.ko build/kbuild/"$kver"/stubcore/stubcore.ko; do
		[ -f "$f" ] && cp "$f" "$s/$kver-$(basename "$f")"
	done
done
kos=("$s"/*.ko)
if [ ! -f "${kos[0]}" ] && kver=$(test_kernels | head -1) && [ -n "$kver" ]; then
	echo "fuzz: no modules from kbuild.sh: building them for $kver"
	if build_modules "$kver" "$fz/kbuild" "$fz/kbuild.log"; then
		for f in "$fz"/kbuild/ko/*.ko; do
			cp "$f" "$s/$kver-$(basename "$f")"
		done
	else
		echo "fuzz: the build failed (see $fz/kbuild.log)"
	fi
fi
kos=("$s"/*.ko)
[ -f "${kos[0]}" ] || echo "fuzz: no modules: fuzz_stubgen starts from nothing"
# Smaller relatives, quicker to run and to mutate: each module without its
# debug information (a twentieth of the size); a stub module with the
# table of its real module too (for verify); truncated ones.
for f in "$s"/*.ko; do
	[ -f "$f" ] && objcopy --strip-debug "$f" "$s/stripped-$(basename "$f")"
done
stubs=("$s"/[0-9]*-frob_stub.ko)
reals=("$s"/[0-9]*-frob.ko)
stub=$s/stripped-$(basename "${stubs[0]}")
real=$s/stripped-$(basename "${reals[0]}")
if [ -f "$stub" ] && [ -f "$real" ]; then
	objcopy -O binary --only-section=.modstubs.real "$real" "$work/real.bin"
	objcopy --add-section .modstubs.real="$work/real.bin" \
		"$stub" "$s/both-frob_stub.ko"
	objcopy --add-section .modstubs.real="$work/real.bin" \
		"${stubs[0]}" "$s/both-dwarf-frob_stub.ko"
	for n in 64 512 4096; do
		head -c "$n" "$stub" > "$s/head$n-frob_stub.ko"
	done
	size=$(stat -c %s "$stub")
	head -c $((size / 2)) "$stub" > "$s/half-frob_stub.ko"
fi
for d in modmetac stubgen; do
	for f in fuzz/regress/"$d"/*; do
		[ -f "$f" ] && cp "$f" "$seeds/$d/regress-$(basename "$f")"
	done
done

# run_fuzzer NAME: run build/fuzz/fuzz_NAME for $seconds seconds in the
# background; its log is $work/NAME.log, its status $work/NAME.status.
run_fuzzer()
{
	local name=$1 corpus=$fz/corpus/$1 opts=()

	rm -rf "$corpus"
	mkdir -p "$corpus"
	rm -f "$crashes/$name-"*
	[ -f "fuzz/$name.dict" ] && opts+=("-dict=fuzz/$name.dict")
	# stubgen reports each problem on stderr: only libFuzzer's output stays
	[ "$name" = stubgen ] && opts+=(-close_fd_mask=2)
	"$fz/fuzz_$name" -max_total_time="$seconds" -timeout=10 \
		-print_final_stats=1 -artifact_prefix="$crashes/$name-" \
		"${opts[@]}" "$corpus" "$seeds/$name" > "$work/$name.log" 2>&1
	echo $? > "$work/$name.status"
}

# All at once: they are independent.
echo "fuzz: running each fuzzer for $seconds seconds"
for name in modmetac stubgen udrvd; do
	run_fuzzer "$name" &
done
wait

for name in modmetac stubgen udrvd; do
	flog=$work/$name.log
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$flog" | tail -1)
	artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$flog" | tail -1)
	if [ "$(cat "$work/$name.status")" -eq 0 ] && [ -z "$artifact" ]; then
		pass "fuzz/$name: ${execs:-?} executions in $seconds s, no crash"
		continue
	fi
	{
		echo "after ${execs:-?} executions:"
		# the report, without libFuzzer's progress and ASan's shadow map
		awk '/^==[0-9]+==|runtime error|^ALARM/ { on = 1 }
		     /^Shadow bytes/ { on = 0 }
		     on && n++ < 40 { print }
		     /^SUMMARY/ { on = 0 }' "$flog"
		grep -q '^==[0-9]*==\|runtime error\|^ALARM' "$flog" ||
			grep -v '^#[0-9]' "$flog" | tail -20
		if [ -n "$artifact" ]; then
			echo "reproducer: $artifact"
			echo "run: build/fuzz/fuzz_$name $artifact"
		fi
	} > "$log"
	fail "fuzz/$name" "$log"
done

# Regression inputs

modmetac=modmetac/modmetac
[ -x build/modmetac/modmetac-san ] && modmetac=build/modmetac/modmetac-san
stubgen=stubgen/stubgen
[ -x build/stubgen/stubgen-san ] && stubgen=build/stubgen/stubgen-san

# survives CMD...: CMD exits 0 or 1 (no crash), with no sanitizer report
survives() { run_cmd 0,1 "$@" && no_sanitizer_report "$RUN_OUT" && no_sanitizer_report "$RUN_ERR"; }

# replay FILE: FILE, an input of fuzz/regress/D/, through fuzz_D and the
# tool's commands that read it
replay()
{
	local f=$1 d cmd rc=0
	d=$(basename "$(dirname "$f")")
	run_cmd 0 "$fz/fuzz_$d" "$f" || rc=1
	if [ "$d" = modmetac ]; then
		survives "$modmetac" --check "$f" || rc=1
	else
		for cmd in inspect "seal -o $work/sealed.ko" symvers; do
			# shellcheck disable=SC2086
			survives "$stubgen" $cmd "$f" || rc=1
		done
	fi
	return $rc
}

for f in fuzz/regress/modmetac/* fuzz/regress/stubgen/*; do
	[ -f "$f" ] || continue
	test_case "fuzz/regress/$(basename "$(dirname "$f")")/$(basename "$f")" replay "$f"
done

summary fuzz
