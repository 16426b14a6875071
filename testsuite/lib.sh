# SPDX-License-Identifier: GPL-2.0
#
# Shared by the test scripts: pass/fail accounting.  Each script sources this,
# reports with pass/fail, and ends with "summary", which prints its own
# "N passed, N failed" line and appends the counts to $RESULTS (if set) for
# run.sh to add up.

TESTS_PASSED=0
TESTS_FAILED=0
TESTS_SKIPPED=0

pass()
{
	TESTS_PASSED=$((TESTS_PASSED + 1))
	printf 'PASS %s\n' "$1"
}

# fail NAME [DETAILS-FILE]
fail()
{
	TESTS_FAILED=$((TESTS_FAILED + 1))
	printf 'FAIL %s\n' "$1"
	if [ -n "$2" ] && [ -s "$2" ]; then
		sed 's/^/    | /' "$2"
	fi
}

skip()
{
	TESTS_SKIPPED=$((TESTS_SKIPPED + 1))
	printf 'SKIP %s (%s)\n' "$1" "$2"
}

summary()
{
	printf '%s: %d passed, %d failed' "$1" "$TESTS_PASSED" "$TESTS_FAILED"
	[ "$TESTS_SKIPPED" -gt 0 ] && printf ', %d skipped' "$TESTS_SKIPPED"
	printf '\n'
	if [ -n "${RESULTS:-}" ]; then
		echo "$TESTS_PASSED $TESTS_FAILED $TESTS_SKIPPED" >> "$RESULTS"
	fi
	[ "$TESTS_FAILED" -eq 0 ]
}

# The kernels to build against: every installed one with headers, of the
# series the project supports (6.1 and 6.12 on Debian 12).
test_kernels()
{
	for d in /lib/modules/*/build; do
		[ -f "$d/Makefile" ] || continue
		k=${d%/build}
		k=${k#/lib/modules/}
		case "$k" in
		6.1.*|6.12.*) echo "$k" ;;
		esac
	done
}
