/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The API of frob.  Callers include it and call the functions as usual;
 * they are linked against frob_stub.ko, which exports the same symbols.
 */
#ifndef FROB_API_H
#define FROB_API_H

int frob_start(int unit);
long frob_query(int unit, int what, long arg);
int frob_exit(void);

#endif /* FROB_API_H */
