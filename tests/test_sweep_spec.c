/* test_sweep_spec.c - sweep axes (lists, ranges, every bad spec's message),
 * the grid's numbering, seed derivation, and shard assignment (from --shard
 * and from Slurm's variables): each run in exactly one shard, seeds the same
 * whatever the sharding. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cli/grid.h"
#include "cli/shard.h"
#include "cli/spec.h"
#include "cli/sweep.h"
#include "util.h"

static void expect_values(const char *arg, int n, const char *const *vals)
{
    spec_t s;
    char err[512] = "";
    ck_assert_msg(spec_parse(&s, arg, err, sizeof err) == UB_OK, "%s: %s", arg, err);
    ck_assert_int_eq(s.n, n);
    for (int i = 0; i < n; i++)
        ck_assert_msg(strcmp(s.val[i], vals[i]) == 0, "%s: value %d is '%s', expected '%s'", arg, i, s.val[i],
                      vals[i]);
    spec_free(&s);
}

START_TEST(lists_and_ranges)
{
    expect_values("rho=-0.5,0,0.5", 3, (const char *const[]){"-0.5", "0", "0.5"});
    expect_values("rho= -0.5 , 0.25", 2, (const char *const[]){"-0.5", "0.25"});
    expect_values("rho=-0.9:0.9:9", 9,
                  (const char *const[]){"-0.9", "-0.675", "-0.45", "-0.225", "0", "0.225", "0.45", "0.675", "0.9"});
    expect_values("rho=0.3:0.3:1", 1, (const char *const[]){"0.3"});
    expect_values("rho=0.5:-0.5:3", 3, (const char *const[]){"0.5", "0", "-0.5"});
    expect_values("depth=1:4:4", 4, (const char *const[]){"1", "2", "3", "4"});
    expect_values("init=1e-12:1e-4:5:log", 5, (const char *const[]){"1e-12", "1e-10", "1e-08", "1e-06", "0.0001"});
    expect_values("activation=linear,relu", 2, (const char *const[]){"linear", "relu"});
    expect_values("sigma_a=1,1.50,3", 3, (const char *const[]){"1", "1.5", "3"});
    spec_t s;
    char err[256];
    ck_assert_int_eq(spec_parse(&s, "activation=linear,leaky", err, sizeof err), UB_OK);
    ck_assert_double_eq(s.num[1], ACT_LEAKY); /* enums plot at their index */
    ck_assert(!s.log);
    ck_assert_str_eq(s.text, "activation=linear,leaky");
    spec_free(&s);
    ck_assert_int_eq(spec_parse(&s, "init=1e-3:1e-1:3:log", err, sizeof err), UB_OK);
    ck_assert(s.log);
    ck_assert_double_eq_tol(s.num[1], 1e-2, 1e-15);
    spec_free(&s);
}
END_TEST

static void expect_bad(const char *arg, const char *needle)
{
    spec_t s;
    char err[512] = "";
    int rc = spec_parse(&s, arg, err, sizeof err);
    ck_assert_msg(rc == UB_EINVAL, "'%s' accepted", arg);
    ck_assert_msg(strstr(err, needle), "'%s': message '%s' lacks '%s'", arg, err, needle);
    ck_assert_msg(!strchr(err, '\n'), "'%s': message is not one line", arg);
}

