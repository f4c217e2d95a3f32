/* test_tsan_sweep.c - the sweep's thread pool, built for ThreadSanitizer by
 * `make check-tsan` (and run plainly and under ASan by `make check`): many
 * short runs on more threads than rows at times, with the CSV streamed while
 * workers finish; the output must equal the one-thread output byte for byte. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cli/sweep.h"
#include "util.h"

static char *sweep_text(const char *const *specs, int nspecs, int repeat, int jobs)
{
    params_t base = util_params("steps=300", NULL); /* short runs: many handoffs */
    sweep_table_t t;
    char err[512];
    ck_assert_msg(sweep_table_init(&t, &base, specs, nspecs, repeat, NULL, err, sizeof err) == UB_OK, "%s", err);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_msg(sweep_exec(&t, jobs, false, f, err, sizeof err) == UB_OK, "%s", err);
    fclose(f);
    for (long i = 0; i < t.nrows; i++)
        ck_assert_int_eq(t.row[i].s.steps, 300);
    sweep_table_free(&t);
    return buf;
}

START_TEST(threads_match_one_thread)
{
    const char *specs[] = {"sigma_a=1.5,2,3", "rho=-0.6:0.6:4"};
    char *one = sweep_text(specs, 2, 2, 1);
    char *four = sweep_text(specs, 2, 2, 4);
    ck_assert_str_eq(four, one);
    /* more threads than runs */
    const char *small[] = {"rho=0,0.5"};
    char *a = sweep_text(small, 1, 1, 1);
    char *b = sweep_text(small, 1, 1, 8);
    ck_assert_str_eq(a, b);
    free(one), free(four), free(a), free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tsan_sweep");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, threads_match_one_thread);
    suite_add_tcase(s, tc);
    return util_run(s);
}
