#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The manager of user-space drivers on the host: its command line, the
# errors of udrv.conf (file:line), what "check" selects among the host's
# real PCI functions, the daemon with nothing selected (its control
# socket: status, reload, refusals, who may do what; SIGTERM), its
# systemd unit (systemd-analyze verify).  The host's functions are never
# bound: every daemon here runs on a configuration that selects none.
# The supervision of real drivers is in QEMU (vm/scenarios/udrv_supervise.sh).
#
# Usage: udrvd.sh [--udrvd PATH] [--label NAME] [--valgrind]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

udrvd=$top/udrvd/udrvd
label=udrvd
wrap=
while [ $# -gt 0 ]; do
	case "$1" in
	--udrvd) udrvd=$2; shift ;;
	--label) label=$2; shift ;;
	--valgrind) wrap="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" ;;
	*) echo "usage: $0 [--udrvd PATH] [--label NAME] [--valgrind]" >&2; exit 2 ;;
	esac
	shift
done
case "$udrvd" in /*) ;; *) udrvd=$PWD/$udrvd ;; esac

work=$(mktemp -d)
dpid=
trap '[ -n "$dpid" ] && kill -KILL $dpid 2> /dev/null; rm -rf "$work"' EXIT
test_files "$work"
u() { $wrap "$udrvd" -c "$work/udrv.conf" -d "$work/udrv.d" -s "$work/run/udrvd.sock" "$@"; }

# --- the command line
t_help() { run_cmd 0 $wrap "$udrvd" --help && has_line "$RUN_OUT" "^Usage: udrvd \[OPTIONS\] COMMAND"; }
test_case "$label/--help" t_help
usage_err()
{
	run_cmd 2 $wrap "$udrvd" "${@:2}" && has_line "$RUN_ERR" "^udrvd: error: $1" &&
		has_line "$RUN_ERR" "^Try 'udrvd --help'"
}
test_case "$label/no command" usage_err "no command given"
test_case "$label/unknown command" usage_err "unknown command 'frob'" frob
test_case "$label/unknown option" usage_err "unknown option '--frob'" --frob status
test_case "$label/run takes no argument" usage_err "run: takes no argument" run x
test_case "$label/stop needs addresses" usage_err "stop: needs PCI addresses, or all" stop
t_noserver()
{
	run_cmd 1 u status &&
		has_line "$RUN_ERR" "^$work/run/udrvd.sock: error: No such file or directory (is udrvd running?)$"
}
test_case "$label/a client without a daemon" t_noserver

# --- the configuration's errors, each at its line
mkdir -p "$work/udrv.d"
cat > "$work/udrv.conf" <<'EOF'
# errors, one a line
driver 1234:11e8
driver 0000:00:03.0 relative
driver 0000:00:03.9 /x
driver 12345:1 /x
driver 1234:11e8 /x -v
bogus x
backoff 1s 100ms
heartbeat 1s
hang-timeout 50ms
start-timeout soon
driver 1234:11e8 /x
driver 1234:11e8 /y
group
EOF
t_errors()
{
	run_cmd 1 u check || return 1
	same_as "$RUN_ERR" <<EOF
$work/udrv.conf:2: error: 'driver' needs a selector and a program: driver 1234:11e8 /path/NAME-user [PARAM=VALUE]...
$work/udrv.conf:3: error: the program 'relative' is not an absolute path
$work/udrv.conf:4: error: '0000:00:03.9' is neither a PCI address (0000:00:03.0) nor an ID (1234:11e8)
$work/udrv.conf:5: error: '12345:1' is neither a PCI address (0000:00:03.0) nor an ID (1234:11e8)
$work/udrv.conf:6: error: '-v' is not a module parameter PARAM=VALUE
$work/udrv.conf:7: error: unknown directive 'bogus' (driver, group, heartbeat, hang-timeout, start-timeout, stop-timeout, backoff)
$work/udrv.conf:8: error: 'backoff': the second must not be shorter than the first, the first at least 10ms
$work/udrv.conf:9: error: 'heartbeat' takes two durations
$work/udrv.conf:10: error: 'hang-timeout': at least 100ms
$work/udrv.conf:11: error: 'start-timeout': a duration is a number and ms, s or m (500ms, 3s)
$work/udrv.conf:13: error: 1234:11e8 already has a driver ($work/udrv.conf:12)
$work/udrv.conf:14: error: 'group' takes one name
EOF
}
test_case "$label/configuration errors, file:line" t_errors
t_run_errors()
{
	run_cmd 1 u run && has_line "$RUN_ERR" "^udrvd: error: the configuration has errors: not started$" &&
		[ ! -e "$work/run/udrvd.sock" ]
}
test_case "$label/the daemon does not start on errors" t_run_errors
t_dup_dir()
{
	printf 'driver 1234:11e8 /a\n' > "$work/udrv.conf"
	printf 'driver 1234:11e8 /b\n' > "$work/udrv.d/50-b.conf"
	run_cmd 1 u check &&
		has_line "$RUN_ERR" "^$work/udrv.d/50-b.conf:1: error: 1234:11e8 already has a driver ($work/udrv.conf:1)$"
}
test_case "$label/a rule of udrv.d against the main file's" t_dup_dir
rm -f "$work/udrv.d/50-b.conf"

# --- check: the host's real PCI functions, by ID and by address
first=
for d in /sys/bus/pci/devices/*; do
	[ -e "$d/vendor" ] || continue
	first=${d##*/}
	break