START_TEST(bad_specs)
{
    expect_bad("rho", "--sweep needs KEY=VALUES");
    expect_bad("=1,2", "--sweep needs KEY=VALUES");
    expect_bad("rhoo=0,1", "unknown parameter 'rhoo' (did you mean 'rho'?)");
    expect_bad("banana=1", "unknown parameter 'banana'");
    expect_bad("rho=", "no values after '='");
    expect_bad("rho=0,,0.5", "empty value in the list");
    expect_bad("rho=0,", "empty value in the list");
    expect_bad("rho=0,1.5", "rho must be in (-1, 1), got 1.5");
    expect_bad("rho=-1:1:5", "rho must be in (-1, 1), got -1");
    expect_bad("rho=-0.9:0.9", "FIRST:LAST:COUNT");
    expect_bad("rho=1:2:3:4:5", "a range is FIRST:LAST:COUNT");
    expect_bad("rho=a:0.9:9", "range start 'a' is not a number");
    expect_bad("rho=0:b:9", "range end 'b' is not a number");
    expect_bad("sigma_a=nan:1:3", "range start 'nan' is not a number");
    expect_bad("rho=-0.9:0.9:0", "point count '0' must be a whole number");
    expect_bad("rho=-0.9:0.9:2.5", "point count '2.5'");
    expect_bad("rho=0:0.5:1000000", "point count '1000000'");
    expect_bad("rho=0:0.5:1", "one point cannot span 0 to 0.5");
    expect_bad("rho=0.1:0.5:3:lin", "unknown range flag 'lin'");
    expect_bad("rho=-0.5:0.5:3:log", "a log range needs positive ends");
    expect_bad("depth=1:4:3", "depth must be a whole number, got '2.5'");
    expect_bad("width=0,10", "width must be in");
    expect_bad("activation=0:1:2", "activation takes names, not a range");
    expect_bad("activation=linear,tanh", "activation must be one of linear|relu|leaky, got 'tanh'");
    expect_bad("rho=0,0.0", "the value 0 appears twice");
    expect_bad("rho=0,1:2:3", "either a list (a,b,c) or a range");
    expect_bad("seed=-1,2", "seed must be a whole number");
}
END_TEST

START_TEST(grid_numbering)
{
    const char *specs[] = {"sigma_a=1,2,3", "rho=-0.5,0"};
    grid_t g;
    char err[256];
    ck_assert_int_eq(grid_init(&g, specs, 2, 3, err, sizeof err), UB_OK);
    ck_assert_int_eq(g.npoints, 6);
    ck_assert_int_eq(g.nruns, 18);
    int idx[GRID_MAX_AXES];
    grid_coords(&g, 3, idx); /* the first axis varies slowest */
    ck_assert_int_eq(idx[0], 1);
    ck_assert_int_eq(idx[1], 1);
    for (long p = 0; p < g.npoints; p++) {
        grid_coords(&g, p, idx);
        ck_assert_int_eq(grid_point(&g, idx), p);
    }
    char label[64];
    grid_label(&g, 5, label, sizeof label);
    ck_assert_str_eq(label, "sigma_a=3 rho=0");
    ck_assert_int_eq(grid_axis_of(&g, "rho"), 1);
    ck_assert_int_eq(grid_axis_of(&g, "w_a"), -1);
    params_t base = util_params("w_a=2", NULL), p;
    ck_assert_int_eq(grid_params(&g, &base, 4, &p, err, sizeof err), UB_OK);
    ck_assert_double_eq(p.sigma_a, 3);
    ck_assert_double_eq(p.rho, -0.5);
    ck_assert_double_eq(p.w_a, 2);
    grid_free(&g);

    /* no axes: one point, repeats only */
    ck_assert_int_eq(grid_init(&g, NULL, 0, 4, err, sizeof err), UB_OK);
    ck_assert_int_eq(g.npoints, 1);
    ck_assert_int_eq(g.nruns, 4);
    grid_label(&g, 0, label, sizeof label);
    ck_assert_str_eq(label, "");
    grid_free(&g);
}
END_TEST

START_TEST(grid_refusals)
{
    grid_t g;
    char err[256] = "";
    const char *twice[] = {"rho=0,0.5", "rho=0.9"};
    ck_assert_int_eq(grid_init(&g, twice, 2, 1, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "rho is already swept"), "%s", err);
    const char *five[] = {"rho=0", "sigma_a=1", "sigma_b=1", "w_a=1", "w_b=1"};
    ck_assert_int_eq(grid_init(&g, five, 5, 1, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "at most 4 --sweep keys"), "%s", err);
    const char *big[] = {"rho=-0.9:0.9:1001", "sigma_a=1:3:1000"};
    ck_assert_int_eq(grid_init(&g, big, 2, 1, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "more than"), "%s", err);
    const char *fine[] = {"rho=0"};
    ck_assert_int_eq(grid_init(&g, fine, 1, 0, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "--repeat must be >= 1"), "%s", err);

    /* a point that breaks a cross-field rule fails before any run, named */
    sweep_table_t t;
    params_t base = util_params("depth=2", NULL);
    const char *fuse[] = {"fuse=1:3:3"};
    ck_assert_int_eq(sweep_table_init(&t, &base, fuse, 1, 1, NULL, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "sweep point fuse=3: fuse must be between 1 and depth (2)"), "%s", err);
    /* ...but an invalid base is fine when every point fixes it */
    base = util_params("depth=4", "fuse=3", NULL);
    const char *depth[] = {"depth=3,4"};
    ck_assert_msg(sweep_table_init(&t, &base, depth, 1, 1, NULL, err, sizeof err) == UB_OK, "%s", err);
    sweep_table_free(&t);
}
END_TEST

