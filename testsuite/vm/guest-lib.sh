# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the scenarios, inside the VM (busybox sh).  A helper that
# finds something wrong prints why and exits 1, which fails the scenario.

die() { echo "FAILED: $*"; exit 1; }

# oops_begin, oops_end: around what oopses on purpose, once.  vm.sh leaves
# the kernel's lines between the two out of its check of dmesg if they
# hold exactly one oops.  An oops taints the kernel and turns lockdep off
# for the rest of the boot: vmtest.sh and debug.sh boot each scenario alone.
oops_begin() { echo "modstub-test: an oops is expected" > /dev/kmsg; }
oops_end() { echo "modstub-test: the expected oops is over" > /dev/kmsg; }

# The module tools are kmod's, in /sbin: busybox's shell runs its own
# applets of these names before it looks at PATH.
modprobe() { /sbin/modprobe "$@"; }
insmod() { /sbin/insmod "$@"; }
rmmod() { /sbin/rmmod "$@"; }
lsmod() { /sbin/lsmod "$@"; }
depmod() { /sbin/depmod "$@"; }
modinfo() { /sbin/modinfo "$@"; }

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

# tcall CMD: a command of tuser (the test modules); prints the result
tcall() { echo "$*" > /sys/kernel/debug/tuser/call || die "tuser $* failed"; cat /sys/kernel/debug/tuser/call; }
# t2call CMD...: the same through tuser's second file, while a call of the
# first is in flight
t2call() { echo "$*" > /sys/kernel/debug/tuser/call2 || die "tuser call2 $* failed"; cat /sys/kernel/debug/tuser/call2; }

# wait_going MODULE: wait (10 s at most) until rmmod of MODULE has begun
wait_going() {
	local i=0
	while [ "$(cat /sys/module/$1/initstate 2> /dev/null)" = live ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && die "$1 is not being removed after 10 s"
		sleep 0.1
	done
}

# ccall CMD...: a command of tcuser, the caller of tclean (autoclean 1s)
ccall() { echo "$*" > /sys/kernel/debug/tcuser/call || die "tcuser $* failed"; cat /sys/kernel/debug/tcuser/call; }
# c2call CMD...: the same through tcuser's second file
c2call() { echo "$*" > /sys/kernel/debug/tcuser/call2 || die "tcuser call2 $* failed"; cat /sys/kernel/debug/tcuser/call2; }
# ac_field MODULE COLUMN: a column of stubcore's debugfs "autoclean" line
ac_field() { awk -v m="$1" -v c="$2" '$1 == m { print $c }' /sys/kernel/debug/stubcore/autoclean; }

# now_ms: the time since boot, in ms
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# wait_absent MODULE MS: wait at most MS ms for MODULE to go; prints the
# ms it took
wait_absent() {
	local t0
	t0=$(now_ms)
	while loaded "$1"; do
		[ $(($(now_ms) - t0)) -gt "$2" ] && die "$1 still loaded after $2 ms"
		sleep 0.05
	done
	echo $(($(now_ms) - t0))
}

# wait_loaded MODULE [SECONDS]
wait_loaded() {
	local i=0
	while ! loaded "$1"; do
		i=$((i + 1))
		[ $i -gt $((${2:-10} * 10)) ] && die "$1 not loaded after ${2:-10}s"
		sleep 0.1
	done
}

# wait_node PATH WANT MS: wait at most MS ms until PATH exists (WANT 1) or
# not (0); false if it did not come to that
wait_node() {
	local i=0
	while :; do
		if [ -e "$1" ]; then [ "$2" = 1 ] && return 0
		else [ "$2" = 0 ] && return 0; fi
		i=$((i + 1))
		[ $i -le $(($3 / 10)) ] || return 1
		sleep 0.01
	done
}

# wait_grep FILE COUNT REGEX MS: wait up to MS ms until COUNT lines of
# FILE match REGEX (grep -E)
wait_grep() {
	local i=0 n
	while n=$(grep -cE -- "$3" "$1" 2>/dev/null); [ "${n:-0}" -lt "$2" ]; do
		i=$((i + 1))
		[ $i -le $(($4 / 10)) ] || return 1
		sleep 0.01
	done
}

# edu_devices: the addresses of QEMU's edu devices (1234:11e8), in order
edu_devices() {
	local d
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat $d/vendor)" = 0x1234 ] && [ "$(cat $d/device)" = 0x11e8 ] &&
			echo "${d##*/}"
	done
}

# tstub_options OPTIONS: module options of tstub for the next modprobe
tstub_options() {
	mkdir -p /etc/modprobe.d
	echo "options tstub $*" > /etc/modprobe.d/tstub.conf
	echo "options tstub $*" > /etc/modprobe.conf
}