done
if [ -n "$first" ]; then
	id=$(printf '%04x:%04x' "$(cat /sys/bus/pci/devices/$first/vendor)" \
		"$(cat /sys/bus/pci/devices/$first/device)")
	t_check()
	{
		local a n=0 drv want=$work/want
		cat > "$work/udrv.conf" <<-EOF
		heartbeat 500ms 2s
		driver $id /bin/true p=1
		EOF
		printf 'driver %s /bin/false\n' "$first" > "$work/udrv.d/10-first.conf"
		run_cmd 0 u check || return 1
		echo "heartbeat 500ms 2000ms, hang-timeout 10000ms, start-timeout 10000ms, stop-timeout 5000ms, backoff 100ms 30000ms, group (root only)" > "$want"
		# the address rule wins for $first; the others of its ID are
		# instances of /bin/true, numbered in order of address
		for d in /sys/bus/pci/devices/*; do
			a=${d##*/}
			drv=$(basename "$(readlink "$d/driver" 2> /dev/null)" 2> /dev/null)
			[ -n "$drv" ] || drv="no driver"
			if [ "$a" = "$first" ]; then
				echo "$a $id /bin/false instance 0 ($work/udrv.d/10-first.conf:1; now $drv)"
			elif [ "$(printf '%04x:%04x' "$(cat "$d/vendor")" "$(cat "$d/device")")" = "$id" ]; then
				echo "$a $id /bin/true instance $n p=1 ($work/udrv.conf:2; now $drv)"
				n=$((n + 1))
			fi
		done >> "$want"
		same_as "$RUN_OUT" < "$want" && is_empty "$RUN_ERR"
	}
	test_case "$label/check: what the rules select on this host" t_check
	rm -f "$work/udrv.d/10-first.conf"
else
	skip "$label/check: what the rules select on this host" "the host has no PCI function"
fi
t_missing_program()
{
	printf 'driver %s /nonexistent/x-user\n' "${first:-0000:00:00.0}" > "$work/udrv.conf"
	run_cmd 0 u check && { [ -z "$first" ] ||
		has_line "$RUN_ERR" "^$work/udrv.conf:1: warning: /nonexistent/x-user: cannot be run$"; }
}
test_case "$label/check: a program that cannot be run" t_missing_program

