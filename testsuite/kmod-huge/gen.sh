#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gen.sh N: write, in the current directory, thuge (a real module of N
# functions long thuge_fI(long a), each a strong stub of thuge_stub) and
# thugeuser, whose init calls a sample of them through the stubs and
# fails unless each answers a + I.  What the scenario many_stubs_scale
# loads; written at build time by testsuite/lib.sh, never committed.
set -eu
n=$1
[ "$n" -ge 2 ] || { echo "gen.sh: N must be at least 2" >&2; exit 2; }
# the sample: both ends, the middle, and a stride through the rest
sample=$(awk -v n="$n" 'BEGIN {
	print 0; print 1; print int(n / 2); print n - 2; print n - 1
	for (i = 7; i < n; i += int(n / 11) + 1) print i
}' | sort -n -u)

awk -v n="$n" 'BEGIN {
	print "/* thuge_api.h: written by gen.sh */"
	for (i = 0; i < n; i++) printf "long thuge_f%d(long a);\n", i
}' > thuge_api.h

awk -v n="$n" 'BEGIN {
	print "// SPDX-License-Identifier: GPL-2.0"
	print "/* thuge.c: written by gen.sh */"
	print "#include <linux/module.h>"
	print "#include \"thuge_api.h\""
	for (i = 0; i < n; i++) printf "long thuge_f%d(long a) { return a + %d; }\n", i, i
}' > thuge_core.c

awk -v n="$n" 'BEGIN {
	print "# thuge.modmeta: written by gen.sh"
	print "module thuge {"
	printf "    desc \"modstub test: %d strong stubs\"\n", n
	print "    version 1.0.0"
	print "    license \"GPL\""
	print "    autoload {"
	print "        class loadonly"
	print "        header \"thuge_api.h\""
	for (i = 0; i < n; i++) printf "        stub thuge_f%d nomod_zero\n", i
	print "    }"
	print "}"
}' > thuge.modmeta

{
	echo "// SPDX-License-Identifier: GPL-2.0"
	echo "/* thugeuser.c: written by gen.sh */"
	echo "#include <linux/errno.h>"
	echo "#include <linux/module.h>"
	echo "#include \"thuge_api.h\""
	echo
	echo "static long (*const sample[])(long) = {"
	for i in $sample; do echo "	thuge_f$i,"; done
	echo "};"
	echo "static const long index[] = { $(echo $sample | sed 's/ /, /g') };"
	echo
	echo "static int __init thugeuser_init(void)"
	echo "{"
	echo "	unsigned int i;"
	echo
	echo "	for (i = 0; i < ARRAY_SIZE(sample); i++) {"
	echo "		long got = sample[i](1000);"
	echo
	echo "		if (got != 1000 + index[i]) {"
	echo "			pr_err(\"thugeuser: thuge_f%ld(1000) returned %ld\\n\", index[i], got);"
	echo "			return -EINVAL;"
	echo "		}"
	echo "	}"
	echo "	pr_info(\"thugeuser: %zu of $n stubs answered\\n\", ARRAY_SIZE(sample));"
	echo "	return 0;"
	echo "}"
	echo "module_init(thugeuser_init);"
	echo
	echo "static void __exit thugeuser_exit(void)"
	echo "{"
	echo "}"
	echo "module_exit(thugeuser_exit);"
	echo
	echo "MODULE_DESCRIPTION(\"modstub test: calls a sample of thuge's stubs\");"
	echo "MODULE_LICENSE(\"GPL\");"
} > thugeuser.c
