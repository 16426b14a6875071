/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <pthread.h> of a module program (see modrun_env.h): threads, no attributes */
#ifndef _MODRUN_PTHREAD_H
#define _MODRUN_PTHREAD_H

#include "modrun_env.h"

typedef modrun_pthread_t pthread_t;
typedef modrun_pthread_attr_t pthread_attr_t;

__MODRUN_AS(pthread_create);
__MODRUN_AS(pthread_join);
__MODRUN_NORETURN(pthread_exit, (void *ret), (ret))
__MODRUN_AS(pthread_self);

#endif /* _MODRUN_PTHREAD_H */
