#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# modstate on a system image made in a temporary directory from the modules
# the Kbuild test built (run kbuild.sh first): the files of each state and
# their contents, the change from one state to another, idempotence, the
# initramfs hook, the query output, the refusals (exit status 1, nothing
# changed) and the usage errors (2).  Only --root is used: nothing is loaded,
# and the host's /etc is never written.
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
log=$work/log
: > "$work/sanitizer"

# The first test kernel the Kbuild test built the modules for
kver=
for k in $(test_kernels); do
	if [ -f "$top/build/kbuild/$k/mods/frob.ko" ] &&
	   [ -f "$top/build/kbuild/$k/stubcore/stubcore.ko" ]; then
		kver=$k
		break
	fi
done
if [ -z "$kver" ]; then
	echo "no modules under build/kbuild/KVER/mods for any test kernel ($(test_kernels | tr '\n' ' ')): run testsuite/kbuild.sh first" > "$log"
	fail "$label/modules" "$log"
	summary "$label"
	exit 1
fi
mods=$top/build/kbuild/$kver/mods

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
if ! make_root "$root" "$kver" "$mods"/*.ko \
		"$top/build/kbuild/$kver/stubcore/stubcore.ko" > "$log" 2>&1; then
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

# ms ARG...: run modstate on the image; $rc, $work/out, $work/err
ms()
{
	"$modstate" --root "$root" "$@" > "$work/out" 2> "$work/err"
	rc=$?
	if grep -q 'Sanitizer\|runtime error' "$work/err"; then
		{ echo "modstate $*:"; cat "$work/err"; } >> "$work/sanitizer"
	fi
}

# snap: every file under the image's /etc, with mode, inode, time and sum
snap()
{
	find "$etc" -printf '%p %m %i %T@\n' | sort
	find "$etc" -type f -exec md5sum {} + | sort
}

# expect NAME RC [ERR-REGEX]: the last run exited RC, and its standard
# error matches ERR-REGEX (or is empty); the two files are shown on failure
expect()
{
	: > "$log"
	[ "$rc" -eq "$2" ] || echo "exit status $rc, expected $2" >> "$log"
	if [ $# -ge 3 ]; then
		grep -q -- "$3" "$work/err" ||
			echo "standard error does not match: $3" >> "$log"
	elif [ -s "$work/err" ]; then
		echo "standard error not empty" >> "$log"
	fi
	if [ -s "$log" ]; then
		{ echo "--- stdout"; cat "$work/out"; echo "--- stderr"; cat "$work/err"; } >> "$log"
		fail "$label/$1" "$log"
		return 1
	fi
	pass "$label/$1"
}

# same NAME FILE: FILE's contents are standard input
same()
{
	if [ ! -f "$2" ]; then
		echo "no file $2" > "$log"
		fail "$label/$1" "$log"
	elif diff -u - "$2" > "$log" 2>&1; then
		pass "$label/$1"
	else
		fail "$label/$1" "$log"
	fi
}

# exist NAME PATH... / absent NAME PATH...
exist()
{
	local n=$1 f
	shift
	: > "$log"
	for f in "$@"; do
		[ -f "$f" ] || echo "missing: $f" >> "$log"
	done
	if [ -s "$log" ]; then fail "$label/$n" "$log"; else pass "$label/$n"; fi
}
absent()
{
	local n=$1 f
	shift
	: > "$log"
	for f in "$@"; do
		[ -e "$f" ] && echo "should not exist: $f" >> "$log"
	done
	if [ -s "$log" ]; then fail "$label/$n" "$log"; else pass "$label/$n"; fi
}

# unchanged NAME BEFORE: the image's /etc is as snapshot BEFORE
unchanged()
{
	if snap | diff -u "$2" - > "$log" 2>&1; then
		pass "$label/$1"
	else
		fail "$label/$1" "$log"
	fi
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

ms frob
expect "query unset" 0
same "query unset output" "$work/out" << EOF
frob: unset
  states:     loaded auto
  loadtimes:  run_load
  stubmodule: frob_stub
  initramfs:  no
  files:      none
EOF

# no states field in its .modmeta: modmetac's default
ms g_default_states g_minimal foo_stub frob_stub
expect "query several" 0
same "query several output" "$work/out" << EOF
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

ms frob=auto
expect "frob=auto" 0
{ header frob auto; echo frob_stub; } | same "frob=auto modules-load.d" "$(load frob)"
absent "frob=auto nothing else" "$(probe frob)" "$(hook frob)"

ms frob
same "query auto" "$work/out" << EOF
frob: auto
  states:     loaded auto
  loadtimes:  run_load
  stubmodule: frob_stub
  initramfs:  no
  files:      $(load frob)
EOF

snap > "$work/before"
ms -v frob=auto
expect "frob=auto again" 0
unchanged "frob=auto again changes nothing" "$work/before"
same "frob=auto again -v says nothing" "$work/out" < /dev/null

ms -v frob=loaded
expect "frob=loaded" 0
same "frob=loaded -v output" "$work/out" << EOF
frob: wrote $(load frob)
EOF
{ header frob loaded; echo frob; } | same "frob=loaded modules-load.d" "$(load frob)"
absent "frob=loaded nothing else" "$(probe frob)" "$(hook frob)"

ms g_default_states=auto
expect "g_default_states=auto" 0
{ header g_default_states auto; echo g_default_states_stub; } |
	same "g_default_states=auto modules-load.d" "$(load g_default_states)"

ms -v g_default_states=unused
expect "g_default_states=unused" 0
{ header g_default_states unused
  echo "# Refuse to load g_default_states, also on a call through its stub module."
  echo "install g_default_states /bin/false"; } |
	same "g_default_states=unused modprobe.d" "$(probe g_default_states)"
absent "g_default_states=unused removes modules-load.d" "$(load g_default_states)"
same "g_default_states=unused -v output" "$work/out" << EOF
g_default_states: wrote $(probe g_default_states)
g_default_states: removed $(load g_default_states)
EOF

ms g_default_states
same "query unused" "$work/out" << EOF
g_default_states: unused
  states:     unused loaded auto
  loadtimes:  run_load
  stubmodule: g_default_states_stub
  initramfs:  no
  files:      $(probe g_default_states)
EOF

snap > "$work/before"
ms g_default_states=unused
expect "g_default_states=unused again" 0
unchanged "g_default_states=unused again changes nothing" "$work/before"

ms g_default_states=loaded
expect "g_default_states unused to loaded" 0
{ header g_default_states loaded; echo g_default_states; } |
	same "g_default_states=loaded modules-load.d" "$(load g_default_states)"
absent "g_default_states=loaded removes modprobe.d" "$(probe g_default_states)"

# a name with '-' is the same module, and the files use '_'
ms g-minimal=unused
expect "g-minimal=unused" 0
exist "g-minimal=unused writes modstub-g_minimal.conf" "$(probe g_minimal)"

## early_boot_load: the initramfs hook

ms g_all_fields=auto
expect "g_all_fields=auto" 0 "^modstate: note: the initramfs configuration changed: rebuild the initramfs (update-initramfs -u"
{ header g_all_fields auto; echo g_all_fields_stub; } |
	same "g_all_fields=auto modules-load.d" "$(load g_all_fields)"
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
} | same "g_all_fields=auto hook" "$(hook g_all_fields)"
if [ -x "$(hook g_all_fields)" ] && sh -n "$(hook g_all_fields)" 2> "$log"; then
	pass "$label/hook is an executable shell script"
else
	ls -l "$(hook g_all_fields)" >> "$log" 2>&1
	fail "$label/hook is an executable shell script" "$log"
fi

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
	sed "s|^\. /usr/share/initramfs-tools/hook-functions\$|. $work/hook-functions|" \
		"$(hook g_all_fields)" > "$work/hook"
	: > "$log"
	(cd "$work" && PATH=$work/bin:$PATH FAKE_MODINFO=${2:-0} version=$kver \
		sh ./hook > "$work/hook.out" 2>&1) || echo "exit status $?" >> "$log"
	if [ -n "$1" ]; then printf '%s\n' "$1"; fi |
		diff -u - "$work/hook.out" >> "$log" 2>&1
	[ ! -s "$log" ]
}
if runhook "$(printf 'force_load g_all_fields_stub\nmanual_add_modules g_all_fields\n')"; then
	pass "$label/hook run: loads the stub module, holds the module"
else
	fail "$label/hook run: loads the stub module, holds the module" "$log"
fi
if runhook "" 1; then
	pass "$label/hook run: nothing for a kernel without the module"
else
	fail "$label/hook run: nothing for a kernel without the module" "$log"
fi
out=$(sh "$(hook g_all_fields)" prereqs 2>&1)
if [ $? -eq 0 ] && [ -z "$out" ]; then
	pass "$label/hook prereqs"
else
	echo "$out" > "$log"
	fail "$label/hook prereqs" "$log"
fi

ms g_all_fields
same "query with initramfs" "$work/out" << EOF
g_all_fields: auto
  states:     unused static loaded auto
  loadtimes:  early_boot_load boot_load run_load
  stubmodule: g_all_fields_stub
  initramfs:  yes
  files:      $(load g_all_fields) $(hook g_all_fields)
EOF

snap > "$work/before"
ms g_all_fields=auto
expect "g_all_fields=auto again: no note" 0
unchanged "g_all_fields=auto again changes nothing" "$work/before"

ms g_all_fields=loaded
expect "g_all_fields=loaded" 0 "note: the initramfs configuration changed"
if grep -q '^force_load g_all_fields$' "$(hook g_all_fields)" &&
   ! grep -q 'manual_add_modules\|_stub' "$(hook g_all_fields)"; then
	pass "$label/g_all_fields=loaded hook loads the module"
else
	fail "$label/g_all_fields=loaded hook loads the module" "$(hook g_all_fields)"
fi

ms g_all_fields=unused
expect "g_all_fields=unused" 0 "note: the initramfs configuration changed"
absent "g_all_fields=unused removes the hook and modules-load.d" \
	"$(hook g_all_fields)" "$(load g_all_fields)"
exist "g_all_fields=unused writes modprobe.d" "$(probe g_all_fields)"

# the HP-UX example: no stub module, loaded static, early_boot_load
ms foo_stub=loaded
expect "foo_stub=loaded" 0 "note: the initramfs configuration changed"
{ header foo_stub loaded; echo foo_stub; } | same "foo_stub=loaded modules-load.d" "$(load foo_stub)"
if grep -q '^force_load foo_stub$' "$(hook foo_stub)" 2> /dev/null; then
	pass "$label/foo_stub=loaded hook"
else
	fail "$label/foo_stub=loaded hook" /dev/null
fi

## files changed by hand

echo "frob" >> "$(load frob)"
ms frob
expect "query of a file changed by hand" 0
if head -1 "$work/out" | grep -qx 'frob: unknown' && grep -q '^  note: ' "$work/out"; then
	pass "$label/query of a file changed by hand says unknown"
else
	fail "$label/query of a file changed by hand says unknown" "$work/out"
fi
ms frob=loaded
{ header frob loaded; echo frob; } | same "setting the state rewrites it" "$(load frob)"

## refusals: exit status 1, a clear message, nothing changed

# refuse NAME ERR-REGEX ARG...
refuse()
{
	local n=$1 re=$2
	shift 2
	snap > "$work/before"
	ms "$@"
	expect "$n" 1 "$re" && unchanged "$n: nothing changed" "$work/before"
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
if [ "$(grep -c '^modstate: error: ' "$work/err")" -eq 1 ]; then
	pass "$label/one line per error"
else
	fail "$label/one line per error" "$work/err"
fi

## usage errors: exit status 2, nothing changed

# usage NAME ERR-REGEX ARG...
usage()
{
	local n=$1 re=$2
	shift 2
	snap > "$work/before"
	ms "$@"
	expect "usage: $n" 2 "$re" && unchanged "usage: $n: nothing changed" "$work/before"
}
usage "bad name" "^modstate: error: fr/ob=loaded: not a module name" fr/ob=loaded
usage "empty name" "not a module name" =auto
usage "name too long" "not a module name" "$(printf 'a%.0s' $(seq 56))"
usage "no state" "^modstate: error: frob=: unknown state" frob=
usage "unknown state" "^modstate: error: frob=bogus: unknown state (unused, static, loaded or auto)" frob=bogus
usage "given twice" "^modstate: error: frob: given twice" frob=auto frob=loaded
usage "no module" "^modstate: error: no module given" -v
usage "unknown option" "^modstate: error: unknown option '--bogus'" --bogus frob
usage "-k without argument" "^modstate: error: option '-k' needs an argument$" frob -k
usage "bad -k" "^modstate: error: \.\./x: not a kernel release (-k)\$" -k ../x frob
usage "control characters shown as ?" "^modstate: error: a?b: not a module name" "$(printf 'a\033b')"
"$modstate" --root > "$work/out" 2> "$work/err"
rc=$?
expect "usage: --root without argument" 2 "^modstate: error: option '--root' needs an argument$"

## --dry-run

snap > "$work/before"
ms -n g_allman=auto g_all_fields=auto frob=unused
expect "dry run, refused" 1 "frob: state unused is not allowed"
ms -n g_allman=auto g_all_fields=auto g_minimal=loaded
expect "dry run" 0
unchanged "dry run writes nothing" "$work/before"
same "dry run output" "$work/out" << EOF
g_allman: would write $(load g_allman)
g_all_fields: would write $(load g_all_fields)
g_all_fields: would write $(hook g_all_fields)
g_all_fields: would remove $(probe g_all_fields)
g_minimal: would write $(load g_minimal)
g_minimal: would remove $(probe g_minimal)
EOF

## the administrator's files are as they were

if [ "$(cd "$etc" && md5sum initramfs-tools/modules modprobe.d/local.conf \
	modules-load.d/local.conf initramfs-tools/hooks/local)" = "$admin_sums" ]; then
	pass "$label/other files untouched"
else
	fail "$label/other files untouched" /dev/null
fi
: > "$log"
for f in "$etc"/*/* "$etc"/*/*/*; do
	[ -f "$f" ] || continue
	case "$f" in */local|*/local.conf|*/initramfs-tools/modules) continue ;; esac
	head -3 "$f" | grep -q '^# Managed by modstate(8): ' || echo "$f" >> "$log"
	case "$(basename "$f")" in modstub-*) ;; *) echo "$f" >> "$log" ;; esac
