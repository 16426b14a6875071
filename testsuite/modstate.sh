#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# modstate on a system image made in a temporary directory from the modules
# of kbuild.sh (build/kbuild/KVER: the golden cases' modules and stubcore,
# those of the first test kernel that has them, built here as kbuild.sh
# builds them if none has): the files of each state and their contents,
# the change from one state to another, idempotence, the initramfs hook,
# the query output, the refusals (exit status 1, nothing changed) and the
# usage errors (2).  Only --root is used: nothing is loaded, and the host's
# /etc is never written.
#
# Usage: modstate.sh [--modstate PATH] [--label NAME]
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

modstate=$top/modstate/modstate
label=modstate
while [ $# -gt 0 ]; do
	case "$1" in
	--modstate) modstate=$2; shift ;;
	--label) label=$2; shift ;;
	*) echo "usage: $0 [--modstate PATH] [--label NAME]" >&2; exit 2 ;;
	esac
	shift
done
case "$modstate" in /*) ;; *) modstate=$PWD/$modstate ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
test_files "$work"
log=$work/log
: > "$work/sanitizer"

# The modules of kbuild.sh: those of the first test kernel that has them,
# else those of the first test kernel, built here
if ! kver=$(kbuild_kernel "$log"); then
	fail "$label/modules" "$log"
	summary "$label"
	exit 1
fi
mods=$(kbuild_dir "$kver")/mods
stubcore=$(kbuild_dir "$kver")/stubcore/stubcore.ko

# make_root DIR KVER MODULE.ko...: a system image with these modules
make_root()
{
	local dir=$1 k=$2
	shift 2
	mkdir -p "$dir/lib/modules/$k/extra" "$dir/etc" || return 1
	cp "$@" "$dir/lib/modules/$k/extra/" || return 1
	depmod -b "$dir" "$k" 2> /dev/null
}

root=$work/root
etc=$root/etc
if ! make_root "$root" "$kver" "$mods"/*.ko "$stubcore" > "$log" 2>&1; then
	fail "$label/image" "$log"
	summary "$label"
	exit 1
fi
# the administrator's own files, which modstate must leave alone
mkdir -p "$etc/initramfs-tools/hooks" "$etc/modprobe.d" "$etc/modules-load.d"
cat > "$etc/initramfs-tools/modules" << 'EOF'
# List of modules that you want to include in your initramfs.
raid1
frob_stub
EOF
echo "options frob debug=1" > "$etc/modprobe.d/local.conf"
echo "loop" > "$etc/modules-load.d/local.conf"
printf '#!/bin/sh\nexit 0\n' > "$etc/initramfs-tools/hooks/local"
chmod 755 "$etc/initramfs-tools/hooks/local"
admin_sums=$(cd "$etc" && md5sum initramfs-tools/modules modprobe.d/local.conf \
	modules-load.d/local.conf initramfs-tools/hooks/local)

# run_modstate STATUS ARG...: modstate ARG... exits STATUS (run_cmd: its
# output in $RUN_OUT and $RUN_ERR); a sanitizer report is kept for the
# test "no sanitizer report"
run_modstate()
{
	local status=$1 rc
	shift
	run_cmd "$status" "$modstate" "$@"
	rc=$?
	if sanitizer_report "$RUN_ERR"; then
		{ echo "modstate $*:"; cat "$RUN_ERR"; } >> "$work/sanitizer"
	fi
	return $rc
}

# ms STATUS ARG...: run_modstate on the image $root
ms()
{
	run_modstate "$1" --root "$root" "${@:2}"
}

# outcome STATUS ERR-REGEX ARG...: run_modstate exits STATUS, and its
# standard error matches ERR-REGEX ('': is empty)
outcome()
{
	run_modstate "$1" "${@:3}" || return 1
	if [ -n "$2" ]; then has_line "$RUN_ERR" "$2"; else is_empty "$RUN_ERR"; fi
}

# expect_at ROOT NAME STATUS ERR-REGEX ARG...: the test $label/NAME that
# modstate ARG... on the image ROOT has that outcome; expect NAME...: on
# the image $root
expect_at()
{
	test_case "$label/$2" outcome "$3" "$4" --root "$1" "${@:5}"
}
expect() { expect_at "$root" "$@"; }

# query NAME ARG...: the test $label/NAME that modstate ARG... on the image
# exits 0 and prints the standard input
query_prints() { ms 0 "$@" < /dev/null && same_as "$RUN_OUT"; }
query()
{
	test_case "$label/$1" query_prints "${@:2}"
}

# snap: every file under the image's /etc, with mode, inode, time and sum
snap()
{
	find "$etc" -printf '%p %m %i %T@\n' | sort
	find "$etc" -type f -exec md5sum {} + | sort
}

# exist NAME PATH... / absent NAME PATH...: the test $label/NAME that
# each PATH is a file / does not exist
files_exist()
{
	local f rc=0
	for f in "$@"; do
		[ -f "$f" ] || { echo "missing: $f"; rc=1; }
	done
	return $rc
}
files_absent()
{
	local f rc=0
	for f in "$@"; do
		[ -e "$f" ] && { echo "should not exist: $f"; rc=1; }
	done
	return $rc
}
exist() { test_case "$label/$1" files_exist "${@:2}"; }
absent() { test_case "$label/$1" files_absent "${@:2}"; }

# unchanged NAME BEFORE: the test $label/NAME that the image's /etc is as
# snapshot BEFORE
unchanged_since() { snap > "$work/now"; diff -u "$1" "$work/now"; }
unchanged()
{
	test_case "$label/$1" unchanged_since "$2"
}

load() { echo "$etc/modules-load.d/modstub-$1.conf"; }
probe() { echo "$etc/modprobe.d/modstub-$1.conf"; }
hook() { echo "$etc/initramfs-tools/hooks/modstub-$1"; }

# header NAME STATE: the comment every file of modstate starts with
header()
{
	echo "# Managed by modstate(8): $1 is in state $2."
	echo "# Do not edit: run \"modstate $1=STATE\" to change it."
}

## queries of modules with no state yet

expect "query unset" 0 '' frob
same_file "$label/query unset output" "$RUN_OUT" << EOF
frob: unset
  states:     loaded auto
  loadtimes:  run_load
  stubmodule: frob_stub
  initramfs:  no
  files:      none
EOF

# autoclean: the delay and the veto of its .modmeta
expect "query autoclean" 0 '' g_autoclean g_autoclean_default
same_file "$label/query autoclean output" "$RUN_OUT" << EOF
g_autoclean: unset
  states:     unused loaded auto
  loadtimes:  run_load
  stubmodule: g_autoclean_stub
  autoclean:  after 90000 ms idle, if a stub loaded it; veto g_autoclean_veto
  initramfs:  no
  files:      none
g_autoclean_default: unset
  states:     unused loaded auto
  loadtimes:  run_load
  stubmodule: g_autoclean_default_stub
  autoclean:  after 30000 ms idle, if a stub loaded it
  initramfs:  no
  files:      none
EOF

# no states field in its .modmeta: modmetac's default
expect "query several" 0 '' g_default_states g_minimal foo_stub frob_stub
same_file "$label/query several output" "$RUN_OUT" << EOF
g_default_states: unset
  states:     unused loaded auto
  loadtimes:  run_load
  stubmodule: g_default_states_stub
  initramfs:  no
  files:      none
g_minimal: unset
  states:     unused loaded
  loadtimes:  run_load
  initramfs:  no
  files:      none
foo_stub: unset
  states:     loaded static
  loadtimes:  early_boot_load
  initramfs:  no
  files:      none
frob_stub: unset
  states:     loaded
  loadtimes:  run_load
  realmodule: frob (this is its stub module; its state follows that of frob)
  initramfs:  no
  files:      none
EOF

## auto, loaded, unused, and back

expect "frob=auto" 0 '' frob=auto
{ header frob auto; echo frob_stub; } > "$work/want"
same_file "$label/frob=auto modules-load.d" "$(load frob)" < "$work/want"
absent "frob=auto nothing else" "$(probe frob)" "$(hook frob)"

query "query auto" frob << EOF
frob: auto
  states:     loaded auto
  loadtimes:  run_load
  stubmodule: frob_stub
  initramfs:  no
  files:      $(load frob)
EOF

snap > "$work/before"
expect "frob=auto again" 0 '' -v frob=auto
unchanged "frob=auto again changes nothing" "$work/before"
same_file "$label/frob=auto again -v says nothing" "$RUN_OUT" < /dev/null

expect "frob=loaded" 0 '' -v frob=loaded
same_file "$label/frob=loaded -v output" "$RUN_OUT" << EOF
frob: wrote $(load frob)
EOF
{ header frob loaded; echo frob; } > "$work/want"
same_file "$label/frob=loaded modules-load.d" "$(load frob)" < "$work/want"
absent "frob=loaded nothing else" "$(probe frob)" "$(hook frob)"

expect "g_default_states=auto" 0 '' g_default_states=auto
{ header g_default_states auto; echo g_default_states_stub; } > "$work/want"
same_file "$label/g_default_states=auto modules-load.d" "$(load g_default_states)" < "$work/want"

expect "g_default_states=unused" 0 '' -v g_default_states=unused
{ header g_default_states unused
  echo "# Refuse to load g_default_states, also on a call through its stub module."
  echo "install g_default_states /bin/false"; } > "$work/want"
same_file "$label/g_default_states=unused modprobe.d" "$(probe g_default_states)" < "$work/want"
absent "g_default_states=unused removes modules-load.d" "$(load g_default_states)"
same_file "$label/g_default_states=unused -v output" "$RUN_OUT" << EOF
g_default_states: wrote $(probe g_default_states)
g_default_states: removed $(load g_default_states)
EOF

query "query unused" g_default_states << EOF
g_default_states: unused
  states:     unused loaded auto
  loadtimes:  run_load
  stubmodule: g_default_states_stub
  initramfs:  no
  files:      $(probe g_default_states)
EOF

snap > "$work/before"
expect "g_default_states=unused again" 0 '' g_default_states=unused
unchanged "g_default_states=unused again changes nothing" "$work/before"

expect "g_default_states unused to loaded" 0 '' g_default_states=loaded
{ header g_default_states loaded; echo g_default_states; } > "$work/want"
same_file "$label/g_default_states=loaded modules-load.d" "$(load g_default_states)" < "$work/want"
absent "g_default_states=loaded removes modprobe.d" "$(probe g_default_states)"

# a name with '-' is the same module, and the files use '_'
expect "g-minimal=unused" 0 '' g-minimal=unused
exist "g-minimal=unused writes modstub-g_minimal.conf" "$(probe g_minimal)"

## early_boot_load: the initramfs hook

expect "g_all_fields=auto" 0 "^modstate: note: the initramfs configuration changed: rebuild the initramfs (update-initramfs -u" g_all_fields=auto
{ header g_all_fields auto; echo g_all_fields_stub; } > "$work/want"
same_file "$label/g_all_fields=auto modules-load.d" "$(load g_all_fields)" < "$work/want"
{ echo "#!/bin/sh"; header g_all_fields auto; cat << 'EOF'
# g_all_fields may be loaded from the initramfs (early_boot_load).
PREREQ=""
prereqs()
{
	echo "$PREREQ"
}
case "$1" in
prereqs)
	prereqs
	exit 0
	;;
esac

. /usr/share/initramfs-tools/hook-functions

# only for the kernels that have the module
modinfo -k "${version}" g_all_fields_stub > /dev/null 2>&1 || exit 0
force_load g_all_fields_stub
manual_add_modules g_all_fields
exit 0
EOF
} > "$work/want"
same_file "$label/g_all_fields=auto hook" "$(hook g_all_fields)" < "$work/want"
hook_is_script() { [ -x "$1" ] && sh -n "$1" || { ls -l "$1"; return 1; }; }
test_case "$label/hook is an executable shell script" hook_is_script "$(hook g_all_fields)"

# run the hook as mkinitramfs does, with stand-ins for hook-functions and
# modinfo: runhook EXPECTED-OUTPUT [MODINFO-STATUS]
mkdir -p "$work/bin"
printf '#!/bin/sh\nexit ${FAKE_MODINFO:-0}\n' > "$work/bin/modinfo"
chmod 755 "$work/bin/modinfo"
cat > "$work/hook-functions" << 'EOF'
force_load() { echo "force_load $*"; }
manual_add_modules() { echo "manual_add_modules $*"; }
EOF
runhook()
{
	local rc=0
	sed "s|^\. /usr/share/initramfs-tools/hook-functions\$|. $work/hook-functions|" \
		"$(hook g_all_fields)" > "$work/hook"
	(cd "$work" && PATH=$work/bin:$PATH FAKE_MODINFO=${2:-0} version=$kver \
		sh ./hook > "$work/hook.out" 2>&1) || { echo "exit status $?"; rc=1; }
	if [ -n "$1" ]; then printf '%s\n' "$1"; fi |
		diff -u - "$work/hook.out" || rc=1
	return $rc
}
test_case "$label/hook run: loads the stub module, holds the module" \
	runhook "$(printf 'force_load g_all_fields_stub\nmanual_add_modules g_all_fields\n')"
test_case "$label/hook run: nothing for a kernel without the module" runhook "" 1
# hook_prereqs HOOK: "HOOK prereqs" exits 0 and prints nothing but blank lines
hook_prereqs()
{
	run_cmd 0 sh "$1" prereqs || return 1
	[ -z "$(cat "$RUN_OUT" "$RUN_ERR")" ] && return 0
	echo "it printed:"
	cat "$RUN_OUT" "$RUN_ERR"
	return 1
}
test_case "$label/hook prereqs" hook_prereqs "$(hook g_all_fields)"

query "query with initramfs" g_all_fields << EOF
g_all_fields: auto
  states:     unused static loaded auto
  loadtimes:  early_boot_load boot_load run_load
  stubmodule: g_all_fields_stub
  initramfs:  yes
  files:      $(load g_all_fields) $(hook g_all_fields)
EOF

snap > "$work/before"
expect "g_all_fields=auto again: no note" 0 '' g_all_fields=auto
unchanged "g_all_fields=auto again changes nothing" "$work/before"

expect "g_all_fields=loaded" 0 "note: the initramfs configuration changed" g_all_fields=loaded
hook_loads() { has_line "$1" '^force_load g_all_fields$' && lacks_line "$1" 'manual_add_modules\|_stub'; }
test_case "$label/g_all_fields=loaded hook loads the module" hook_loads "$(hook g_all_fields)"

expect "g_all_fields=unused" 0 "note: the initramfs configuration changed" g_all_fields=unused
absent "g_all_fields=unused removes the hook and modules-load.d" \
	"$(hook g_all_fields)" "$(load g_all_fields)"
exist "g_all_fields=unused writes modprobe.d" "$(probe g_all_fields)"

# the HP-UX example: no stub module, loaded static, early_boot_load
expect "foo_stub=loaded" 0 "note: the initramfs configuration changed" foo_stub=loaded
{ header foo_stub loaded; echo foo_stub; } > "$work/want"
same_file "$label/foo_stub=loaded modules-load.d" "$(load foo_stub)" < "$work/want"
test_case "$label/foo_stub=loaded hook" has_line "$(hook foo_stub)" '^force_load foo_stub$'

## files changed by hand

echo "frob" >> "$(load frob)"
expect "query of a file changed by hand" 0 '' frob
says_unknown()
{
	head -1 "$RUN_OUT" | grep -qx 'frob: unknown' ||
		{ echo "its first line is not 'frob: unknown':"; cat "$RUN_OUT"; return 1; }
	has_line "$RUN_OUT" '^  note: '
}
test_case "$label/query of a file changed by hand says unknown" says_unknown
# sets ARG FILE: modstate ARG on the image exits 0, and FILE holds the
# standard input
sets() { ms 0 "$1" < /dev/null && same_as "$2"; }
{ header frob loaded; echo frob; } > "$work/want"
test_case "$label/setting the state rewrites it" sets frob=loaded "$(load frob)" < "$work/want"

## refusals: exit status 1, a clear message, nothing changed

# refuse NAME ERR-REGEX ARG...
refuse()
{
	local n=$1 re=$2
	shift 2
	snap > "$work/before"
	expect "$n" 1 "$re" "$@" && unchanged "$n: nothing changed" "$work/before"
}
refuse "refused: state not listed" \
	"^modstate: error: frob: state unused is not allowed: its modmeta_states allows only: loaded auto\$" frob=unused
refuse "refused: static not listed" \
	"^modstate: error: g_minimal: state static is not allowed: its modmeta_states allows only: unused loaded\$" g_minimal=static
refuse "refused: static" \
	"^modstate: error: g_all_fields: state static needs a kernel rebuild: an out-of-tree module cannot be built into the kernel" \
	g_all_fields=static
refuse "refused: static, listed" "^modstate: error: foo_stub: state static needs a kernel rebuild" foo_stub=static
refuse "refused: auto without a stub module" \
	"^modstate: error: g_minimal: state auto is not allowed" g_minimal=auto
refuse "refused: unknown module" "^modstate: error: nosuch: no such module in $root/lib/modules/$kver\$" nosuch=loaded
refuse "refused: unknown module, query" "^modstate: error: nosuch: no such module" nosuch
refuse "refused: no metadata" "^modstate: error: stubcore: no modmeta metadata" stubcore=loaded
refuse "refused: no metadata, query" "^modstate: error: stubcore: no modmeta metadata" stubcore
refuse "refused: a stub module" \
	"^modstate: error: frob_stub: this is the stub module of frob, whose state decides whether it is loaded: set the state of frob\$" \
	frob_stub=loaded
# one refused argument: the others are not changed either
refuse "refused: all or nothing" "^modstate: error: frob: state unused" g_minimal=loaded frob=unused
one_error()
{
	[ "$(grep -c '^modstate: error: ' "$RUN_ERR")" -eq 1 ] && return 0
	echo "not one error line:"
	cat "$RUN_ERR"
	return 1
}
test_case "$label/one line per error" one_error

## usage errors: exit status 2, nothing changed

# usage NAME ERR-REGEX ARG...
usage()
{
	local n=$1 re=$2
	shift 2
	snap > "$work/before"
	expect "usage: $n" 2 "$re" "$@" && unchanged "usage: $n: nothing changed" "$work/before"
}
usage "bad name" "^modstate: error: fr/ob=loaded: not a module name" fr/ob=loaded
usage "empty name" "not a module name" =auto
usage "name too long" "not a module name" "$(printf 'a%.0s' $(seq 56))"
usage "no state" "^modstate: error: frob=: unknown state" frob=
usage "unknown state" "^modstate: error: frob=bogus: unknown state (unused, static, loaded, auto or user)" frob=bogus
usage "given twice" "^modstate: error: frob: given twice" frob=auto frob=loaded
usage "no module" "^modstate: error: no module given" -v
usage "unknown option" "^modstate: error: unknown option '--bogus'" --bogus frob
usage "-k without argument" "^modstate: error: option '-k' needs an argument$" frob -k
usage "bad -k" "^modstate: error: \.\./x: not a kernel release (-k)\$" -k ../x frob
usage "control characters shown as ?" "^modstate: error: a?b: not a module name" "$(printf 'a\033b')"
test_case "$label/usage: --root without argument" outcome 2 \
	"^modstate: error: option '--root' needs an argument$" --root

## --dry-run

snap > "$work/before"
expect "dry run, refused" 1 "frob: state unused is not allowed" -n g_allman=auto g_all_fields=auto frob=unused
expect "dry run" 0 '' -n g_allman=auto g_all_fields=auto g_minimal=loaded
unchanged "dry run writes nothing" "$work/before"
same_file "$label/dry run output" "$RUN_OUT" << EOF
g_allman: would write $(load g_allman)
g_all_fields: would write $(load g_all_fields)
g_all_fields: would write $(hook g_all_fields)
g_all_fields: would remove $(probe g_all_fields)
g_minimal: would write $(load g_minimal)
g_minimal: would remove $(probe g_minimal)
EOF

## the administrator's files are as they were

admin_files() { cd "$etc" && md5sum initramfs-tools/modules modprobe.d/local.conf \
	modules-load.d/local.conf initramfs-tools/hooks/local; }
test_case "$label/other files untouched" same_as <(admin_files) <<< "$admin_sums"
# each file of modstate starts with its header and is named modstub-*
modstate_files_say_so()
{
	local f rc=0
	for f in "$etc"/*/* "$etc"/*/*/*; do
		[ -f "$f" ] || continue
		case "$f" in */local|*/local.conf|*/initramfs-tools/modules) continue ;; esac
		head -3 "$f" | grep -q '^# Managed by modstate(8): ' ||
			{ echo "no header: $f"; rc=1; }
		case "$(basename "$f")" in modstub-*) ;; *) echo "not modstub-*: $f"; rc=1 ;; esac
	done
	return $rc
}
test_case "$label/every file of modstate says so" modstate_files_say_so
no_dot_files() { find "$etc" -name '.*' > "$work/dot" && is_empty "$work/dot"; }
test_case "$label/no temporary file left" no_dot_files

