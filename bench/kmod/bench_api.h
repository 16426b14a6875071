/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The functions the benchmark calls, all with the same body: a + b.
 *
 * benchlib.ko exports benchlib_add() the usual way (the floor: a direct
 * call).  benchreal.ko (class loadonly) provides breal_add() behind a
 * strong stub and breal_wadd() behind a weak one; benchu.ko (class
 * unloadable) provides bu_add() behind an unloadable stub and bu_wadd()
 * behind a weak one whose retfunc, bu_wadd_absent(), benchu_stub.ko also
 * exports so that it can be called directly.
 */
#ifndef BENCH_API_H
#define BENCH_API_H

long benchlib_add(long a, long b);

long breal_add(long a, long b);
long breal_wadd(long a, long b);

long bu_add(long a, long b);
long bu_wadd(long a, long b);
long bu_wadd_absent(long a, long b);

#endif /* BENCH_API_H */
