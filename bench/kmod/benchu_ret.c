// SPDX-License-Identifier: GPL-2.0
/*
 * The retfunc of bu_wadd(), included into benchu_stub.c: what a call
 * returns while benchu is absent.  Exported so that the benchmark can also
 * call it directly, the floor of a weak stub whose module is absent.
 */
long bu_wadd_absent(long a, long b)
{
	return 0;
}
EXPORT_SYMBOL_GPL(bu_wadd_absent);
