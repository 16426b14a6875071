#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The structural check of the per-call path of unloadable stubs and of
# weak stubs whose module is live: every instruction a module can run on
# a call from ENTRY, when no load is needed, must write only the stack or
# per-CPU data (%gs:), and take no lock.  Two such paths exist: a stub's
# own, __modstub_fast_NAME in its stub module (<modstub/modstub.h>), and
# stubcore's modstub_slow_ustub (the default ENTRY), which the calls of
# stubs with stack arguments take.
#
# The path is every instruction reachable from the entry, following
# branches both ways and calls into the module's own functions, except
# into the slow paths, which may do anything: the functions whose name
# ends in "_slow" (loading, a module going away), and a stub's slow path
# (__modstub_slow_NAME, modstub_slow_*).  A stub's call of the real
# function goes through the jump __modstub_call_NAME, which stubcore aims
# at it: not followed either.  Calls out of the module must go to a
# function of ALLOWED, each of which writes only per-task data or
# nothing; the one indirect call is the call of the real function (or
# retfunc) itself.
#
# Prints the path's length, what it calls, and a verdict line ending in
# ": met" or ": BROKEN" with what broke it; exits 1 if broken.
#
# Usage: hotpath.sh [-e ENTRY] MODULE.KO
set -u

# __rcu_read_lock/unlock (PREEMPT_RCU): current->rcu_read_lock_nesting;
# __fentry__: a NOP until ftrace patches it; the thunks: retpolines and
# return thunks, which write nothing; preempt_schedule_notrace: the
# preemption point of a preempt_enable(), taken only when this CPU has a
# reschedule pending.
ALLOWED='__fentry__ __rcu_read_lock __rcu_read_unlock __x86_return_thunk __x86_indirect_thunk_r11 __x86_indirect_thunk_rax preempt_schedule_notrace_thunk __SCT__preempt_schedule_notrace'

entry=modstub_slow_ustub
while getopts "e:" opt; do
	case $opt in
	e) entry=$OPTARG ;;
	*) echo "usage: $0 [-e ENTRY] MODULE.KO" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [-e ENTRY] MODULE.KO" >&2; exit 2; }
[ -r "$1" ] || { echo "hotpath: cannot read $1" >&2; exit 2; }

