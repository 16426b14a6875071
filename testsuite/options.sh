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
test_files "$work"

# t NAME FUNCTION: the test $label/NAME (lib.sh's test_case); each function
# checks its runs of modmetac with run_cmd, has_line and the like
t() { test_case "$label/$1" "$2"; }

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
	run_cmd 0 "$modmetac" --help && has_line "$RUN_OUT" '^Usage: modmetac' &&
	has_line "$RUN_OUT" '--emit' && is_empty "$RUN_ERR"
}
t help t_help

t_version() {
	run_cmd 0 "$modmetac" --version && has_line "$RUN_OUT" '^modmetac [0-9]*\.[0-9]*\.[0-9]* (modstub ABI [0-9]*)$'
}
t version t_version

t_bad_option() {
	run_cmd 2 "$modmetac" --frobnicate good.modmeta &&
	has_line "$RUN_ERR" "unknown option '--frobnicate'" && has_line "$RUN_ERR" '--help'
}
t unknown-option t_bad_option

t_no_input() { run_cmd 2 "$modmetac" && has_line "$RUN_ERR" 'no input files'; }
t no-input t_no_input

t_missing_file() {
	run_cmd 1 "$modmetac" nosuch.modmeta &&
	has_line "$RUN_ERR" '^nosuch.modmeta: error: cannot read: No such file or directory$'
}
t missing-file t_missing_file

t_bad_emit() {
	run_cmd 2 "$modmetac" --emit=meta,bogus good.modmeta &&
	has_line "$RUN_ERR" "unknown output 'bogus'"
}
t bad-emit t_bad_emit

t_outputs() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -o o good.modmeta && is_empty "$RUN_ERR" &&
	[ -f o/opt_good_modmeta.c ] && [ -f o/opt_good_stub.c ] &&
	[ "$(ls o | wc -l)" -eq 2 ]
}
t outputs t_outputs

t_unchanged() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -o o good.modmeta &&
	touch -d '2001-01-01 00:00:00' o/opt_good_modmeta.c o/opt_good_stub.c &&
	run_cmd 0 "$modmetac" -o o good.modmeta &&
	[ "$(mtime o/opt_good_modmeta.c)" = "$(date -d '2001-01-01 00:00:00' +%s)" ] &&
	[ "$(mtime o/opt_good_stub.c)" = "$(date -d '2001-01-01 00:00:00' +%s)" ]
}
t unchanged-not-rewritten t_unchanged

t_changed() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -o o good.modmeta &&
	touch -d '2001-01-01 00:00:00' o/opt_good_modmeta.c o/opt_good_stub.c &&
	sed 's/"good"/"better"/' good.modmeta > good2.modmeta &&
	run_cmd 0 "$modmetac" -o o good2.modmeta &&
	has_line o/opt_good_modmeta.c 'MODULE_DESCRIPTION("better")' &&
	[ "$(mtime o/opt_good_modmeta.c)" != "$(date -d '2001-01-01 00:00:00' +%s)" ]
}
t changed-rewritten t_changed

t_no_write_on_error() {
	rm -rf o && mkdir o &&
	run_cmd 1 "$modmetac" -o o good.modmeta bad.modmeta &&
	[ -z "$(ls o)" ] && has_line "$RUN_ERR" 'bad.modmeta:3:10: error:'
}
t nothing-written-on-error t_no_write_on_error

t_no_partial_on_error() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -o o good.modmeta &&
	cp o/opt_good_modmeta.c keep.c &&
	sed 's/"good"/"changed"/' good.modmeta > good2.modmeta &&
	run_cmd 1 "$modmetac" -o o good2.modmeta bad.modmeta &&
	cmp o/opt_good_modmeta.c keep.c
}
t old-outputs-kept-on-error t_no_partial_on_error

t_check() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" --check -o o good.modmeta && [ -z "$(ls o)" ] &&
	run_cmd 1 "$modmetac" --check bad.modmeta && has_line "$RUN_ERR" 'bad-version'
}
t check-writes-nothing t_check

