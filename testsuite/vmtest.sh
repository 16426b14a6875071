#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel tests: build stubcore and the examples for every test kernel,
# boot each kernel in QEMU and run the scenarios of testsuite/vm/scenarios.
#
# Usage: vmtest.sh [-k KVER]... [-x NAME=VALUE]... [-t SECONDS] [SCENARIO...]
# (-x: in the environment of the scenarios, e.g. RACE_SECONDS=60; -t: the
# time limit of each boot, 300 s by default)
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$here/lib.sh"

kernels=()
vm_env=()
while getopts "k:x:t:" opt; do
	case $opt in
	k) kernels+=("$OPTARG") ;;
	x) vm_env+=(-x "$OPTARG") ;;
	t) vm_env+=(-t "$OPTARG") ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ ${#kernels[@]} -gt 0 ] || kernels=($(test_kernels))
if [ $# -gt 0 ]; then
	scenarios=()
	for s in "$@"; do
		# a bare name is one of testsuite/vm/scenarios
		[ -f "$s" ] || s=$here/vm/scenarios/${s%.sh}.sh
		[ -f "$s" ] || { echo "vmtest: no scenario $s" >&2; exit 2; }
		scenarios+=("$s")
	done
else
	scenarios=("$here"/vm/scenarios/*.sh)
fi

out=$top/build/vm
log=$(mktemp)
mine=$(mktemp)
trap 'rm -f "$log" "$mine"' EXIT
status=0

# The checker of that path catches what it is there for: a path that
# reaches a locked instruction, a shared store or an unknown function
# through stubcore's own calls, but not through a *_slow function.
hp=$(mktemp -d)
cat > "$hp/t.s" <<'ASM'
	.text
	.globl modstub_slow_ustub
modstub_slow_ustub:
	call modstub_uenter
	test %rax, %rax
	jz 1f
	call uenter_slow
1:	ret
modstub_uenter:
	incq %gs:(%rax)
	mov %rax, -8(%rbp)
	lock incq 8(%rdi)
	movq $1, 16(%rdi)
	call printk
	ret
uenter_slow:
	lock incq 8(%rdi)
	ret
ASM
sed '/^modstub_uenter:/,/^uenter_slow:/{/lock\|movq \$1\|printk/d}' "$hp/t.s" > "$hp/ok.s"
if as -o "$hp/t.o" "$hp/t.s" && as -o "$hp/ok.o" "$hp/ok.s" &&
   ! "$top/bench/hotpath.sh" "$hp/t.o" > "$hp/bad.out" 2>&1 &&
   grep -q 'locked instruction at modstub_uenter+0x[0-9a-f]*: lock incq' "$hp/bad.out" &&
   grep -q 'store to memory at modstub_uenter+0x[0-9a-f]*: movq' "$hp/bad.out" &&
   grep -q 'call out of the module to printk' "$hp/bad.out" &&
   [ "$(grep -c 'locked instruction' "$hp/bad.out")" -eq 1 ] &&
   "$top/bench/hotpath.sh" "$hp/ok.o" > "$hp/ok.out" 2>&1 &&
   grep -q 'calls uenter_slow (slow path, not followed)' "$hp/ok.out"; then
	pass "vm/hotpath.sh finds a locked op and a shared store"
else
	cat "$hp"/*.out > "$log" 2>&1
	fail "vm/hotpath.sh finds a locked op and a shared store" "$log"
	status=1
fi
rm -rf "$hp"

for kver in "${kernels[@]}"; do
	b=$out/$kver
	if ! build_modules "$kver" "$b" "$log"; then
		fail "vm/$kver/build" "$log"
		status=1
		continue
	fi
	# the pair of layout_changed, offline: verify names the struct
	"$top/stubgen/stubgen" verify "$b/ex-kmod/tlayout_stub.ko" \
		"$b/kmod-v2/tlayout.ko" > "$log" 2>&1
	if [ $? -eq 1 ] &&
	   grep -q 'tl_query: type fingerprint [0-9a-f]* here, [0-9a-f]* in .*tlayout.ko: built from different definitions' "$log" &&
	   grep -q ': note: here: struct tl_dev { int unit @0; long int count @8; const char \*name @16; } /24$' "$log" &&
	   grep -q ': note: in .*: struct tl_dev { int unit @0; long int count @8; void \*extra @16; const char \*name @24; } /32$' "$log"; then
		pass "vm/$kver/verify names the struct that changed"
	else
		fail "vm/$kver/verify names the struct that changed" "$log"
		status=1
	fi
	# the per-call paths of a ustub and of a wstub in the stub module
	# just built, and stubcore's (stubs with stack arguments): no locked
	# instruction, no store but to the stack and per-CPU data
	# (each calls the real function: indirectly, or through the jump)
	for p in stubcore/stubcore.ko:modstub_slow_ustub:indirect \
		 ko/frob_stub.ko:__modstub_fast_frob_query:__modstub_call_frob_query \
		 ko/frob_stub.ko:__modstub_fast_frob_exit:__modstub_call_frob_exit; do
		IFS=: read -r m e c <<< "$p"
		if "$top/bench/hotpath.sh" -e "$e" "$b/$m" > "$log" 2>&1 &&
		   grep -q "^  calls .*$c" "$log"; then
			pass "vm/$kver/per-call path of $e writes no shared line"
		else
			fail "vm/$kver/per-call path of $e writes no shared line" "$log"
			status=1
		fi
	done
	# One boot per scenario: a strong stub holds its real module until
	# reboot, so scenarios cannot share a kernel.
	# The huge modules are built only when a scenario asks for them.
	for s in "${scenarios[@]}"; do
		ko=$b/ko
		case $(vm_modules "$s") in
		huge)
			ko=$b/ko-huge
			if [ ! -d "$ko" ] && ! build_huge "$kver" "$b" "$log"; then
				fail "vm/$kver/build of the huge modules" "$log"
				status=1
				continue
			fi
			;;
		esac
		mem=$(vm_mem "$s")
		machine=$(vm_machine "$s")
		RESULTS=$mine "$here/vm/vm.sh" -q -k "$kver" -m "$ko" \
			-c "$(vm_cpus "$s")" ${mem:+-M "$mem"} -o "$b/logs" \
			${machine:+-D "$machine"} -n "$(vm_kmods "$s")" \
			"${vm_env[@]}" "$s" || status=1
	done
done
# add the scenarios' counts to our own, then report
add_results "$mine"
summary vm || status=1
exit $status
