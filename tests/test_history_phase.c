/* test_history_phase.c - bounded history, the phase tracker and the
 * reference measurement rule on synthetic trajectories. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "unibias/history.h"
#include "unibias/phase.h"
#include "util.h"

START_TEST(history_decimates_uniformly)
{
    history_t h;
    ck_assert_int_eq(history_init(&h, 64), UB_OK);
    for (long s = 0; s < 1000000; s++) {
        hpoint_t p = {s, 1.0 / (1 + s), (double)s, -(double)s, NAN, 0};
        history_push(&h, &p);
        ck_assert_uint_le(h.len, 64);
    }
    ck_assert_uint_ge(h.len, 32); /* at least half full after a halving */
    ck_assert_int_eq(h.pt[0].step, 0);
    long gap = h.pt[1].step - h.pt[0].step;
    ck_assert_int_eq(gap, h.stride);
    for (size_t i = 1; i < h.len; i++)
        ck_assert_int_eq(h.pt[i].step - h.pt[i - 1].step, gap);
    ck_assert_int_ge(h.pt[h.len - 1].step, 1000000 - 2 * gap); /* covers the whole run */
    ck_assert_int_eq(h.last.step, 999999);
    /* interpolation */
    ck_assert_double_eq_tol(history_wa_at(&h, 12345), 12345.0, 1e-9);
    ck_assert_double_eq_tol(history_wb_at(&h, 999999), -999999.0, 1e-9);
    history_t c;
    ck_assert_int_eq(history_init(&c, 64), UB_OK);
    history_copy(&c, &h);
    ck_assert_uint_eq(c.len, h.len);
    ck_assert_int_eq(c.pt[c.len - 1].step, h.pt[h.len - 1].step);
    history_clear(&h);
    ck_assert_uint_eq(h.len, 0);
    history_free(&h);
    history_free(&c);
}
END_TEST

/* A logistic rise from 0 to top centred at step c. */
static double rise(long s, double c, double width, double top)
{
    return top / (1.0 + exp(-(s - c) / width));
}

START_TEST(phase_late_fusion_shape)
{
    phase_tracker_t pt;
    /* A prioritised: unimodal value 1.25 (overshoot), final 1.0; B final 1.0 */
    ck_assert_int_eq(phase_init(&pt, MOD_A, 1.25, 1.0, 1.0), UB_OK);
    history_t h;
    history_init(&h, 4096);
    phase_t order[8];
    int norder = 0;
    for (long s = 0; s < 2000; s++) {
        double wa = rise(s, 100, 5, 1.25) - rise(s, 500, 10, 0.25);
        double wb = rise(s, 500, 10, 1.0);
        phase_t ph = phase_update(&pt, s, wa, wb);
        if (norder == 0 || order[norder - 1] != ph)
            order[norder++] = ph;
        hpoint_t p = {s, 0, wa, wb, NAN, ph};
        history_push(&h, &p);
    }
    ck_assert_int_eq(norder, 3);
    ck_assert_int_eq(order[0], PHASE_PLATEAU);
    ck_assert_int_eq(order[1], PHASE_UNIMODAL_A);
    ck_assert_int_eq(order[2], PHASE_MULTIMODAL);
    phase_result_t r;
    phase_result(&pt, &h, &r);
    ck_assert_int_eq(r.t_a, 100);  /* closest to half of 1.25 */
    ck_assert_int_eq(r.t_b, 500);  /* closest to half the max of B */
    ck_assert_int_eq(r.cross_a, 100);
    ck_assert_int_eq(r.learned_first, MOD_A);
    ck_assert_double_eq_tol(r.time_ratio, 5.0, 1e-12);
    /* t_mid = 300: W_A = 1.25 then, 1.0 at the end */
    ck_assert_double_eq_tol(r.misattribution, 0.25, 1e-3);
    phase_set(&pt, PHASE_CONVERGED);
    ck_assert_int_eq(phase_update(&pt, 2000, 1, 1), PHASE_CONVERGED);
    ck_assert_str_eq(phase_name(PHASE_UNIMODAL_B), "UNIMODAL");
    ck_assert_str_eq(phase_label(PHASE_UNIMODAL_B), "UNIMODAL B");
    phase_free(&pt);
    history_free(&h);
}
END_TEST

