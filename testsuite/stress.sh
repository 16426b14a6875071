#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make stress: the long forms of the stress scenarios, on every test kernel
# (the test suite runs them shortened): the unload race for RACE_SECONDS
# (default 60), the race of calls and autoclean as long, and the
# first-call storm of 64 threads on 4 vCPUs.  Prints
# the race's numbers, unload/load cycles included.
#
# Usage: stress.sh [-k KVER]... [-s SECONDS]
set -u

here=$(cd "$(dirname "$0")" && pwd)
secs=${RACE_SECONDS:-60}
args=()
while getopts "k:s:" opt; do
	case $opt in
	k) args+=(-k "$OPTARG") ;;
	s) secs=$OPTARG ;;
	*) echo "usage: $0 [-k KVER]... [-s SECONDS]" >&2; exit 2 ;;
	esac
done
# each boot runs one scenario: the race, plus time to boot and load
"$here/vmtest.sh" "${args[@]}" -t $((secs * 3 + 240)) -x RACE_SECONDS="$secs" \
	ustub_unload_race autoclean_race first_call_storm slow_init_storm
status=$?
. "$here/lib.sh"
[ ${#args[@]} -gt 0 ] || for k in $(test_kernels); do args+=(-k "$k"); done
for ((i = 1; i < ${#args[@]}; i += 2)); do
	k=${args[$i]}
	for r in ustub_unload_race autoclean_race; do
		sed -n "s/^out: race:/  $k $r:/p" \
			"$(dirname "$here")/build/vm/$k/logs/$k-$r.log"
	done
done
exit $status
