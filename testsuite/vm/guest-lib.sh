# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the scenarios, inside the VM (busybox sh).  A helper that
# finds something wrong prints why and exits 1, which fails the scenario.

die() { echo "FAILED: $*"; exit 1; }

# loaded MODULE: is MODULE in /proc/modules?
loaded() { grep -q "^$1 " /proc/modules; }

expect_loaded() { for m in "$@"; do loaded "$m" || die "$m is not loaded"; done; }
expect_absent() { for m in "$@"; do loaded "$m" && die "$m is loaded"; done; return 0; }

# expect_eq WHAT GOT WANT
expect_eq() { [ "$2" = "$3" ] || die "$1: got '$2', expected '$3'"; }

# refcount MODULE: its use count
refcount() { awk -v m="$1" '$1 == m { print $3 }' /proc/modules; }

# usedby MODULE: the modules listed as using it
usedby() { awk -v m="$1" '$1 == m { print $4 }' /proc/modules; }

# call OP [ARGS]: make bar call frob's function OP; prints the result
call() { echo "$*" > /sys/kernel/debug/bar/call || die "call $* failed"; cat /sys/kernel/debug/bar/call; }

# stub_field FUNCTION COLUMN: a column of /sys/kernel/debug/stubcore/stubs
# (5 state, 6 slow_calls, 7 loads, 8 failures, 9 last_error)
stub_field() { awk -v f="$1" -v c="$2" '$3 == f { print $c }' /sys/kernel/debug/stubcore/stubs; }

# cleanup: remove every test module, in order
cleanup() {
	for m in bar frob frob_stub stubcore; do
		loaded $m && { rmmod $m || die "cannot remove $m"; }
	done
	return 0
}
