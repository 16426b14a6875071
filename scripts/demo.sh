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
	kdir=/lib/modules/$kver/build
	b=$out/$kver
	mkdir -p "$b"
	cp -r "$top/kernel/stubcore" "$b/stubcore"
	cp -r "$out/src" "$b/frob"
	rm -f "$b/frob/bad.modmeta"
	make -s -C "$kdir" M="$b/stubcore" MODSTUB_INCLUDE="$top/include" \
		modules 2>&1 | grep -v 'Skipping BTF' || true
	make -s -C "$kdir" M="$b/frob" MODSTUB="$top" \
		KBUILD_EXTRA_SYMBOLS="$b/stubcore/Module.symvers" \
		modules 2>&1 | grep -v 'Skipping BTF' || true
	(cd "$b" && ls -l stubcore/stubcore.ko frob/frob.ko frob/frob_stub.ko |
		awk '{ printf "    %-22s %6d bytes\n", $NF, $5 }')
	echo "    modinfo frob.ko:"
	modinfo "$b/frob/frob.ko" | grep -E '^(description|version|depends|modmeta_)' |
		sed 's/^/      /'
	echo "    frob_stub.ko exports $(nm "$b/frob/frob_stub.ko" | grep -c ' __ksymtab_') symbols and"
	echo "    depends on: $(modinfo -F depends "$b/frob/frob_stub.ko")"
done

say "What this means"
cat <<'EOM'
A module that calls frob_start() is linked against frob_stub.ko, which
exports it, so "modprobe" of that module loads frob_stub and stubcore, not
frob.  frob.ko depends on frob_stub.ko, so loading frob by hand brings its
stub module along.  The stub table in frob_stub.ko's .modstubs section is
what stubcore reads to route each call: loading frob on the first call of a
strong stub is the runtime's next stage (see the open issues).
EOM