## no initramfs-tools in the image

root3=$work/root3
if make_root "$root3" "$kver" "$mods"/g_all_fields*.ko > "$log" 2>&1; then
	expect_at "$root3/" "no initramfs-tools: warning" 0 \
		"^modstate: warning: g_all_fields: it may be loaded from the initramfs (early_boot_load), but there is no $root3/etc/initramfs-tools" \
		g_all_fields=auto
	exist "no initramfs-tools: modules-load.d written" "$root3/etc/modules-load.d/modstub-g_all_fields.conf"
	absent "no initramfs-tools: no hook" "$root3/etc/initramfs-tools"
else
	fail "$label/image without initramfs-tools" "$log"
fi

## kernel selection

root2=$work/root2
other=0.0.0-modstate-test
if make_root "$root2" "$kver" "$mods"/frob*.ko > "$log" 2>&1 &&
   make_root "$root2" "$other" "$mods"/g_minimal.ko > "$log" 2>&1; then
	expect_at "$root2" "-k needed with two kernels" 2 "^modstate: error: $root2/lib/modules: 2 kernels there: give one with -k\$" frob
	expect_at "$root2" "-k $kver" 0 '' -k "$kver" frob
	expect_at "$root2" "--kernel $other" 0 '' --kernel "$other" g_minimal
	expect_at "$root2" "-k: the modules of that kernel" 1 "^modstate: error: frob: no such module in $root2/lib/modules/$other\$" -k "$other" frob
	expect_at "$root2" "-k: no such kernel" 1 "^modstate: error: $root2/lib/modules/9.9.9: no such directory" -k 9.9.9 frob
	rm "$root2/lib/modules/$other/modules.dep"
	expect_at "$root2" "no modules.dep" 1 "modules.dep: .*(run depmod -b $root2 $other)" -k "$other" g_minimal
