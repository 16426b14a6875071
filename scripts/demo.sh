#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job, "make demo": compile the frob example's metadata, build
# stubcore, frob.ko and frob_stub.ko for every test kernel, and show what
# came out.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/testsuite/lib.sh"
out=$top/build/demo
modmetac=$top/modmetac/modmetac

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

rm -rf "$out"
mkdir -p "$out/src"
cp "$top"/kernel/examples/frob/* "$out/src/"

say "1. The module's metadata, kernel/examples/frob/frob.modmeta:"
sed -n '/^module/,$p' "$out/src/frob.modmeta"

say "2. modmetac compiles it into two C files:"
cd "$out/src"
run "$modmetac" -v frob.modmeta
echo
echo "frob_stub.c, the stub module, ends with the stub table:"
sed -n '/^MODSTUB_MODULE/,$p' frob_stub.c | sed 's/^/    /'

say "3. A bad file gets every error at once, with its place:"
cat > bad.modmeta <<'EOM'
module frob {
    version   1.2
    states    loaded sometimes
    autoload {
        header  "frob_api.h"
        ustub   frob_query  nomod_einvl  3
    }
}
EOM
"$modmetac" bad.modmeta || true

for kver in $(test_kernels); do
	say "4. Built against the headers of Linux $kver:"
	b=$out/$kver
	if ! build_modules "$kver" "$b" "$out/build-$kver.log"; then
		cat "$out/build-$kver.log"
		echo "demo: the build failed" >&2
		exit 1
	fi
	(cd "$b" && ls -l stubcore/stubcore.ko ex-frob/frob.ko ex-frob/frob_stub.ko ex-frob/bar.ko |
		awk '{ printf "    %-22s %7d bytes\n", $NF, $5 }')
	echo "    modinfo frob.ko:"
	modinfo "$b/ex-frob/frob.ko" | grep -E '^(description|version|depends|modmeta_)' |
		sed 's/^/      /'
	echo "    modinfo bar.ko: depends: $(modinfo -F depends "$b/ex-frob/bar.ko")"

	say "5. Booting Linux $kver in QEMU (TCG: times are emulated, compare them, do not read them):"
	cat "$top/testsuite/vm/guest-lib.sh" "$top/scripts/demo-guest.sh" > "$b/demo.sh"
	if "$top/testsuite/vm/vm.sh" -q -k "$kver" -m "$b/ko" -c 2 -o "$b/logs" \
		"$b/demo.sh" > "$b/vm.out" 2>&1; then
		sed -n 's/^out: //p' "$b/logs/$kver-demo.log"
	else
		cat "$b/vm.out"
		echo "demo: the VM run failed; its log is in $b/logs" >&2
		exit 1
	fi
done

say "What this means"
cat <<'EOM'
bar was built against frob's API as usual, and works unchanged; yet
"modprobe bar" did not load frob.  frob came in on bar's first call of a
strong stub, after which that call costs one direct jump.  A weak stub never
loads anything, and an unloadable stub lets its module go between calls.
EOM
