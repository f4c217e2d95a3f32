/* ub.h - shared engine conventions: error codes and the message buffer contract. */
#ifndef UNIBIAS_UB_H
#define UNIBIAS_UB_H

#include <stddef.h>

/* Engine functions return one of these and, on error, fill the caller's message
 * buffer (err, errlen; err may be NULL) with one line naming what is wrong. The
 * engine never prints and never exits: front ends map codes to exit statuses. */
enum {
    UB_OK = 0,
    UB_EINVAL = 2,  /* bad input: a parameter, a file, a spec (exit status 2) */
    UB_ENOMEM = 3,  /* allocation failed */
    UB_ERUNTIME = 4 /* anything else at run time (exit status 1) */
};

/* Writes a printf-style message into err (if non-NULL) and returns code. */
int ub_fail(char *err, size_t errlen, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#define UB_VERSION "0.1.0"

#endif
