#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The documentation: man pages render without warnings and carry the
# project's version, and every check of modmetac is documented in
# modmetac(1).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

log=$(mktemp)
trap 'rm -f "$log" "$log.case"' EXIT
TEST_LOG=$log.case
version=$(make -s --no-print-directory -C "$top" version)

for page in "$top"/doc/*.[1-9]; do
	name=docs/$(basename "$page")
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2> "$log" > /dev/null
	if [ $? -eq 0 ] && [ ! -s "$log" ]; then
		pass "$name renders"
	else
		fail "$name renders" "$log"
	fi
	# the .TH line names the project's one version (debian/changelog)
	test_case "$name: version $version" grep -q "^\.TH .* \"modstub $version\" " "$page"
done

: > "$log"
for c in $("$top"/modmetac/modmetac --list-checks | awk '{ print $1 }'); do
	grep -q "^\.B $c\$" "$top/doc/modmetac.1" || echo "check $c is not in modmetac(1)" >> "$log"
done
if [ -s "$log" ]; then fail "docs/checks documented" "$log"; else pass "docs/checks documented"; fi

: > "$log"
for opt in $("$top"/modmetac/modmetac --help | grep -o -- ' --*[a-zA-Z][a-z-]*' | sort -u); do
	grep -q -- "$(echo "$opt" | sed 's/-/\\\\-/g')" "$top/doc/modmetac.1" ||
		echo "option $opt of --help is not in modmetac(1)" >> "$log"
done
if [ -s "$log" ]; then fail "docs/options documented" "$log"; else pass "docs/options documented"; fi

summary docs
