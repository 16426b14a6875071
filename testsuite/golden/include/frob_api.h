/* SPDX-License-Identifier: GPL-2.0 */
/* The API of frob, the example module of the modmeta language. */
#ifndef FROB_API_H
#define FROB_API_H

int frob_start(int unit);
long frob_query(int unit, int what, long arg);
void frob_exit(void);

#endif