START_TEST(seeds)
{
    uint64_t s = grid_seed(1, "rho=0.5", 0);
    ck_assert_uint_eq(s, grid_seed(1, "rho=0.5", 0));
    ck_assert_uint_ne(s, grid_seed(1, "rho=0.5", 1));
    ck_assert_uint_ne(s, grid_seed(2, "rho=0.5", 0));
    ck_assert_uint_ne(s, grid_seed(1, "rho=0", 0));
    ck_assert_uint_ne(grid_seed(1, "", 0), grid_seed(1, "", 1));
    for (int r = 0; r < 1000; r++)
        ck_assert(grid_seed((uint64_t)r * 7919, "sigma_a=2 rho=-0.9", r) <= GRID_SEED_MASK);

    /* a point's seeds follow its values, not its position in the list */
    params_t base = util_params("seed=42", NULL);
    sweep_table_t a, b;
    char err[256];
    const char *sa[] = {"rho=0,0.5"}, *sb[] = {"rho=0.5,0.9"};
    ck_assert_int_eq(sweep_table_init(&a, &base, sa, 1, 3, NULL, err, sizeof err), UB_OK);
    ck_assert_int_eq(sweep_table_init(&b, &base, sb, 1, 3, NULL, err, sizeof err), UB_OK);
    for (int r = 0; r < 3; r++) {
        ck_assert_uint_eq(a.row[3 + r].seed, b.row[r].seed);
        ck_assert_uint_eq(a.row[3 + r].seed, grid_seed(42, "rho=0.5", r));
    }
    /* and the run parameters carry them */
    params_t p;
    ck_assert_int_eq(sweep_run_params(&a, 4, &p, err, sizeof err), UB_OK);
    ck_assert_uint_eq(p.seed, a.row[4].seed);
    ck_assert_double_eq(p.rho, 0.5);
    sweep_table_free(&a);
    sweep_table_free(&b);

    /* sweeping the seed itself: each value is the base of its own seeds */
    const char *ss[] = {"seed=1:3:3"};
    ck_assert_int_eq(sweep_table_init(&a, &base, ss, 1, 1, NULL, err, sizeof err), UB_OK);
    ck_assert_uint_eq(a.row[1].seed, grid_seed(2, "seed=2", 0));
    sweep_table_free(&a);
}
END_TEST

START_TEST(shard_parsing)
{
    shard_t s;
    char err[256] = "";
    ck_assert_int_eq(shard_parse("2/8", &s, err, sizeof err), UB_OK);
    ck_assert_int_eq(s.k, 2);
    ck_assert_int_eq(s.n, 8);
    ck_assert_int_eq(shard_parse("1/1", &s, err, sizeof err), UB_OK);
    const char *bad[] = {"0/2", "3/2", "1/0", "2", "a/b", "-1/2", "1/2/3", "/2", "1/", "1 /2", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        ck_assert_msg(shard_parse(bad[i], &s, err, sizeof err) == UB_EINVAL, "'%s' accepted", bad[i]);
        ck_assert_msg(strstr(err, "--shard"), "'%s': %s", bad[i], err);
    }
}
END_TEST

