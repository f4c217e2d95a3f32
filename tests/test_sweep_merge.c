/* test_sweep_merge.c - a small sweep run in-process: rows are runner_run's
 * results for the derived seeds, the CSV reads back through --merge's parser
 * to the same text, shards merge to the whole, and inputs from another
 * sweep, with conflicting duplicates or malformed rows are refused. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/merge.h"
#include "cli/sweep.h"
#include "cli/sweepcsv.h"
#include "cli/sweepplot.h"
#include "util.h"

/* Runs a sweep and returns its CSV text (malloc'd). */
static char *run_csv(const params_t *base, const char *const *specs, int nspecs, int repeat, const shard_t *sh,
                     int jobs, sweep_table_t *keep)
{
    sweep_table_t t;
    char err[512];
    ck_assert_msg(sweep_table_init(&t, base, specs, nspecs, repeat, sh, err, sizeof err) == UB_OK, "%s", err);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_msg(sweep_exec(&t, jobs, false, f, err, sizeof err) == UB_OK, "%s", err);
    fclose(f);
    if (keep)
        *keep = t;
    else
        sweep_table_free(&t);
    return buf;
}

static int merge_texts(merge_t *m, const char *const *texts, int n, char *err, size_t errlen)
{
    merge_init(m);
    for (int i = 0; i < n; i++) {
        FILE *f = fmemopen((void *)texts[i], strlen(texts[i]), "r");
        ck_assert_ptr_nonnull(f);
        int rc = merge_read(m, f, "input", err, errlen);
        fclose(f);
        if (rc)
            return rc;
    }
    return UB_OK;
}

static char *table_csv(const sweep_table_t *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sweepcsv_head(f, t);
    for (long i = 0; i < t->nrows; i++)
        sweepcsv_row(f, t, &t->row[i]);
    fclose(f);
    return buf;
}

static const char *const specs[] = {"sigma_a=1.5,2", "rho=-0.5,0.5"};

START_TEST(rows_are_runner_runs)
{
    params_t base = util_params(NULL);
    sweep_table_t t;
    char *csv = run_csv(&base, specs, 2, 2, NULL, 2, &t);
    ck_assert_int_eq(t.nrows, 8);
    for (long i = 0; i < t.nrows; i++) {
        params_t p;
        char err[256];
        ck_assert_int_eq(sweep_run_params(&t, t.row[i].run, &p, err, sizeof err), UB_OK);
        run_summary_t s;
        ck_assert_int_eq(runner_run(&p, NULL, 1, &s, err, sizeof err), UB_OK);
        ck_assert_int_eq(s.t_a, t.row[i].s.t_a);
        ck_assert_int_eq(s.t_b, t.row[i].s.t_b);
        ck_assert_int_eq(s.steps, t.row[i].s.steps);
        ck_assert_double_eq(s.time_ratio_theory, t.row[i].s.time_ratio_theory);
    }
    /* the CSV: definition lines, header, one row per run */
    ck_assert_ptr_nonnull(strstr(csv, "# unibias " UB_VERSION " sweep\n# sweep=sigma_a=1.5,2\n# sweep=rho=-0.5,0.5\n"
                                      "# repeat=2\n# runs=8\n"));
    ck_assert_ptr_nonnull(strstr(csv, "# base.rho=0\n"));
    ck_assert_ptr_null(strstr(csv, "\n# rho="));
    ck_assert_ptr_nonnull(strstr(csv, "\n# sigma_b=1\n"));
    ck_assert_ptr_nonnull(strstr(csv, "\nsigma_a,rho,run,repeat,seed,t_a,t_b,time_ratio,time_ratio_theory,"));
    ck_assert_ptr_nonnull(strstr(csv, "\n2,-0.5,4,0,"));
    free(csv);
    sweep_table_free(&t);
}
END_TEST

START_TEST(csv_reads_back_identically)
{
    params_t base = util_params(NULL);
    char *csv = run_csv(&base, specs, 2, 2, NULL, 1, NULL);
    merge_t m;
    char err[512] = "";
    const char *in[] = {csv};
    ck_assert_msg(merge_texts(&m, in, 1, err, sizeof err) == UB_OK, "%s", err);
    long missing, first;
    ck_assert_int_eq(merge_finish(&m, &missing, &first, err, sizeof err), UB_OK);
    ck_assert_int_eq(missing, 0);
    ck_assert_int_eq(first, -1);
    char *again = table_csv(&m.t);
    ck_assert_str_eq(again, csv);
    /* the plot of a merged table (smoke: it prints and names the key) */
    char *plot = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&plot, &len);
    sweepplot_opts_t po = {SWEEPPLOT_AUTO, sweepcsv_metric("time_ratio", NULL, 0), true, 80};
    sweepplot_print(f, &m.t, &po);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(plot, "time_ratio against rho"));
    ck_assert_ptr_nonnull(strstr(plot, "x sigma_a=2"));
    free(plot);
    free(again);
    merge_free(&m);
    free(csv);
}
END_TEST

