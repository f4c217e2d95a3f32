/* util.h - helpers shared by the Check programs (header-only, test code). */
#ifndef UB_TEST_UTIL_H
#define UB_TEST_UTIL_H

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "unibias/params.h"
#include "unibias/ub.h"

/* Defaults, then each "key=value" in a NULL-terminated list; fails the test on error. */
static inline params_t util_params(const char *kv, ...)
{
    params_t p;
    params_default(&p);
    va_list ap;
    va_start(ap, kv);
    for (const char *s = kv; s; s = va_arg(ap, const char *)) {
        char err[256];
        int rc = params_set_kv(&p, s, err, sizeof err);
        ck_assert_msg(rc == UB_OK, "%s: %s", s, err);
    }
    va_end(ap);
    return p;
}

static inline void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Monotonic seconds, for bounded waits. */
static inline double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int util_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}

#endif