else
	fail "$label/image with two kernels" "$log"
fi
mkdir -p "$work/empty/lib/modules"
expect_at "$work/empty" "no kernel in the image" 1 "^modstate: error: $work/empty/lib/modules: no kernel there\$" frob
expect_at "$work/nonexistent" "--root: no such directory" 1 "^modstate: error: $work/nonexistent: not a directory\$" frob

## bad metadata: copies of frob.ko whose .modinfo is edited by a sed -z
## script (one NUL-terminated key=value per record)

broot=$work/badroot
bdir=$broot/lib/modules/$kver/extra
mkdir -p "$bdir" "$broot/etc"
objcopy -O binary --only-section=.modinfo "$mods/frob.ko" "$work/modinfo"
# badmod NAME SED-SCRIPT
badmod()
{
	sed -z "$2" "$work/modinfo" > "$work/modinfo.new" &&
	objcopy --update-section .modinfo="$work/modinfo.new" \
		"$mods/frob.ko" "$bdir/$1.ko"
}
: > "$log"
{
	badmod b_stubname 's|^modmeta_stubmodule=.*|modmeta_stubmodule=../../x|' &&
	badmod b_nostates 's|^modmeta_states=.*|modmeta_states=|' &&
	badmod b_words "s|^modmeta_states=.*|modmeta_states= loaded\\x1b[31m  auto x |;s|^modmeta_loadtimes=.*|modmeta_loadtimes=whenever|" &&
	badmod b_nostub 's|^modmeta_stubmodule=.*|modmeta_stubmodule=nosuch_stub|' &&
	badmod b_self 's|^modmeta_stubmodule=.*|modmeta_stubmodule=b_self|' &&
	badmod b_nostubfield '/^modmeta_stubmodule=/d' &&
	badmod b_long "s|^modmeta_states=.*|modmeta_states=$(printf 'x%.0s' $(seq 5000)) loaded|" &&
	badmod b_truncated '' &&
	cp "$mods/frob_stub.ko" "$bdir/" &&
	depmod -b "$broot" "$kver" 2> /dev/null &&
	head -c 1000 "$mods/frob.ko" > "$bdir/b_truncated.ko"
} >> "$log" 2>&1 || fail "$label/image with bad metadata" "$log"
root=$broot
etc=$broot/etc
refuse "bad metadata: stub module name" \
	'^modstate: error: b_stubname: bad modmeta_stubmodule "../../x" in its .modinfo: not a module name$' b_stubname