t_warning_exit() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -o o warn.modmeta &&
	has_line "$RUN_ERR" "warning: module 'opt_warn' has no 'desc' \[missing-field\]" &&
	[ -f o/opt_warn_modmeta.c ]
}
t warning-exit-0 t_warning_exit

t_werror() {
	rm -rf o && mkdir o &&
	run_cmd 1 "$modmetac" -Werror -o o warn.modmeta &&
	has_line "$RUN_ERR" "error: module 'opt_warn' has no 'desc' \[missing-field\]" &&
	[ -z "$(ls o)" ]
}
t werror t_werror

t_werror_name() {
	rm -rf o && mkdir o &&
	run_cmd 1 "$modmetac" -Werror=missing-field -o o warn.modmeta &&
	has_line "$RUN_ERR" 'error: .*\[missing-field\]' &&
	run_cmd 2 "$modmetac" -Werror=no-such-check warn.modmeta &&
	has_line "$RUN_ERR" "unknown check 'no-such-check'"
}
t werror-by-name t_werror_name

t_wno() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -Wno-missing-field -o o warn.modmeta && is_empty "$RUN_ERR" &&
	run_cmd 2 "$modmetac" -Wno-bad-version warn.modmeta &&
	has_line "$RUN_ERR" "'bad-version' is not a check that can be turned off"
}
t wno t_wno

t_dep_stdout() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -M -o o good.modmeta && [ -z "$(ls o)" ] &&
	has_line "$RUN_OUT" '^o/opt_good_modmeta.c \\$' &&
	has_line "$RUN_OUT" '^  o/opt_good_stub.c: good.modmeta$'
}
t depfile-stdout t_dep_stdout

t_depfile() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -MF o/good.d -MP -o o good.modmeta &&
	[ -f o/opt_good_modmeta.c ] && has_line o/good.d ': good.modmeta$' &&
	has_line o/good.d '^good.modmeta:$' &&
	make -n -f o/good.d o/opt_good_stub.c > /dev/null
}
t depfile-file t_depfile

t_depfile_escape() {
	rm -rf "o d" && mkdir "o d" &&
	run_cmd 0 "$modmetac" -M -o "o d" good.modmeta &&
	has_line "$RUN_OUT" '^o\\ d/opt_good_modmeta.c'
}
t depfile-escapes t_depfile_escape

t_stdin() {
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -o o - < good.modmeta && [ -f o/opt_good_stub.c ] &&
	run_cmd 1 "$modmetac" - < bad.modmeta && has_line "$RUN_ERR" '^-:3:10: error:'
}
t stdin t_stdin

t_outdir_missing() {
	run_cmd 1 "$modmetac" -o nosuchdir good.modmeta &&
	has_line "$RUN_ERR" '^nosuchdir/opt_good_modmeta.c: error: cannot write: No such file or directory'
}
t unwritable-outdir t_outdir_missing

t_same_output() {
	rm -rf o && mkdir o && cp good.modmeta again.modmeta &&
	sed -i 's/opt_fn/opt_fn2/' again.modmeta &&
	run_cmd 1 "$modmetac" -o o good.modmeta again.modmeta &&
	has_line "$RUN_ERR" 'two modules of the input produce this file' && [ -z "$(ls o)" ]
}
t same-output-twice t_same_output