START_TEST(shards_cover_each_run_once)
{
    for (long n = 1; n <= 7; n++)
        for (long nruns = 0; nruns <= 40; nruns++) {
            long total = 0;
            for (long run = 0; run < nruns; run++) {
                int owners = 0;
                for (long k = 1; k <= n; k++)
                    owners += shard_owns(&(shard_t){k, n}, run);
                ck_assert_msg(owners == 1, "run %ld of %ld has %d owners among %ld shards", run, nruns, owners, n);
            }
            for (long k = 1; k <= n; k++)
                total += shard_count(&(shard_t){k, n}, nruns);
            ck_assert_int_eq(total, nruns);
        }
    /* the tables of 3 shards hold the whole sweep's runs, with the same seeds */
    params_t base = util_params(NULL);
    const char *specs[] = {"sigma_a=1,2", "rho=-0.5:0.5:5"};
    sweep_table_t whole, part[3];
    char err[256];
    ck_assert_int_eq(sweep_table_init(&whole, &base, specs, 2, 2, NULL, err, sizeof err), UB_OK);
    ck_assert_int_eq(whole.nrows, 20);
    long seen[20] = {0};
    for (int k = 0; k < 3; k++) {
        shard_t sh = {k + 1, 3};
        ck_assert_int_eq(sweep_table_init(&part[k], &base, specs, 2, 2, &sh, err, sizeof err), UB_OK);
        for (long i = 0; i < part[k].nrows; i++) {
            const sweep_row_t *r = &part[k].row[i];
            ck_assert(i == 0 || r->run > part[k].row[i - 1].run);
            seen[r->run]++;
            ck_assert_uint_eq(r->seed, whole.row[r->run].seed);
        }
        sweep_table_free(&part[k]);
    }
    for (int i = 0; i < 20; i++)
        ck_assert_int_eq(seen[i], 1);
    sweep_table_free(&whole);
}
END_TEST

static void clear_slurm(void)
{
    const char *v[] = {"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
                       "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        unsetenv(v[i]);
}

static void expect_env(const char *id, const char *min, const char *max, const char *step, const char *count,
                       long k, long n)
{
    clear_slurm();
    if (id)
        setenv("SLURM_ARRAY_TASK_ID", id, 1);
    if (min)
        setenv("SLURM_ARRAY_TASK_MIN", min, 1);
    if (max)
        setenv("SLURM_ARRAY_TASK_MAX", max, 1);
    if (step)
        setenv("SLURM_ARRAY_TASK_STEP", step, 1);
    if (count)
        setenv("SLURM_ARRAY_TASK_COUNT", count, 1);
    shard_t s = {0, 0};
    bool found;
    char err[256] = "";
    int rc = shard_from_env(&s, &found, err, sizeof err);
    if (k > 0) {
        ck_assert_msg(rc == UB_OK, "id %s: %s", id, err);
        ck_assert(found);
        ck_assert_int_eq(s.k, k);
        ck_assert_int_eq(s.n, n);
    } else {
        ck_assert_msg(rc == UB_EINVAL, "id %s min %s max %s count %s accepted", id, min, max, count);
        ck_assert_msg(strstr(err, "SLURM_ARRAY_TASK"), "%s", err);
    }
}

START_TEST(slurm_environment)
{
    clear_slurm();
    shard_t s = {1, 1};
    bool found = true;
    char err[256];
    ck_assert_int_eq(shard_from_env(&s, &found, err, sizeof err), UB_OK);
    ck_assert(!found);
    expect_env("3", "1", "4", NULL, "4", 3, 4);      /* --array=1-4 */
    expect_env("0", "0", "9", NULL, "10", 1, 10);    /* --array=0-9 */
    expect_env("5", "1", "7", "2", "4", 3, 4);       /* --array=1-7:2 -> 1,3,5,7 */
    expect_env("4", "1", "4", NULL, NULL, 4, 4);     /* no count: from min/max */
    expect_env("2", NULL, NULL, NULL, "4", 3, 4);    /* count alone: ids 0..3 */
    expect_env("7", "1", "7", NULL, "3", 0, 0);      /* --array=1,4,7: cannot place 7 */
    expect_env("4", "1", "7", "2", "4", 0, 0);       /* off the step grid */
    expect_env("4", NULL, NULL, NULL, "4", 0, 0);    /* id beyond count */
    expect_env("3", NULL, NULL, NULL, NULL, 0, 0);   /* id alone */
    expect_env("x", "1", "4", NULL, "4", 0, 0);      /* not a number */
    expect_env("2", "1", "4", NULL, "four", 0, 0);
    clear_slurm();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sweep_spec");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, lists_and_ranges);
    tcase_add_test(tc, bad_specs);
    tcase_add_test(tc, grid_numbering);
    tcase_add_test(tc, grid_refusals);
    tcase_add_test(tc, seeds);
    tcase_add_test(tc, shard_parsing);
    tcase_add_test(tc, shards_cover_each_run_once);
    tcase_add_test(tc, slurm_environment);
    suite_add_tcase(s, tc);
    return util_run(s);
}