# --- the daemon, selecting nothing (no edu device on the host)
cat > "$work/udrv.conf" <<EOF
driver 1234:11e8 /bin/true
EOF
t_daemon()
{
	# (not through u: $! must be the daemon's pid)
	$wrap "$udrvd" -c "$work/udrv.conf" -d "$work/udrv.d" -s "$work/run/udrvd.sock" \
		run 2> "$work/daemon.log" &
	dpid=$!
	local i=0
	while [ ! -S "$work/run/udrvd.sock" ] ||
	      ! grep -q "^udrvd: no PCI function" "$work/daemon.log"; do
		i=$((i + 1))
		[ $i -lt 500 ] || { cat "$work/daemon.log"; return 1; }
		sleep 0.02
	done
	[ "$(stat -c %a "$work/run/udrvd.sock")" = 600 ] || { echo "mode $(stat -c %a "$work/run/udrvd.sock")"; return 1; }
	has_line "$work/daemon.log" "^udrvd: no PCI function is selected by $work/udrv.conf or $work/udrv.d$"
}
test_case "$label/the daemon starts with nothing to run" t_daemon
t_status()
{
	run_cmd 0 u status && has_line "$RUN_OUT" "^ADDRESS  *PROGRAM  *INST STATE  *PID RESTARTS  *UP  LAST$" &&
		[ "$(wc -l < "$RUN_OUT")" = 1 ]
}
test_case "$label/status" t_status
t_second()
{
	run_cmd 1 u run && has_line "$RUN_ERR" "^$work/run/udrvd.sock: error: another udrvd serves it$" &&
		lacks_line "$RUN_ERR" modprobe
}
test_case "$label/a second daemon on the socket" t_second
t_unknown()
{
	run_cmd 1 u restart 0000:00:1f.7 &&
		has_line "$RUN_ERR" "^udrvd: error: 0000:00:1f.7: no rule selects it$"
}
test_case "$label/restart of an address no rule selects" t_unknown
t_reload()
{
	printf 'heartbeat 1s\n' > "$work/udrv.d/bad.conf"
	run_cmd 1 u reload || return 1
	has_line "$RUN_ERR" "^udrvd: error: the configuration has errors (see the daemon's log): not reloaded$" &&
		has_line "$work/daemon.log" "^$work/udrv.d/bad.conf:1: error: 'heartbeat' takes two durations$" || return 1
	rm "$work/udrv.d/bad.conf"
	run_cmd 0 u reload && is_empty "$RUN_OUT" &&
		has_line "$work/daemon.log" "^udrvd: reloading $work/udrv.conf and $work/udrv.d$"
}
test_case "$label/reload: refused with errors, then taken" t_reload
t_stranger()
{
	# mode 0600: not even a connection; with the mode opened, status
	# only: the daemon checks the credentials
	run_cmd 1 setpriv --reuid 65534 --regid 65534 --clear-groups "$udrvd" \
		-s "$work/run/udrvd.sock" status &&
		has_line "$RUN_ERR" "Permission denied (is udrvd running?)$" || return 1
	chmod 755 "$work" "$work/run" && chmod 666 "$work/run/udrvd.sock"
	run_cmd 0 setpriv --reuid 65534 --regid 65534 --clear-groups "$udrvd" \
		-s "$work/run/udrvd.sock" status || return 1
	run_cmd 1 setpriv --reuid 65534 --regid 65534 --clear-groups "$udrvd" \
		-s "$work/run/udrvd.sock" reload &&
		has_line "$RUN_ERR" "^udrvd: error: reload: only root may do that$"
}
if command -v setpriv > /dev/null; then
	test_case "$label/who may: root only" t_stranger
else
	skip "$label/who may: root only" "no setpriv"
fi
t_bad_message()
{
	# a command longer than the daemon takes, sent raw
	run_cmd 2 u status "$(printf 'x%.0s' $(seq 300))" &&
		has_line "$RUN_ERR" "^udrvd: error: status: takes no argument$" || return 1
	run_cmd 2 u stop "$(printf 'x%.0s' $(seq 300))" &&
		has_line "$RUN_ERR" "^udrvd: error: the command is longer than 256 bytes$"
}
test_case "$label/a command too long" t_bad_message
t_stop()
{
	kill -TERM "$dpid"
	wait "$dpid"
	local st=$?
	dpid=
	[ "$st" = 0 ] || { echo "status $st"; cat "$work/daemon.log"; return 1; }
	has_line "$work/daemon.log" "^udrvd: Terminated: stopping every driver$" &&
		has_line "$work/daemon.log" "^udrvd: every driver stopped$" &&
		[ ! -e "$work/run/udrvd.sock" ] && lacks_line "$work/daemon.log" "==[0-9]*=="
}
test_case "$label/SIGTERM ends the daemon, the socket goes" t_stop

# --- the systemd unit, as installed
t_unit()
{
	local unit=$work/udrvd.service
	sed "s|@SBINDIR@|$top/udrvd|g" "$top/udrvd/udrvd.service.in" > "$unit" &&
		has_line "$unit" "^ExecStart=$top/udrvd/udrvd run$" &&
		run_cmd 0 systemd-analyze verify --man=no "$unit" && lacks_line "$RUN_ERR" "udrvd.service"
}
if [ "$label" = udrvd ] && command -v systemd-analyze > /dev/null; then
	test_case "$label/systemd-analyze verify udrvd.service" t_unit
fi

summary "$label"
