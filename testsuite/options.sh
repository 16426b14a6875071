#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The command line of modmetac: options, exit statuses, depfiles, and the
# rules for writing outputs (only without errors, only if changed).
#
# Usage: options.sh [--modmetac PATH] [--label NAME]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

modmetac=$top/modmetac/modmetac
label=options
while [ $# -gt 0 ]; do
	case "$1" in
	--modmetac) modmetac=$2; shift ;;
	--label) label=$2; shift ;;
	*) echo "usage: $0 [--modmetac PATH] [--label NAME]" >&2; exit 2 ;;
	esac
	shift
done
case "$modmetac" in /*) ;; *) modmetac=$PWD/$modmetac ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
log=$work/log

# t NAME COMMAND...: run COMMAND (a shell function or command); it passes
# if it returns 0.  Its output goes to the log shown on failure.
t()
{
	local name=$1
	shift
	: > "$log"
	if "$@" >> "$log" 2>&1; then
		pass "$label/$name"
	else
		fail "$label/$name" "$log"
	fi
}

# expect STATUS COMMAND...: COMMAND exits with STATUS; its stdout and stderr
# are kept in out and err.
expect()
{
	local want=$1 got
	shift
	"$@" > out 2> err
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "'$*' exited $got, expected $want"
		echo "--- stdout"; cat out
		echo "--- stderr"; cat err
		return 1
	fi
}

contains()
{
	grep -q -e "$2" "$1" || { echo "$1 lacks '$2':"; cat "$1"; return 1; }
}

mtime() { stat -c %Y "$1"; }

cat > good.modmeta <<'EOM'
module opt_good {
	desc "good"
	version 1.0.0
	license "GPL"
	autoload {
		header "opt_api.h"
		stub opt_fn nomod_zero
	}
}
EOM
cat > bad.modmeta <<'EOM'
module opt_bad {
	desc "bad"
	version 1.0
	license "GPL"
}
EOM
cat > warn.modmeta <<'EOM'
module opt_warn {
	version 1.0.0
	license "GPL"
}
EOM

t_help() {
	expect 0 "$modmetac" --help && contains out '^Usage: modmetac' &&
	contains out -- '--emit' && [ ! -s err ]
}
t help t_help

t_version() {
	expect 0 "$modmetac" --version && contains out '^modmetac [0-9]*\.[0-9]*\.[0-9]* (modstub ABI [0-9]*)$'
}
t version t_version

t_bad_option() {
	expect 2 "$modmetac" --frobnicate good.modmeta &&
	contains err "unknown option '--frobnicate'" && contains err -- '--help'
}
t unknown-option t_bad_option

t_no_input() { expect 2 "$modmetac" && contains err 'no input files'; }
t no-input t_no_input

t_missing_file() {
	expect 1 "$modmetac" nosuch.modmeta &&
	contains err '^nosuch.modmeta: error: cannot read: No such file or directory$'
}
t missing-file t_missing_file

t_bad_emit() {
	expect 2 "$modmetac" --emit=meta,bogus good.modmeta &&
	contains err "unknown output 'bogus'"
}
t bad-emit t_bad_emit

t_outputs() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -o o good.modmeta && [ ! -s err ] &&
	[ -f o/opt_good_modmeta.c ] && [ -f o/opt_good_stub.c ] &&
	[ "$(ls o | wc -l)" -eq 2 ]
}
t outputs t_outputs

t_unchanged() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -o o good.modmeta &&
	touch -d '2001-01-01 00:00:00' o/opt_good_modmeta.c o/opt_good_stub.c &&
	expect 0 "$modmetac" -o o good.modmeta &&
	[ "$(mtime o/opt_good_modmeta.c)" = "$(date -d '2001-01-01 00:00:00' +%s)" ] &&
	[ "$(mtime o/opt_good_stub.c)" = "$(date -d '2001-01-01 00:00:00' +%s)" ]
}
t unchanged-not-rewritten t_unchanged

t_changed() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -o o good.modmeta &&
	touch -d '2001-01-01 00:00:00' o/opt_good_modmeta.c o/opt_good_stub.c &&
	sed 's/"good"/"better"/' good.modmeta > good2.modmeta &&
	expect 0 "$modmetac" -o o good2.modmeta &&
	contains o/opt_good_modmeta.c 'MODULE_DESCRIPTION("better")' &&
	[ "$(mtime o/opt_good_modmeta.c)" != "$(date -d '2001-01-01 00:00:00' +%s)" ]
}
t changed-rewritten t_changed

t_no_write_on_error() {
	rm -rf o && mkdir o &&
	expect 1 "$modmetac" -o o good.modmeta bad.modmeta &&
	[ -z "$(ls o)" ] && contains err 'bad.modmeta:3:10: error:'
}
t nothing-written-on-error t_no_write_on_error

t_no_partial_on_error() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -o o good.modmeta &&
	cp o/opt_good_modmeta.c keep.c &&
	sed 's/"good"/"changed"/' good.modmeta > good2.modmeta &&
	expect 1 "$modmetac" -o o good2.modmeta bad.modmeta &&
	cmp o/opt_good_modmeta.c keep.c
}
t old-outputs-kept-on-error t_no_partial_on_error

t_check() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" --check -o o good.modmeta && [ -z "$(ls o)" ] &&
	expect 1 "$modmetac" --check bad.modmeta && contains err 'bad-version'
}
t check-writes-nothing t_check

t_warning_exit() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -o o warn.modmeta &&
	contains err "warning: module 'opt_warn' has no 'desc' \[missing-field\]" &&
	[ -f o/opt_warn_modmeta.c ]
}
t warning-exit-0 t_warning_exit

t_werror() {
	rm -rf o && mkdir o &&
	expect 1 "$modmetac" -Werror -o o warn.modmeta &&
	contains err "error: module 'opt_warn' has no 'desc' \[missing-field\]" &&
	[ -z "$(ls o)" ]
}
t werror t_werror

t_werror_name() {
	rm -rf o && mkdir o &&
	expect 1 "$modmetac" -Werror=missing-field -o o warn.modmeta &&
	contains err 'error: .*\[missing-field\]' &&
	expect 2 "$modmetac" -Werror=no-such-check warn.modmeta &&
	contains err "unknown check 'no-such-check'"
}
t werror-by-name t_werror_name

t_wno() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -Wno-missing-field -o o warn.modmeta && [ ! -s err ] &&
	expect 2 "$modmetac" -Wno-bad-version warn.modmeta &&
	contains err "'bad-version' is not a check that can be turned off"
}
t wno t_wno

t_dep_stdout() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -M -o o good.modmeta && [ -z "$(ls o)" ] &&
	contains out '^o/opt_good_modmeta.c \\$' &&
	contains out '^  o/opt_good_stub.c: good.modmeta$'
}
t depfile-stdout t_dep_stdout

t_depfile() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -MF o/good.d -MP -o o good.modmeta &&
	[ -f o/opt_good_modmeta.c ] && contains o/good.d ': good.modmeta$' &&
	contains o/good.d '^good.modmeta:$' &&
	make -n -f o/good.d o/opt_good_stub.c > /dev/null
}
t depfile-file t_depfile

t_depfile_escape() {
	rm -rf "o d" && mkdir "o d" &&
	expect 0 "$modmetac" -M -o "o d" good.modmeta &&
	contains out '^o\\ d/opt_good_modmeta.c'
}
t depfile-escapes t_depfile_escape

t_stdin() {
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -o o - < good.modmeta && [ -f o/opt_good_stub.c ] &&
	expect 1 "$modmetac" - < bad.modmeta && contains err '^-:3:10: error:'
}
t stdin t_stdin

t_outdir_missing() {
	expect 1 "$modmetac" -o nosuchdir good.modmeta &&
	contains err '^nosuchdir/opt_good_modmeta.c: error: cannot write: No such file or directory'
}
t unwritable-outdir t_outdir_missing

t_same_output() {
	rm -rf o && mkdir o && cp good.modmeta again.modmeta &&
	sed -i 's/opt_fn/opt_fn2/' again.modmeta &&
	expect 1 "$modmetac" -o o good.modmeta again.modmeta &&
	contains err 'two modules of the input produce this file' && [ -z "$(ls o)" ]
}
t same-output-twice t_same_output

t_list_checks() {
	expect 0 "$modmetac" --list-checks || return 1
	# every check named in a golden expectation is in the table
	local name
	for name in $(grep -oh '\[[a-z-]*\]$' "$here"/golden/*.err | sort -u | tr -d '[]'); do
		grep -q "^$name " out || { echo "check '$name' not listed"; return 1; }
	done
}
t list-checks t_list_checks

t_max_errors() {
	expect 2 "$modmetac" --max-errors=x good.modmeta &&
	expect 1 "$modmetac" --max-errors=1 bad.modmeta
}
t max-errors t_max_errors

t_binary_input() {
	head -c 4096 /dev/urandom > noise.modmeta
	printf 'module x {\0}\n' >> noise.modmeta
	"$modmetac" --check noise.modmeta > out 2> err
	[ $? -eq 1 ] || { echo "exit $?"; return 1; }
	! grep -q 'AddressSanitizer\|runtime error' err
}
t binary-input t_binary_input

t_deep_input() {
	# long lines, many modules, many stubs: no crash, no quadratic blowup
	{
		for i in $(seq 1 300); do
			echo "module big_$i { desc \"$(printf 'x%.0s' $(seq 1 200))\"; version 1.0.0; license \"GPL\""
			echo " autoload { header \"big.h\""
			for j in $(seq 1 20); do echo "  stub big_${i}_$j nomod_zero"; done
			echo " } }"
		done
	} > big.modmeta
	rm -rf o && mkdir o &&
	expect 0 "$modmetac" -o o big.modmeta && [ "$(ls o | wc -l)" -eq 600 ]
}
t big-input t_deep_input

summary "$label"