objdump -dr --no-show-raw-insn "$1" | awk -v entry="$entry" -v allowed="$ALLOWED" '
function hex(s,   i, v, c) {
	v = 0
	s = tolower(s)
	gsub(/[ \t]/, "", s)
	sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1))
		if (!c)
			break
		v = v * 16 + c - 1
	}
	return v
}
# problem WHAT: one more thing that breaks the path; the first MAXBAD shown
function problem(what) {
	if (++nbad <= MAXBAD)
		bad = bad "\n  " what
}
BEGIN {
	MAXBAD = 12
	n = split(allowed, a, " ")
	for (i = 1; i <= n; i++)
		ok[a[i]] = 1
}
/^Disassembly of section / { sec = $4; sub(/:$/, "", sec); next }
/^[0-9a-f]+ <[^>]+>:$/ {
	fn = $2; gsub(/[<>:]/, "", fn)
	start[fn] = sec SUBSEP hex($1)
	next
}
# a relocation: belongs to the instruction before it
/^\t*[ ]*[0-9a-f]+: R_X86_64_/ {
	t = $3
	if (t ~ /^\./) {
		# against a section (a .cold part, say): the branch goes to
		# its addend + 4, the size of the rel32 it fills
		ad = t; sub(/^[^-+]*/, "", ad)
		v = (ad ~ /^-/) ? -hex(substr(ad, 2)) : hex(substr(ad, 2))
		sub(/[-+]0x[0-9a-f]+$/, "", t)
		rel[last] = "#" t SUBSEP (v + 4)
	} else {
		sub(/[-+]0x[0-9a-f]+$/, "", t)
		rel[last] = t
	}
	next
}
/^ *[0-9a-f]+:\t/ {
	line = $0
	addr = hex(substr(line, 1, index(line, ":") - 1))
	insn = substr(line, index(line, ":") + 1)
	gsub(/^[ \t]+|[ \t]+$/, "", insn)
	key = sec SUBSEP addr
	if (prev != "" && prevsec == sec)
		nxt[prev] = key
	text[key] = insn
	owner[key] = fn
	prev = key; prevsec = sec; last = key
	next
}
END {
	if (!(entry in start)) { print "hotpath: no " entry " in the module: BROKEN"; exit 1 }
	todo[1] = start[entry]; ntodo = 1
	while (ntodo > 0) {
		k = todo[ntodo--]
		while (k != "" && !(k in seen)) {
			seen[k] = 1
			count++
			split(k, ka, SUBSEP)
			insn = text[k]
			split(insn, w, /[ \t]+/)
			op = w[1]
			if (op ~ /^(cs|ds|notrack|bnd|rep|repz|repnz)$/) { op = w[2] }
			split(start[owner[k]], fa, SUBSEP)
			where = owner[k] "+" sprintf("0x%x", ka[2] - fa[2])
			if (op == "lock" || op ~ /^xchg/ || op ~ /^cmpxchg/ || op ~ /^xadd/)
				problem("locked instruction at " where ": " insn)
			# a store: a memory destination (the last operand) that is not
			# the stack nor per-CPU
			if (op !~ /^(cmp[bwlq]?|test[bwlq]?|bt[bwlq]?|nop[wlq]?|lea[lq]?|callq?|jmpq?|j[a-z]+|prefetch.*|pushq?|popq?|retq?|endbr64|int3|ud[0-9]|leaveq?)$/ && insn ~ /\)$/) {
				ops = insn; sub(/^[^ \t]+[ \t]+/, "", ops)
				n = split(ops, o, ",")
				dst = o[n]
				if (ops !~ /%gs:/ && dst !~ /\(%r[sb]p\)$/ && dst ~ /\(/)
					problem("store to memory at " where ": " insn)
			}
			if (op == "call" || op == "jmp" || op ~ /^j[a-z]+$/) {
				target = ""
				if (k in rel)
					target = rel[k]
				else if (insn ~ /<[^>]+>/) {
					t = insn; sub(/^.*</, "", t); sub(/>.*$/, "", t)
					if (t ~ /[-+]0x[0-9a-f]+$/) {
						tf = t; sub(/[-+]0x[0-9a-f]+$/, "", tf)
						off = t; sub(/^.*[+]/, "", off)
						if (t ~ /-0x/) off = "-" off
						target = "@" tf SUBSEP off
					} else
						target = t
				} else if (insn ~ /\*/) {
					target = "*"
				}
				if (substr(target, 1, 1) == "#") {
					todo[++ntodo] = substr(target, 2)
				} else if (target == "*") {
					calls["(indirect: the real function or retfunc)"] = 1
				} else if (substr(target, 1, 1) == "@") {
					# a branch within a function
					split(substr(target, 2), tt, SUBSEP)
					b = start[tt[1]]
					split(b, bb, SUBSEP)
					ofs = tt[2]; neg = (ofs ~ /^-/); sub(/^-/, "", ofs)
					dest = bb[1] SUBSEP (bb[2] + (neg ? -hex(ofs) : hex(ofs)))
					todo[++ntodo] = dest
				} else if (target ~ /_slow(\.[a-z]+\.[0-9]+)*$/ ||
					   target ~ /^(__modstub_slow_|modstub_slow_)/) {
					calls[target " (slow path, not followed)"] = 1
				} else if (target ~ /^__modstub_call_/) {
					calls[target " (the real function)"] = 1
				} else if (target in start) {
					calls[target] = 1
					todo[++ntodo] = start[target]
				} else if (target in ok) {
					calls[target] = 1
				} else {
					calls[target " (NOT ALLOWED)"] = 1
					problem("call out of the module to " target " at " where)
				}
				if (op == "jmp")
					break
			}
			if (op ~ /^(ret|leave)/ && op != "leave")
				break
			if (op ~ /^(ud2|int3)$/)
				break
			k = (k in nxt) ? nxt[k] : ""
		}
	}
	printf "path from %s: %d instructions\n", entry, count
	for (c in calls)
		printf "  calls %s\n", c
	if (nbad) {
		printf "no locked op, no shared store: BROKEN%s\n", bad
		if (nbad > MAXBAD)
			printf "  ... and %d more\n", nbad - MAXBAD
		exit 1
	}
	print "no locked op, no shared store: met"
}'
