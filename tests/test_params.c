/* test_params.c - the parameter table: defaults, parsing, every validation
 * message, cross-field rules, formatting and nudging. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "util.h"

static void expect_error(const char *kv, const char *needle1, const char *needle2)
{
    params_t p;
    params_default(&p);
    params_t before = p;
    char err[256] = "";
    int rc = params_set_kv(&p, kv, err, sizeof err);
    ck_assert_msg(rc == UB_EINVAL, "%s accepted", kv);
    ck_assert_msg(strstr(err, needle1), "'%s': message '%s' lacks '%s'", kv, err, needle1);
    if (needle2)
        ck_assert_msg(strstr(err, needle2), "'%s': message '%s' lacks '%s'", kv, err, needle2);
    ck_assert_msg(memcmp(&p, &before, sizeof p) == 0, "%s changed the parameters on error", kv);
}

START_TEST(defaults_match_design)
{
    params_t p;
    params_default(&p);
    ck_assert_int_eq(p.data, DATA_TOY);
    ck_assert_double_eq(p.sigma_a, 2);
    ck_assert_double_eq(p.sigma_b, 1);
    ck_assert_double_eq(p.rho, 0);
    ck_assert_double_eq(p.w_a, 1);
    ck_assert_double_eq(p.w_b, 1);
    ck_assert_double_eq(p.noise, 0);
    ck_assert_int_eq(p.dim_a, 50);
    ck_assert_int_eq(p.n, 0);
    ck_assert_int_eq(p.depth, 2);
    ck_assert_int_eq(p.fuse, 2);
    ck_assert_int_eq(p.width, 100);
    ck_assert_int_eq(p.activation, ACT_LINEAR);
    ck_assert_double_eq(p.init, 1e-9);
    ck_assert_int_eq(p.init_scheme, INIT_FLAT);
    ck_assert_double_eq(p.lr, 0.04);
    ck_assert_uint_eq(p.seed, 1);
    char err[256];
    ck_assert_msg(params_check(&p, err, sizeof err) == UB_OK, "%s", err);
    /* every default reads back through the table */
    for (size_t i = 0; i < params_count(); i++) {
        const param_info_t *pi = params_info(i);
        char v[64];
        params_format(&p, pi->key, v, sizeof v);
        params_t q = p;
        ck_assert_msg(params_set(&q, pi->key, v, err, sizeof err) == UB_OK, "%s=%s: %s", pi->key, v, err);
        ck_assert(memcmp(&p, &q, sizeof p) == 0);
        ck_assert_ptr_nonnull(pi->help);
    }
}
END_TEST

START_TEST(bad_values)
{
    expect_error("rho=1.5", "rho", "(-1, 1)");
    expect_error("rho=1", "rho", "got 1");
    expect_error("rho=-1", "rho", "(-1, 1)");
    expect_error("width=0", "width", "[1, 4096]");
    expect_error("width=2.5", "width", "whole number");
    expect_error("depth=0", "depth", "[1, 32]");
    expect_error("sigma_a=0", "sigma_a", "(0,");
    expect_error("sigma_a=-1", "sigma_a", NULL);
    expect_error("lr=0", "lr", NULL);
    expect_error("lr=abc", "lr", "finite number");
    expect_error("lr=1e999", "lr", "finite number");
    expect_error("lr=nan", "lr", "finite number");
    expect_error("init=1e-9x", "init", "'1e-9x'");
    expect_error("n=-5", "n", NULL);
    expect_error("data=toys", "data", "toy|multi|xor");
    expect_error("activation=tanh", "activation", "linear|relu|leaky");
    expect_error("seed=-1", "seed", "2^64");
    expect_error("sigma_c=1", "unknown parameter 'sigma_c'", "did you mean 'sigma_a'");
    expect_error("widht=10", "unknown parameter", "'width'");
    expect_error("zzzzzz=1", "unknown parameter 'zzzzzz'", "--help");
    expect_error("rho", "key=value", NULL);
    expect_error("rho=", "rho needs a value", NULL);
    expect_error("=3", "key=value", NULL);
}
END_TEST

START_TEST(good_values)
{
    params_t p = util_params("rho=-0.5", "width=1e2", " sigma_a = 3 ", "data=multi", "seed=18446744073709551615",
                             "n=70", NULL);
    ck_assert_double_eq(p.rho, -0.5);
    ck_assert_int_eq(p.width, 100);
    ck_assert_double_eq(p.sigma_a, 3);
    ck_assert_int_eq(p.data, DATA_MULTI);
    ck_assert_uint_eq(p.seed, 18446744073709551615ull);
    ck_assert_int_eq(p.n, 70);
}
END_TEST