done
if [ -s "$log" ]; then fail "$label/every file of modstate says so" "$log"; else pass "$label/every file of modstate says so"; fi
if find "$etc" -name '.*' | grep -q .; then
	find "$etc" -name '.*' > "$log"
	fail "$label/no temporary file left" "$log"
else
	pass "$label/no temporary file left"
fi

## no initramfs-tools in the image

root3=$work/root3
if make_root "$root3" "$kver" "$mods"/g_all_fields*.ko > "$log" 2>&1; then
	"$modstate" --root "$root3/" g_all_fields=auto > "$work/out" 2> "$work/err"
	rc=$?
	expect "no initramfs-tools: warning" 0 \
		"^modstate: warning: g_all_fields: it may be loaded from the initramfs (early_boot_load), but there is no $root3/etc/initramfs-tools"
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
	"$modstate" --root "$root2" frob > "$work/out" 2> "$work/err"
	rc=$?
	expect "-k needed with two kernels" 2 "^modstate: error: $root2/lib/modules: 2 kernels there: give one with -k\$"
	"$modstate" --root "$root2" -k "$kver" frob > "$work/out" 2> "$work/err"
	rc=$?
	expect "-k $kver" 0
	"$modstate" --root "$root2" --kernel "$other" g_minimal > "$work/out" 2> "$work/err"
	rc=$?
	expect "--kernel $other" 0
	"$modstate" --root "$root2" -k "$other" frob > "$work/out" 2> "$work/err"
	rc=$?
	expect "-k: the modules of that kernel" 1 "^modstate: error: frob: no such module in $root2/lib/modules/$other\$"
	"$modstate" --root "$root2" -k 9.9.9 frob > "$work/out" 2> "$work/err"
	rc=$?
	expect "-k: no such kernel" 1 "^modstate: error: $root2/lib/modules/9.9.9: no such directory"
	rm "$root2/lib/modules/$other/modules.dep"
	"$modstate" --root "$root2" -k "$other" g_minimal > "$work/out" 2> "$work/err"
	rc=$?
	expect "no modules.dep" 1 "modules.dep: .*(run depmod -b $root2 $other)"
