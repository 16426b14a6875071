/* SPDX-License-Identifier: GPL-2.0 */
/* pinger: the API of pinger.ko */
#ifndef PINGER_H
#define PINGER_H

int pinger_ping(int n);
unsigned int pinger_count(void);

#endif /* PINGER_H */
