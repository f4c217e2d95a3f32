/* test_train.c - scenarios: the paper's Fig. 3 setting, early vs late vs
 * deep fusion, mis-attribution's sign, divergence, carrying weights. */
#include <check.h>
#include <math.h>

#include "unibias/train.h"
#include "util.h"

static void run(train_t *t, const params_t *p)
{
    char err[256];
    ck_assert_msg(train_init(t, p, err, sizeof err) == UB_OK, "%s", err);
    train_run(t, train_budget(t));
    train_eval(t);
}

START_TEST(fig3_late_fusion)
{
    /* THEORY.md 7: the reference code measures t_A = 128, t_B = 466 here */
    params_t p = util_params(NULL);
    train_t t;
    run(&t, &p);
    phase_result_t r;
    train_result(&t, &r);
    ck_assert_int_eq(t.phase, PHASE_CONVERGED);
    ck_assert_msg(r.t_a >= 120 && r.t_a <= 136, "t_a = %ld", r.t_a);
    ck_assert_msg(r.t_b >= 440 && r.t_b <= 495, "t_b = %ld", r.t_b);
    ck_assert_double_eq_tol(t.th.time_ratio, 4.0, 1e-12);
    ck_assert_msg(r.time_ratio > 3.4 && r.time_ratio < 4.0, "ratio %g", r.time_ratio);
    ck_assert_int_eq(r.learned_first, MOD_A);
    ck_assert_double_eq_tol(t.wa, 1.0, 1e-3);
    ck_assert_double_eq_tol(t.wb, 1.0, 1e-2);
    /* the unimodal phase sits between the two crossings */
    bool uni = false;
    for (size_t i = 0; i < t.hist.len; i++) {
        const hpoint_t *h = &t.hist.pt[i];
        if (h->phase == PHASE_UNIMODAL_A) {
            uni = true;
            ck_assert(h->step >= r.cross_a && h->step < r.cross_b);
        }
        if (h->step > r.cross_a + 5 && h->step < r.cross_b - 60)
            ck_assert_msg(h->phase == PHASE_UNIMODAL_A, "step %ld phase %d", h->step, h->phase);
        ck_assert(h->phase != PHASE_UNIMODAL_B);
    }
    ck_assert(uni);
    train_free(&t);
}
END_TEST

START_TEST(early_fusion_no_unimodal_phase)
{
    params_t p = util_params("fuse=1", NULL);
    train_t t;
    run(&t, &p);
    phase_result_t r;
    train_result(&t, &r);
    ck_assert_int_eq(t.phase, PHASE_CONVERGED);
    for (size_t i = 0; i < t.hist.len; i++)
        ck_assert_msg(t.hist.pt[i].phase != PHASE_UNIMODAL_A && t.hist.pt[i].phase != PHASE_UNIMODAL_B,
                      "unimodal at step %ld", t.hist.pt[i].step);
    ck_assert_double_eq(t.th.time_ratio, 1.0);
    ck_assert_msg(r.time_ratio < 1.2, "early fusion ratio %g", r.time_ratio);
    train_free(&t);
}
END_TEST

START_TEST(misattribution_follows_rho)
{
    for (int sgn = -1; sgn <= 1; sgn += 2) {
        params_t p = util_params(sgn < 0 ? "rho=-0.5" : "rho=0.5", NULL);
        train_t t;
        run(&t, &p);
        phase_result_t r;
        train_result(&t, &r);
        ck_assert_double_eq_tol(t.th.misattribution, 0.25 * sgn, 1e-12);
        ck_assert_double_eq_tol(t.th.time_ratio, 5.0, 1e-12);
        ck_assert_msg(r.misattribution * sgn > 0.2 && r.misattribution * sgn < 0.3, "rho %d: %g", sgn,
                      r.misattribution);
        ck_assert_msg(r.time_ratio > 4.3 && r.time_ratio < 5.0, "ratio %g", r.time_ratio);
        train_free(&t);
    }
}
END_TEST

START_TEST(deeper_fusion_longer_unimodal)
{
    double prev = 0.0;
    for (int f = 1; f <= 4; f++) {
        char fs[32];
        snprintf(fs, sizeof fs, "fuse=%d", f);
        params_t p = util_params("depth=4", fs, "init=0.1", "init_scheme=scaled", "width=50", NULL);
        train_t t;
        run(&t, &p);
        phase_result_t r;
        train_result(&t, &r);
        ck_assert_int_eq(t.phase, PHASE_CONVERGED);
        ck_assert_msg(r.time_ratio > prev, "fuse=%d ratio %g not above %g", f, r.time_ratio, prev);
        prev = r.time_ratio;
        train_free(&t);
    }
    ck_assert(prev > 3.0);
}
END_TEST

START_TEST(divergence_is_a_result)
{
    params_t p = util_params("lr=50", NULL);
    train_t t;
    run(&t, &p);
    ck_assert_int_eq(t.phase, PHASE_DIVERGED);
    ck_assert(t.done);
    ck_assert_int_lt(t.step, 100);
    long s = t.step;
    ck_assert_int_eq(train_run(&t, 10), 0); /* stays stopped */
    ck_assert_int_eq(t.step, s);
    train_free(&t);
}
END_TEST

START_TEST(exact_budget_runs_past_convergence)
{
    params_t p = util_params("steps=2000", NULL);
    train_t t;
    char err[256];
    ck_assert(train_init(&t, &p, err, sizeof err) == UB_OK);
    t.run_past_convergence = true;
    ck_assert_int_eq(train_run(&t, train_budget(&t)), 2000);
    ck_assert_int_eq(t.phase, PHASE_CONVERGED);
    train_free(&t);
}
END_TEST

