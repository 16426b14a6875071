#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole test suite, as run by "make check".  Each part prints PASS/FAIL
# lines and its own tally; the last line is the total:
#   N passed, N failed
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cd "$top" || exit 2

RESULTS=$(mktemp)
export RESULTS
trap 'rm -f "$RESULTS"' EXIT

san=build/modmetac/modmetac-san
# abort_on_error gives a clear failure; leaks are errors too
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

run()
{
	echo "== $*"
	"$@"
	echo
}

run testsuite/golden.sh
run testsuite/golden.sh --modmetac "$san" --label golden-asan-ubsan
run testsuite/options.sh
run testsuite/options.sh --modmetac "$san" --label options-asan-ubsan
run testsuite/docs.sh
run testsuite/kbuild.sh
run testsuite/abi.sh
run testsuite/stubgen.sh
run testsuite/stubgen.sh --stubgen build/stubgen/stubgen-san --label stubgen-asan-ubsan
run testsuite/modstate.sh
run testsuite/modstate.sh --modstate build/modstate/modstate-san --label modstate-asan-ubsan
run testsuite/modrun.sh
run testsuite/modrun.sh --modrun build/modrun/modrun-san --label modrun-asan-ubsan
run testsuite/udrv.sh
run testsuite/udrvd.sh
run testsuite/udrvd.sh --udrvd build/udrvd/udrvd-san --label udrvd-asan-ubsan
run testsuite/udrvd.sh --valgrind --label udrvd-valgrind
run testsuite/valgrind.sh
run testsuite/fuzz.sh
run testsuite/vmtest.sh
MODSTATE_VM_KO=$top/build/vm run testsuite/modstate-vm.sh
run testsuite/external.sh
run testsuite/debian.sh
run testsuite/convert.sh
# The debug kernel (built once per machine): the scenarios only it can run,
# the races and storms, module programs (threads, waits, crashes and
# cleanup under lockdep, KASAN and kmemleak), and user-space drivers
# (edu.ko, VFIO and CUSE, processes killed with requests in flight);
# make check-debug runs every scenario there.
run testsuite/debug.sh signatures faults consumer_built_plain \
	first_call_storm ustub_unload_race ustub_rmmod_waits stub_unload_in_flight \
	autoclean_storm program_run program_bad program_crash udrv_edu udrv_supervise

awk '{ p += $1; f += $2; s += $3 }
     END { printf "%d passed, %d failed", p, f;
	   if (s) printf ", %d skipped", s; printf "\n"; exit f != 0 }' "$RESULTS"