START_TEST(shards_merge_to_the_whole)
{
    params_t base = util_params("seed=7", NULL);
    char *whole = run_csv(&base, specs, 2, 2, NULL, 2, NULL);
    shard_t s1 = {1, 3}, s2 = {2, 3}, s3 = {3, 3};
    char *a = run_csv(&base, specs, 2, 2, &s1, 1, NULL);
    char *b = run_csv(&base, specs, 2, 2, &s2, 2, NULL);
    char *c = run_csv(&base, specs, 2, 2, &s3, 1, NULL);
    ck_assert_ptr_nonnull(strstr(b, "# shard=2/3\n"));
    merge_t m;
    char err[512] = "";
    /* any order, with a shard given twice: exact duplicates are dropped */
    const char *in[] = {c, a, b, a};
    ck_assert_msg(merge_texts(&m, in, 4, err, sizeof err) == UB_OK, "%s", err);
    long missing, first;
    merge_finish(&m, &missing, &first, err, sizeof err);
    ck_assert_int_eq(missing, 0);
    char *merged = table_csv(&m.t);
    ck_assert_str_eq(merged, whole);
    free(merged);
    merge_free(&m);

    /* a shard left out is reported, with the first missing run */
    const char *two[] = {a, c};
    ck_assert_int_eq(merge_texts(&m, two, 2, err, sizeof err), UB_OK);
    merge_finish(&m, &missing, &first, err, sizeof err);
    ck_assert_int_eq(missing, 3);
    ck_assert_int_eq(first, 1);
    ck_assert_int_eq(m.t.nrows, 5);
    merge_free(&m);

    /* concatenated shards in one stream */
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *cat = malloc(la + lb + lc + 1);
    memcpy(cat, b, lb);
    memcpy(cat + lb, c, lc);
    memcpy(cat + lb + lc, a, la + 1);
    const char *one[] = {cat};
    ck_assert_msg(merge_texts(&m, one, 1, err, sizeof err) == UB_OK, "%s", err);
    merge_finish(&m, &missing, &first, err, sizeof err);
    ck_assert_int_eq(missing, 0);
    merged = table_csv(&m.t);
    ck_assert_str_eq(merged, whole);
    free(merged);
    merge_free(&m);
    free(cat);
    free(a), free(b), free(c), free(whole);
}
END_TEST

static void expect_refused(const char *const *texts, int n, const char *needle)
{
    merge_t m;
    char err[512] = "";
    int rc = merge_texts(&m, texts, n, err, sizeof err);
    ck_assert_msg(rc == UB_EINVAL, "accepted; expected '%s'", needle);
    ck_assert_msg(strstr(err, needle), "message '%s' lacks '%s'", err, needle);
    merge_free(&m);
}

/* text with the first occurrence of `from` replaced by `to` */
static char *replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    ck_assert_ptr_nonnull(at);
    size_t n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    size_t pre = (size_t)(at - text);
    memcpy(out, text, pre);
    strcpy(out + pre, to);
    strcat(out, at + strlen(from));
    return out;
}

START_TEST(bad_inputs_refused)
{
    params_t base = util_params(NULL);
    char *csv = run_csv(&base, specs, 2, 1, NULL, 1, NULL);
    params_t other = util_params("sigma_b=1.5", NULL);
    char *diff = run_csv(&other, specs, 2, 1, NULL, 1, NULL);
    const char *two[] = {csv, diff};
    expect_refused(two, 2, "not the same sweep as the first input ('# sigma_b=1.5' vs '# sigma_b=1')");

    /* a duplicate run with another result */
    const char *row = strstr(csv, "\n1.5,0.5,1,0,");
    ck_assert_ptr_nonnull(row);
    const char *end = strchr(row + 1, '\n');
    char line[512];
    snprintf(line, sizeof line, "%.*s", (int)(end - row - 1), row + 1);
    char *changed = replace(line, ",CONVERGED", ",DIVERGED");
    size_t n = strlen(csv) + strlen(changed) + 2;
    char *dup = malloc(n);
    snprintf(dup, n, "%s%s\n", csv, changed);
    const char *d[] = {dup};
    expect_refused(d, 1, "run 1 appears twice with different results");

    char *t1 = replace(csv, "\n1.5,0.5,1,0,", "\n1.5,0.5,9,0,");
    const char *i1[] = {t1};
    expect_refused(i1, 1, "run '9' is not in 0..3");
    char *t2 = replace(csv, "\n1.5,0.5,1,0,", "\n1.5,0.25,1,0,");
    const char *i2[] = {t2};
    expect_refused(i2, 1, "rho=0.25, but run 1 has rho=0.5");
    char *t3 = replace(csv, ",CONVERGED\n", ",SLEEPING\n");
    const char *i3[] = {t3};
    expect_refused(i3, 1, "bad phase 'SLEEPING'");
    char *t4 = replace(csv, "# unibias ", "# somethingelse ");
    const char *i4[] = {t4};
    expect_refused(i4, 1, "not a unibias sweep CSV");
    char *t5 = replace(csv, "# runs=4", "# runs=5");
    const char *i5[] = {t5};
    expect_refused(i5, 1, "'# runs=5' does not match the sweep's 4 runs");
    char *t6 = replace(csv, "\n1.5,0.5,1,0,", "\n1.5,0.5,1,");
    const char *i6[] = {t6};
    expect_refused(i6, 1, "columns, expected 19");
    const char *i7[] = {"1.5,0.5,1,0\n"};
    expect_refused(i7, 1, "a row before the '# unibias ... sweep' header");
    const char *i8[] = {""};
    expect_refused(i8, 1, "empty file");
    char *t9 = replace(csv, "# sweep=rho=-0.5,0.5", "# sweep=rho=-0.5,7");
    const char *i9[] = {t9};
    expect_refused(i9, 1, "rho must be in (-1, 1), got 7");
    free(t1), free(t2), free(t3), free(t4), free(t5), free(t6), free(t9);
    free(changed), free(dup), free(csv), free(diff);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sweep_merge");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, rows_are_runner_runs);
    tcase_add_test(tc, csv_reads_back_identically);
    tcase_add_test(tc, shards_merge_to_the_whole);
    tcase_add_test(tc, bad_inputs_refused);
    suite_add_tcase(s, tc);
    return util_run(s);
}