START_TEST(history_bounded_long_run)
{
    params_t p = util_params("steps=300000", NULL);
    train_t t;
    char err[256];
    ck_assert(train_init(&t, &p, err, sizeof err) == UB_OK);
    t.run_past_convergence = true;
    train_run(&t, 300000);
    ck_assert_uint_le(t.hist.len, t.hist.cap);
    ck_assert_uint_eq(t.hist.cap, TRAIN_HISTORY_CAP);
    ck_assert_int_ge(t.hist.pt[t.hist.len - 1].step, 300000 - 2 * t.hist.stride);
    train_free(&t);
}
END_TEST

START_TEST(carry_keeps_weights)
{
    params_t p = util_params(NULL);
    train_t t;
    char err[256];
    ck_assert(train_init(&t, &p, err, sizeof err) == UB_OK);
    train_run(&t, 300);
    double wa = t.wa;
    params_t q = p;
    q.rho = 0.5;
    ck_assert(train_set_params(&t, &q, true, err, sizeof err) == UB_OK);
    ck_assert_int_eq(t.step, 300);
    ck_assert_double_eq_tol(t.wa, wa, 0.05);
    ck_assert_double_eq_tol(t.th.time_ratio, 5.0, 1e-12);
    /* without carry, or on an architecture change, it restarts */
    ck_assert(train_set_params(&t, &q, false, err, sizeof err) == UB_OK);
    ck_assert_int_eq(t.step, 0);
    train_run(&t, 300);
    q.fuse = 1;
    ck_assert(train_set_params(&t, &q, true, err, sizeof err) == UB_OK);
    ck_assert_int_eq(t.step, 0);
    /* a bad change leaves the run alone */
    q.fuse = 3;
    ck_assert_int_eq(train_set_params(&t, &q, true, err, sizeof err), UB_EINVAL);
    ck_assert_int_eq(t.p.fuse, 1);
    train_restart(&t);
    ck_assert_int_eq(t.step, 0);
    train_free(&t);
}
END_TEST

START_TEST(relu_late_fusion_learns_a_first)
{
    params_t p = util_params("activation=relu", "n=1024", "width=30", NULL);
    train_t t;
    run(&t, &p);
    phase_result_t r;
    train_result(&t, &r);
    ck_assert_int_eq(r.learned_first, MOD_A);
    ck_assert_msg(r.time_ratio > 3.0, "ratio %g", r.time_ratio);
    ck_assert_double_eq_tol(t.wa, 1.0, 0.02); /* least-squares read-out, not the raw product */
    train_free(&t);
}
END_TEST

/* A linear net on xor trains on moments and is read out through the features
 * exactly as the per-sample path reads it; it never learns the XOR term. */
START_TEST(linear_xor_moments_equal_samples)
{
    params_t p = util_params("data=xor", "n=300", "width=12", "init=0.01", "steps=400", NULL);
    params_t q = p;
    q.path = PATH_SAMPLES;
    train_t a, b;
    char err[256];
    ck_assert_msg(train_init(&a, &p, err, sizeof err) == UB_OK, "%s", err);
    ck_assert_msg(train_init(&b, &q, err, sizeof err) == UB_OK, "%s", err);
    ck_assert(!a.samples && b.samples);
    for (int s = 0; s < 400; s++) {
        train_run(&a, 1);
        train_run(&b, 1);
        ck_assert_double_eq_tol(a.loss, b.loss, 1e-10 * fmax(1.0, a.loss));
        ck_assert_double_eq_tol(a.wa, b.wa, 1e-10);
        ck_assert_double_eq_tol(a.wb, b.wb, 1e-10);
    }
    ck_assert_double_lt(fabs(a.wa), 0.05); /* no XOR */
    ck_assert_double_gt(a.wb, 0.9);        /* x_B's weight learned */
    train_free(&a);
    train_free(&b);
}
END_TEST

START_TEST(samples_generalisation)
{
    /* overparameterised late fusion: the unimodal phase fits noise in A */
    params_t p = util_params("data=multi", "dim_a=10", "dim_b=10", "n=14", "noise=0.5", "sigma_a=1.7320508075688772",
                             "w_a=0.1", "w_b=0.1", "width=20", "steps=1500", "init=1e-3", NULL);
    train_t t;
    run(&t, &p);
    ck_assert(isfinite(t.eg));
    ck_assert(t.eg >= 0);
    ck_assert(isfinite(t.th.eg_floor));
    train_free(&t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("train");
    TCase *tc = tcase_create("scenarios");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, fig3_late_fusion);
    tcase_add_test(tc, early_fusion_no_unimodal_phase);
    tcase_add_test(tc, misattribution_follows_rho);
    tcase_add_test(tc, deeper_fusion_longer_unimodal);
    tcase_add_test(tc, divergence_is_a_result);
    tcase_add_test(tc, exact_budget_runs_past_convergence);
    tcase_add_test(tc, history_bounded_long_run);
    tcase_add_test(tc, carry_keeps_weights);
    tcase_add_test(tc, relu_late_fusion_learns_a_first);
    tcase_add_test(tc, samples_generalisation);
    tcase_add_test(tc, linear_xor_moments_equal_samples);
    suite_add_tcase(s, tc);
    return util_run(s);
}