else
	fail "$label/image with two kernels" "$log"
fi
mkdir -p "$work/empty/lib/modules"
"$modstate" --root "$work/empty" frob > "$work/out" 2> "$work/err"
rc=$?
expect "no kernel in the image" 1 "^modstate: error: $work/empty/lib/modules: no kernel there\$"
"$modstate" --root "$work/nonexistent" frob > "$work/out" 2> "$work/err"
rc=$?
expect "--root: no such directory" 1 "^modstate: error: $work/nonexistent: not a directory\$"

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
ms b_words=auto
expect "bad metadata: unknown words ignored" 0
ms b_words
same "bad metadata: query output shows no control character" "$work/out" << EOF
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
ms b_long=loaded
expect "bad metadata: long states" 0
ms b_long=auto
expect "bad metadata: long states, refused" 1 '^modstate: error: b_long: state auto is not allowed: its modmeta_states allows only: xxxxx*\.\.\.$'
refuse "bad metadata: truncated module" "^modstate: error: b_truncated: cannot read .*/b_truncated.ko: " b_truncated=loaded
root=$work/root
etc=$root/etc

## --help, --version

"$modstate" --help > "$work/out" 2> "$work/err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$work/err" ] && grep -q '^Usage: modstate ' "$work/out"; then
	pass "$label/--help"
else
	fail "$label/--help" "$work/out"
fi
version=$(sed -n 's/^VERSION[[:space:]]*:= *//p' "$top/Makefile")
"$modstate" --version > "$work/out" 2> "$work/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$work/out")" = "modstate $version" ]; then
	pass "$label/--version"
else
	fail "$label/--version" "$work/out"
fi

if [ -s "$work/sanitizer" ]; then
	fail "$label/no sanitizer report" "$work/sanitizer"
else
	pass "$label/no sanitizer report"
fi

summary "$label"