START_TEST(cross_field)
{
    char err[256];
    params_t p = util_params("depth=2", "fuse=3", NULL);
    ck_assert_int_eq(params_check(&p, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "fuse") && strstr(err, "depth (2)") && strstr(err, "fuse=3"), "%s", err);
    p = util_params("activation=relu", "path=moments", NULL);
    ck_assert_int_eq(params_check(&p, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "path=moments") && strstr(err, "activation=relu"), "%s", err);
    p = util_params("data=xor", "path=moments", NULL); /* linear nets on xor: moments suffice */
    ck_assert_int_eq(params_check(&p, err, sizeof err), UB_OK);
    p = util_params("width=4096", "depth=32", "fuse=1", NULL);
    ck_assert_int_eq(params_check(&p, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "too large") && strstr(err, "width=4096"), "%s", err);
    p = util_params("activation=relu", "n=10000000", "width=1000", NULL);
    ck_assert_int_eq(params_check(&p, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "n=10000000"), "%s", err);
    /* a hand-built params_t out of range is caught too */
    params_default(&p);
    p.rho = 1.0;
    ck_assert_int_eq(params_check(&p, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "rho"), "%s", err);
}
END_TEST

START_TEST(samples_rules)
{
    params_t p = util_params("activation=relu", NULL);
    ck_assert(params_uses_samples(&p));
    ck_assert_int_eq(params_samples(&p), PARAMS_NONLINEAR_DEFAULT_N);
    p = util_params("n=500", NULL);
    ck_assert(!params_uses_samples(&p));
    ck_assert_int_eq(params_samples(&p), 500);
    p = util_params("data=xor", NULL);
    ck_assert(!params_uses_samples(&p));
    p = util_params("data=xor", "activation=relu", NULL);
    ck_assert(params_uses_samples(&p));
    p = util_params(NULL);
    ck_assert_int_eq(params_samples(&p), 0);
    ck_assert_str_eq(params_fusion_name(&p), "late fusion");
    p = util_params("fuse=1", NULL);
    ck_assert_str_eq(params_fusion_name(&p), "early fusion");
    p = util_params("depth=4", "fuse=3", NULL);
    ck_assert_str_eq(params_fusion_name(&p), "intermediate fusion");
    p = util_params("depth=1", "fuse=1", NULL);
    ck_assert_str_eq(params_fusion_name(&p), "shallow");
}
END_TEST

START_TEST(nudge)
{
    params_t p = util_params(NULL);
    char err[256];
    ck_assert(params_nudge(&p, "rho", 1, false, err, sizeof err) == UB_OK);
    ck_assert(params_nudge(&p, "rho", 1, false, err, sizeof err) == UB_OK);
    ck_assert(params_nudge(&p, "rho", 1, false, err, sizeof err) == UB_OK);
    char v[64];
    params_format(&p, "rho", v, sizeof v);
    ck_assert_str_eq(v, "0.15"); /* no 0.15000000000000002 */
    p.rho = 0.95;
    ck_assert_int_eq(params_nudge(&p, "rho", 1, false, err, sizeof err), UB_EINVAL);
    ck_assert_double_eq(p.rho, 0.95); /* refused, not clamped */
    ck_assert_msg(strstr(err, "(-1, 1)"), "%s", err);
    ck_assert(params_nudge(&p, "init", 1, true, err, sizeof err) == UB_OK);
    ck_assert_double_eq_tol(p.init, 1e-8, 1e-20);
    ck_assert(params_nudge(&p, "data", 1, false, err, sizeof err) == UB_OK);
    ck_assert_int_eq(p.data, DATA_MULTI);
    ck_assert(params_nudge(&p, "data", -1, false, err, sizeof err) == UB_OK);
    ck_assert(params_nudge(&p, "data", -1, false, err, sizeof err) == UB_OK);
    ck_assert_int_eq(p.data, DATA_XOR); /* enums wrap */
    p.width = 1;
    ck_assert_int_eq(params_nudge(&p, "width", -1, false, err, sizeof err), UB_EINVAL);
    ck_assert_int_eq(p.width, 1);
}
END_TEST

START_TEST(applies)
{
    params_t p = util_params(NULL);
    ck_assert(params_applies(&p, params_find("rho")));
    ck_assert(!params_applies(&p, params_find("dim_a")));
    ck_assert(!params_applies(&p, params_find("slope")));
    p = util_params("data=multi", "activation=leaky", NULL);
    ck_assert(!params_applies(&p, params_find("rho")));
    ck_assert(params_applies(&p, params_find("dim_a")));
    ck_assert(params_applies(&p, params_find("slope")));
    ck_assert_ptr_null(params_suggest("qqqqqqqq"));
    ck_assert_str_eq(params_suggest("RHO"), "rho");
    ck_assert_str_eq(params_suggest("with"), "width");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("params");
    TCase *tc = tcase_create("params");
    tcase_add_test(tc, defaults_match_design);
    tcase_add_test(tc, bad_values);
    tcase_add_test(tc, good_values);
    tcase_add_test(tc, cross_field);
    tcase_add_test(tc, samples_rules);
    tcase_add_test(tc, nudge);
    tcase_add_test(tc, applies);
    suite_add_tcase(s, tc);
    return util_run(s);
}