START_TEST(phase_early_fusion_no_unimodal)
{
    phase_tracker_t pt;
    ck_assert_int_eq(phase_init(&pt, MOD_A, 1.0, 1.0, 1.0), UB_OK);
    for (long s = 0; s < 1000; s++) {
        /* B a little behind A, but never silent once A is at half */
        phase_t ph = phase_update(&pt, s, rise(s, 100, 5, 1.0), rise(s, 110, 5, 1.0));
        ck_assert_msg(ph != PHASE_UNIMODAL_A && ph != PHASE_UNIMODAL_B, "unimodal at step %ld", s);
    }
    phase_result_t r;
    phase_result(&pt, NULL, &r);
    ck_assert_double_eq_tol(r.time_ratio, 1.1, 1e-9);
    phase_free(&pt);
}
END_TEST

START_TEST(phase_b_prioritised_and_unlearned)
{
    phase_tracker_t pt;
    ck_assert_int_eq(phase_init(&pt, MOD_B, 2.0, 1.0, 2.0), UB_OK);
    for (long s = 0; s < 1000; s++)
        phase_update(&pt, s, 1e-9, rise(s, 200, 5, 2.0)); /* A never learned */
    ck_assert_int_eq(pt.phase, PHASE_UNIMODAL_B);
    phase_result_t r;
    phase_result(&pt, NULL, &r);
    ck_assert_int_eq(r.t_b, 200);
    ck_assert_int_eq(r.t_a, -1);
    ck_assert(isnan(r.time_ratio));
    ck_assert_int_eq(r.learned_first, MOD_B);
    phase_free(&pt);
}
END_TEST

/* Without a prioritised modality (a tie, or xor) the ratio is taken against
 * the modality measured first, and mis-attribution is undefined. */
START_TEST(phase_no_theory_uses_measured_first)
{
    phase_tracker_t pt;
    ck_assert_int_eq(phase_init(&pt, MOD_NONE, 1.0, 1.0, 1.0), UB_OK);
    history_t h;
    history_init(&h, 4096);
    for (long s = 0; s < 2000; s++) {
        double wa = rise(s, 800, 5, 1.0), wb = rise(s, 200, 5, 1.0);
        phase_update(&pt, s, wa, wb);
        hpoint_t p = {s, 0, wa, wb, NAN, 0};
        history_push(&h, &p);
    }
    phase_result_t r;
    phase_result(&pt, &h, &r);
    ck_assert_int_eq(r.learned_first, MOD_B);
    ck_assert_double_eq_tol(r.time_ratio, 4.0, 1e-12);
    ck_assert(isnan(r.misattribution));
    phase_free(&pt);
    history_free(&h);
}
END_TEST

/* The half-max tracker stays bounded however long and noisy the run. */
START_TEST(halfmax_bounded)
{
    phase_tracker_t pt;
    ck_assert_int_eq(phase_init(&pt, MOD_NONE, 1.0, 1.0, 1.0), UB_OK);
    for (long s = 0; s < 3000000; s++) {
        double x = 1e-12 * exp(s * 1e-5); /* grows over 3e6 steps to ~1e1 */
        phase_update(&pt, s, x, x);
        ck_assert_int_le(pt.hm_a.len, pt.hm_a.cap);
    }
    phase_result_t r;
    phase_result(&pt, NULL, &r);
    /* closest to half the final value: ln 2 / 1e-5 steps before the end, to
     * the tracker's level resolution (1e-4 relative = 10 steps of 1e-5 growth) */
    ck_assert_int_le(labs(r.t_a - (2999999 - (long)(log(2) / 1e-5))), 10);
    phase_free(&pt);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("history_phase");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, history_decimates_uniformly);
    tcase_add_test(tc, phase_late_fusion_shape);
    tcase_add_test(tc, phase_early_fusion_no_unimodal);
    tcase_add_test(tc, phase_b_prioritised_and_unlearned);
    tcase_add_test(tc, halfmax_bounded);
    tcase_add_test(tc, phase_no_theory_uses_measured_first);
    suite_add_tcase(s, tc);
    return util_run(s);
}
