/* ub.c - the error-message contract shared by the engine modules. */
#include "unibias/ub.h"

#include <stdarg.h>
#include <stdio.h>

int ub_fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}
