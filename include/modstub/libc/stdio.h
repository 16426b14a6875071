/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <stdio.h> of a module program (see modrun_env.h) */
#ifndef _MODRUN_STDIO_H
#define _MODRUN_STDIO_H

#include "modrun_env.h"

#define EOF		MODRUN_EOF
#define BUFSIZ		8192
#define stdin		(&modrun_std[0])
#define stdout		(&modrun_std[1])
#define stderr		(&modrun_std[2])

__MODRUN_AS(vprintf) __printf(1, 0);
__MODRUN_AS(vfprintf) __printf(2, 0);
__MODRUN_AS(printf) __printf(1, 2);
__MODRUN_AS(fprintf) __printf(2, 3);
__MODRUN_AS(puts);
__MODRUN_AS(fputs);
__MODRUN_AS(putchar);
__MODRUN_AS(fputc);
__MODRUN_AS(fwrite);
__MODRUN_AS(fflush);
__MODRUN_AS(getchar);
__MODRUN_AS(fgetc);
__MODRUN_AS(fgets);
__MODRUN_AS(fread);
__MODRUN_AS(feof);
__MODRUN_AS(ferror);
__MODRUN_AS(clearerr);
#define putc(c, f)	fputc(c, f)
#define getc(f)		fgetc(f)

#endif /* _MODRUN_STDIO_H */