t_list_checks() {
	run_cmd 0 "$modmetac" --list-checks || return 1
	# every check named in a golden expectation is in the table
	local name
	for name in $(grep -oh '\[[a-z-]*\]$' "$here"/golden/*.err | sort -u | tr -d '[]'); do
		grep -q "^$name " "$RUN_OUT" || { echo "check '$name' not listed"; return 1; }
	done
}
t list-checks t_list_checks

t_max_errors() {
	run_cmd 2 "$modmetac" --max-errors=x good.modmeta &&
	run_cmd 1 "$modmetac" --max-errors=1 bad.modmeta
}
t max-errors t_max_errors

# noise N SEED: N bytes of a fixed pseudo-random sequence (the LCG of
# POSIX's rand() example, so the same bytes on every machine and shell
# version), NUL bytes among them
noise()
{
	local n=$1 x=$2 i bytes='' byte
	for ((i = 0; i < n; i++)); do
		x=$(((x * 1103515245 + 12345) % 2147483648))
		printf -v byte '\\x%02x' $(((x >> 16) & 255))
		bytes+=$byte
	done
	printf "$bytes"
}

t_binary_input() {
	noise 4096 12345 > noise.modmeta &&
	printf 'module x {\0}\n' >> noise.modmeta &&
	[ "$(head -c 4096 noise.modmeta | tr -dc '\0' | wc -c)" -gt 0 ] ||
		{ echo "the noise has no NUL byte"; return 1; }
	run_cmd 1 "$modmetac" --check noise.modmeta &&
	no_sanitizer_report "$RUN_ERR"
}
t binary-input t_binary_input

# big_modmeta N: N modules with long lines, 20 stubs each
big_modmeta()
{
	local i j desc
	desc=$(printf 'x%.0s' $(seq 1 200))
	for ((i = 1; i <= $1; i++)); do
		echo "module big_$i { desc \"$desc\"; version 1.0.0; license \"GPL\""
		echo " autoload { header \"big.h\""
		for ((j = 1; j <= 20; j++)); do echo "  stub big_${i}_$j nomod_zero"; done
		echo " } }"
	done
}

t_deep_input() {
	# long lines, many modules, many stubs: no crash, every output
	# (big-input-scaling bounds the work)
	big_modmeta 300 > big.modmeta &&
	rm -rf o && mkdir o &&
	run_cmd 0 "$modmetac" -o o big.modmeta && [ "$(ls o | wc -l)" -eq 600 ]
}
t big-input t_deep_input

# instructions N: the instructions modmetac executes on big_modmeta N
# (writing its outputs), as valgrind's callgrind counts them
instructions()
{
	big_modmeta "$1" > "big$1.modmeta" &&
	rm -rf "o$1" && mkdir "o$1" &&
	run_cmd 0 valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.$1" \
		"$modmetac" -o "o$1" "big$1.modmeta" &&
	sed -n 's/^summary: *\([0-9]*\)$/\1/p' "$work/callgrind.$1" | grep . ||
		{ echo "no instruction count from callgrind for $1 modules"; return 1; }
}

# No quadratic blowup: 4 times the modules, at most 6 times the
# instructions (linear is 4, quadratic 16).  Instructions, not time, so
# that a busy machine does not change the outcome.
t_big_scaling() {
	local n1 n4
	n1=$(instructions 50) && n4=$(instructions 200) || return 1
	echo "$n1 instructions for 50 modules, $n4 for 200: $((n4 * 100 / n1 / 100)).$((n4 * 100 / n1 % 100 / 10))$((n4 * 100 / n1 % 10)) times as many"
	[ $((n4 * 100)) -le $((n1 * 600)) ] ||
		{ echo "more than 6 times as many: not linear"; return 1; }
}
# valgrind cannot run a binary built with AddressSanitizer, nor does a
# wrapper script (valgrind.sh's) let callgrind see the tool's work: those
# runs skip this test, which the run of the plain build makes.
if ! command -v valgrind > /dev/null; then
	echo "valgrind is not installed (scripts/deps.sh installs it)" > "$work/scaling.log"
	fail "$label/big-input-scaling" "$work/scaling.log"
elif [ "$(head -c 4 "$modmetac" 2> /dev/null)" != "$(printf '\177ELF')" ]; then
	skip "$label/big-input-scaling" "$modmetac is not an ELF binary: callgrind would count the wrapper's instructions"
elif readelf -sW "$modmetac" 2> /dev/null | grep -q '__asan_init'; then
	skip "$label/big-input-scaling" "an AddressSanitizer build, which valgrind cannot run: the plain build's run measures the scaling"
else
	t big-input-scaling t_big_scaling
fi

summary "$label"
