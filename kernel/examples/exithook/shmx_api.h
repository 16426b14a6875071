/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SHMX_API_H
#define SHMX_API_H

/* Called for every exiting client; releases what it still holds. */
void shmx_exit(int client);

#endif