refuse "bad metadata: no state" \
	'^modstate: error: b_nostates: state loaded is not allowed: its modmeta_states allows only: (none)$' b_nostates=loaded
expect "bad metadata: unknown words ignored" 0 '' b_words=auto
query "bad metadata: query output shows no control character" b_words << EOF
b_words: auto
  states:      loaded?[31m  auto x 
  loadtimes:  whenever
  stubmodule: frob_stub
  initramfs:  no
  files:      $(load b_words)
EOF
refuse "bad metadata: stub module not there" \
	"^modstate: error: b_nostub: state auto needs its stub module nosuch_stub, which is not in $broot/lib/modules/$kver\$" b_nostub=auto
refuse "bad metadata: its own stub module" "^modstate: error: b_self: bad modmeta metadata" b_self
refuse "bad metadata: auto without a stub module" \
	'^modstate: error: b_nostubfield: state auto needs a stub module, and its metadata names none' b_nostubfield=auto
expect "bad metadata: long states" 0 '' b_long=loaded
expect "bad metadata: long states, refused" 1 '^modstate: error: b_long: state auto is not allowed: its modmeta_states allows only: xxxxx*\.\.\.$' b_long=auto
refuse "bad metadata: truncated module" "^modstate: error: b_truncated: cannot read .*/b_truncated.ko: " b_truncated=loaded

## user: udrvd runs the module's user-space build for its PCI IDs; frob
## again, with the state user and a PCI device table (u_pci: two IDs, one
## twice, and an entry by class only, which selects no ID), or without
## one (u_nopci)

{
	printf 'alias=pci:v00001234d000011E8sv*sd*bc*sc*i*\0alias=pci:v00001234d000011E9sv00001AF4sd*bc*sc*i*\0alias=pci:v00001234d000011E8sv*sd*bc02sc*i*\0alias=pci:v*d*sv*sd*bc03sc*i*\0' > "$work/aliases" &&
	badmod u_pci "s|^modmeta_states=.*|modmeta_states=unused loaded user|" &&
	cat "$work/modinfo.new" "$work/aliases" > "$work/modinfo.pci" &&
	objcopy --update-section .modinfo="$work/modinfo.pci" "$bdir/u_pci.ko" &&
	badmod u_nopci "s|^modmeta_states=.*|modmeta_states=unused loaded user|" &&
	depmod -b "$broot" "$kver" 2> /dev/null
} > "$log" 2>&1 || fail "$label/image with user modules" "$log"
refuse "user: no user-space build installed" \
	"^modstate: error: u_pci: state user needs its user-space build u_pci-user (udrv(7)), which is neither in $broot/usr/lib/modstub/udrv nor in $broot/usr/local/lib/modstub/udrv\$" u_pci=user
mkdir -p "$broot/usr/local/lib/modstub/udrv" "$broot/usr/lib/modstub/udrv"
printf '#!/bin/sh\n' > "$broot/usr/local/lib/modstub/udrv/u_pci-user"
chmod 755 "$broot/usr/local/lib/modstub/udrv/u_pci-user"
cp "$broot/usr/local/lib/modstub/udrv/u_pci-user" "$broot/usr/lib/modstub/udrv/u_nopci-user"
refuse "user: no PCI device table" \
	"^modstate: error: u_nopci: state user needs a PCI device table (MODULE_DEVICE_TABLE(pci, ...)) for udrvd to select its devices by: it has none\$" u_nopci=user
refuse "user: not among the states" \
	"^modstate: error: b_nostub: state user is not allowed: its modmeta_states allows only: loaded auto\$" b_nostub=user
expect "u_pci=user" 0 '' u_pci=user
udrvd_rules=$etc/modstub/udrv.d/modstub-u_pci.conf
{ header u_pci user; cat << EOF
# udrv.conf(5): each PCI ID of u_pci's device table.
driver 1234:11e8 /usr/local/lib/modstub/udrv/u_pci-user
driver 1234:11e9 /usr/local/lib/modstub/udrv/u_pci-user
EOF
} > "$work/want"
same_file "$label/u_pci=user: the rules of udrvd, one per ID" "$udrvd_rules" < "$work/want"
{ header u_pci user; cat << EOF
# udrvd(8) runs u_pci in user space for its devices: the kernel's
# build is not loaded for them.
blacklist u_pci
EOF
} > "$work/want"
same_file "$label/u_pci=user: modprobe.d blacklists the kernel's build" "$(probe u_pci)" < "$work/want"
absent "u_pci=user: nothing loaded at boot" "$(load u_pci)"
query "query user" u_pci << EOF
u_pci: user
  states:     unused loaded user
  loadtimes:  run_load
  stubmodule: frob_stub
  userbuild:  /usr/local/lib/modstub/udrv/u_pci-user
  initramfs:  no
  files:      $(probe u_pci) $udrvd_rules
EOF
t_udrvd_reads()
{
	run_cmd 0 "$top/udrvd/udrvd" -c /dev/null -d "$etc/modstub/udrv.d" check &&
		is_empty "$RUN_ERR" && has_line "$RUN_OUT" "^heartbeat "
}
test_case "$label/u_pci=user: udrvd reads the rules" t_udrvd_reads
snap > "$work/before"
expect "u_pci=user again" 0 '' u_pci=user
unchanged "u_pci=user again changes nothing" "$work/before"
expect "u_pci=loaded" 0 '' u_pci=loaded
absent "u_pci=loaded: no rule of udrvd, no blacklist" "$udrvd_rules" "$(probe u_pci)"
exist "u_pci=loaded: loaded at boot" "$(load u_pci)"
root=$work/root
etc=$root/etc

## --help, --version

t_help() { run_modstate 0 --help && is_empty "$RUN_ERR" && has_line "$RUN_OUT" '^Usage: modstate '; }
test_case "$label/--help" t_help
version=$(make -s --no-print-directory -C "$top" version)
t_version() { run_modstate 0 --version && echo "modstate $version" | same_as "$RUN_OUT"; }
test_case "$label/--version" t_version

test_case "$label/no sanitizer report" is_empty "$work/sanitizer"

summary "$label"
