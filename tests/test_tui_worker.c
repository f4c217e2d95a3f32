/* test_tui_worker.c - the training thread through its public API, without a
 * terminal: runs the default preset through its phases, pause freezes the
 * step counter, single steps, parameter edits (restart and carry), refusals
 * reported back, restart, the wake pipe, and a bad start. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/runner.h"
#include "tui/speed.h"
#include "tui/worker.h"
#include "unibias/phase.h"
#include "unibias/theory.h"
#include "unibias/train.h"
#include "util.h"

typedef bool (*pred_t)(const wsnap_t *s, unsigned long arg);

/* Polls snapshots until pred holds; fails the test after timeout seconds. */
static void wait_for(worker_t *w, wsnap_t *s, pred_t pred, unsigned long arg, double timeout, const char *what)
{
    double t0 = now_s();
    for (;;) {
        worker_snapshot(w, s);
        if (pred(s, arg))
            return;
        ck_assert_msg(now_s() - t0 < timeout, "timed out waiting for %s (step %ld, phase %d)", what, s->step,
                      s->phase);
        sleep_ms(2);
    }
}

static bool is_done(const wsnap_t *s, unsigned long seq)
{
    return s->cmd_seq >= seq && s->done;
}

static bool handled(const wsnap_t *s, unsigned long seq)
{
    return s->cmd_seq >= seq;
}

static bool paused_at(const wsnap_t *s, unsigned long seq)
{
    return s->cmd_seq >= seq && s->paused;
}

static params_t defaults(void)
{
    params_t p;
    params_default(&p);
    return p;
}

static worker_t *start(const params_t *p, int speed)
{
    char err[256] = "";
    worker_t *w = worker_start(p, speed, -1, err, sizeof err);
    ck_assert_msg(w != NULL, "worker_start: %s", err);
    return w;
}

static int max_speed(void)
{
    return speed_count() - 1;
}

/* Whether the recorded phases move forward only, and which ones appear. */
static unsigned phases_seen(const wsnap_t *s)
{
    unsigned seen = 0;
    int last = -1;
    for (size_t i = 0; i < s->hist.len; i++) {
        int ph = s->hist.pt[i].phase;
        ck_assert_msg(ph >= last || (last == PHASE_UNIMODAL_B && ph == PHASE_UNIMODAL_A) == false,
                      "phase went back from %d to %d", last, ph);
        if (ph > last)
            last = ph;
        seen |= 1u << ph;
    }
    return seen;
}

START_TEST(default_preset_runs_through_its_phases)
{
    params_t p = defaults();
    worker_t *w = start(&p, max_speed());
    wsnap_t s;
    ck_assert_int_eq(wsnap_init(&s), 0);
    wait_for(w, &s, is_done, 0, 20, "convergence");
    ck_assert_int_eq(s.phase, PHASE_CONVERGED);
    unsigned seen = phases_seen(&s);
    ck_assert(seen & (1u << PHASE_PLATEAU));
    ck_assert(seen & (1u << PHASE_UNIMODAL_A));
    ck_assert(seen & (1u << PHASE_MULTIMODAL));
    ck_assert(!(seen & (1u << PHASE_UNIMODAL_B)));
    /* THEORY.md 7: the reference code measures t_A = 128, t_B = 466 */
    ck_assert_int_ge(s.res.t_a, 110);
    ck_assert_int_le(s.res.t_a, 145);
    ck_assert_int_ge(s.res.t_b, 420);
    ck_assert_int_le(s.res.t_b, 520);
    ck_assert_int_eq(s.res.learned_first, MOD_A);
    ck_assert(fabs(s.th.time_ratio - 4) < 1e-9);
    ck_assert(fabs(s.th.uni_a - 1) < 1e-9 && fabs(s.th.star_a - 1) < 1e-9 && fabs(s.th.star_b - 1) < 1e-9);
    ck_assert(fabs(s.th.loss_m0 - 2.5) < 1e-9 && fabs(s.th.loss_ma - 0.5) < 1e-9);
    ck_assert_int_eq(s.th.prioritised, MOD_A);
    ck_assert(s.signed_w && s.flow_ok && !s.samples);
    ck_assert(fabs(s.m_sxx[0] - 4) < 1e-12 && fabs(s.m_sxx[3] - 1) < 1e-12);
    ck_assert_int_eq(s.run_steps, s.step);
    ck_assert(s.run_secs > 0);
    ck_assert(s.rate == 0);   /* finished: not running */
    worker_stop(w);
    wsnap_free(&s);
}
END_TEST

START_TEST(pause_freezes_and_n_steps_once)
{
    params_t p = defaults();
    worker_t *w = start(&p, speed_default());
    wsnap_t s;
    ck_assert_int_eq(wsnap_init(&s), 0);
    sleep_ms(100);
    unsigned long seq = worker_pause(w, WORKER_PAUSE);
    wait_for(w, &s, paused_at, seq, 5, "pause");
    long step = s.step;
    unsigned long gen = s.gen;
    sleep_ms(300);
    ck_assert(!worker_snapshot(w, &s));   /* nothing new is published while paused */
    ck_assert_uint_eq(s.gen, gen);
    ck_assert_int_eq(s.step, step);
    seq = worker_step(w);
    wait_for(w, &s, handled, seq, 5, "one step");
    ck_assert_int_eq(s.step, step + 1);
    ck_assert(s.paused);
    /* toggles: two cancel out, one resumes */
    worker_pause(w, WORKER_TOGGLE);
    seq = worker_pause(w, WORKER_TOGGLE);
    wait_for(w, &s, handled, seq, 5, "double toggle");
    ck_assert(s.paused);
    seq = worker_pause(w, WORKER_TOGGLE);
    wait_for(w, &s, handled, seq, 5, "resume");
    ck_assert(!s.paused);
    sleep_ms(300);
    worker_snapshot(w, &s);
    ck_assert_int_gt(s.step, step + 1);
    worker_stop(w);
    wsnap_free(&s);
}
END_TEST

START_TEST(throttled_speed_is_kept)
{
    params_t p = defaults();
    worker_t *w = start(&p, speed_default());
    wsnap_t s;
    ck_assert_int_eq(wsnap_init(&s), 0);
    sleep_ms(1000);
    worker_snapshot(w, &s);
    /* 30 steps/s: about 30 after a second, never a burst */
    ck_assert_int_ge(s.step, 15);
    ck_assert_int_le(s.step, 45);
    unsigned long seq = worker_speed(w, max_speed());
    wait_for(w, &s, is_done, seq, 20, "convergence at full speed");
    ck_assert_int_eq(s.speed, max_speed());
    worker_stop(w);
    wsnap_free(&s);
}
END_TEST

START_TEST(early_fusion_has_no_unimodal_phase)
{
    params_t p = defaults();
    worker_t *w = start(&p, max_speed());
    wsnap_t s;
    ck_assert_int_eq(wsnap_init(&s), 0);
    wait_for(w, &s, is_done, 0, 20, "first run");
    unsigned long run = s.run;
    params_t q = p;
    q.fuse = 1;
    unsigned long seq = worker_set_params(w, &q, false);
    wait_for(w, &s, is_done, seq, 20, "early-fusion run");
    ck_assert_uint_gt(s.run, run);
    ck_assert_int_eq(s.p.fuse, 1);
    ck_assert_int_eq(s.phase, PHASE_CONVERGED);
    unsigned seen = phases_seen(&s);
    ck_assert(!(seen & ((1u << PHASE_UNIMODAL_A) | (1u << PHASE_UNIMODAL_B))));
    ck_assert(fabs(s.th.time_ratio - 1) < 1e-9);
    ck_assert_uint_eq(s.err_seq, 0);
    worker_stop(w);
    wsnap_free(&s);
}
END_TEST

START_TEST(refused_parameters_come_back)
{
    params_t p = defaults();
    worker_t *w = start(&p, speed_default());
    wsnap_t s;
    ck_assert_int_eq(wsnap_init(&s), 0);
    params_t bad = p;
    bad.rho = 1.5;
    unsigned long seq = worker_set_params(w, &bad, false);
    wait_for(w, &s, handled, seq, 5, "refusal");
    ck_assert_uint_eq(s.err_seq, seq);
    ck_assert_msg(strstr(s.err, "rho") != NULL, "message: %s", s.err);
    ck_assert(s.p.rho == 0);
    bad = p;
    bad.fuse = 3;   /* > depth: a cross-field rule */
    seq = worker_set_params(w, &bad, true);
    wait_for(w, &s, handled, seq, 5, "refusal");
    ck_assert_uint_eq(s.err_seq, seq);
    ck_assert_msg(strstr(s.err, "fuse") != NULL, "message: %s", s.err);
    ck_assert_int_eq(s.p.fuse, 2);
    ck_assert(!s.paused);
    worker_stop(w);
    wsnap_free(&s);
}
END_TEST

START_TEST(carry_keeps_the_weights)
{
    params_t p = defaults();
    worker_t *w = start(&p, speed_default());
    wsnap_t s;
    ck_assert_int_eq(wsnap_init(&s), 0);
    unsigned long seq = worker_pause(w, WORKER_PAUSE);
    wait_for(w, &s, paused_at, seq, 5, "pause");
    long base = s.step;
    for (int i = 0; i < 200; i++)
        seq = worker_step(w);
    wait_for(w, &s, handled, seq, 5, "200 steps");
    ck_assert_int_eq(s.step, base + 200);
    ck_assert_int_eq(s.phase, PHASE_UNIMODAL_A);
    double wa = s.wa;
    params_t q = p;
    q.rho = 0.5;
    seq = worker_set_params(w, &q, true);
    wait_for(w, &s, handled, seq, 5, "carry");
    ck_assert_int_eq(s.step, base + 200);      /* same clock */
    ck_assert(fabs(s.wa - wa) < 1e-12);        /* same weights */
    ck_assert(s.p.rho == 0.5);
    ck_assert(s.paused);
    /* theory follows the data: w_A^uni = 1 + rho sigma_B / sigma_A */
    ck_assert(fabs(s.th.uni_a - 1.25) < 1e-9);
    q.rho = 0.25;
    seq = worker_set_params(w, &q, false);     /* without carry: a restart */
    wait_for(w, &s, handled, seq, 5, "restart");
    ck_assert_int_eq(s.step, 0);
    seq = worker_restart(w);
    wait_for(w, &s, handled, seq, 5, "restart");
    ck_assert_int_eq(s.step, 0);
    ck_assert(s.p.rho == 0.25);
    worker_stop(w);
    wsnap_free(&s);
}
END_TEST

START_TEST(wake_pipe_and_bad_start)
{
    int fd[2];
    ck_assert_int_eq(pipe(fd), 0);
    fcntl(fd[0], F_SETFL, O_NONBLOCK);
    fcntl(fd[1], F_SETFL, O_NONBLOCK);
    params_t p = defaults();
    char err[256];
    worker_t *w = worker_start(&p, speed_default(), fd[1], err, sizeof err);
    ck_assert_ptr_nonnull(w);
    char buf[64];
    while (read(fd[0], buf, sizeof buf) > 0)
        ;
    worker_pause(w, WORKER_PAUSE);
    double t0 = now_s();
    ssize_t n = 0;
    while ((n = read(fd[0], buf, sizeof buf)) <= 0 && now_s() - t0 < 5)
        sleep_ms(1);
    ck_assert_int_gt(n, 0);
    worker_stop(w);
    worker_stop(NULL);
    close(fd[0]);
    close(fd[1]);

    p.fuse = 5;
    err[0] = '\0';
    ck_assert_ptr_null(worker_start(&p, 0, -1, err, sizeof err));
    ck_assert_msg(strstr(err, "fuse") != NULL, "message: %s", err);
}
END_TEST

START_TEST(step_budget_is_exact)
{
    params_t p = defaults();
    p.steps = 300;   /* mid-run: the unimodal phase */
    worker_t *w = start(&p, max_speed());
    wsnap_t s;
    ck_assert_int_eq(wsnap_init(&s), 0);
    wait_for(w, &s, is_done, 0, 20, "the budget");
    ck_assert_int_eq(s.step, 300);
    ck_assert_int_eq(s.phase, PHASE_UNIMODAL_A);
    unsigned long seq = worker_step(w);   /* nothing past the budget */
    wait_for(w, &s, handled, seq, 5, "a refused step");
    ck_assert_int_eq(s.step, 300);
    worker_stop(w);
    wsnap_free(&s);
}
END_TEST

START_TEST(other_data_sets)
{
    static const char *const sets[][2] = {
        { "data", "multi" }, { "activation", "relu" }, { "data", "xor" }, { "n", "64" },
    };
    for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
        params_t p = defaults();
        char err[256];
        ck_assert_int_eq(params_set(&p, sets[k][0], sets[k][1], err, sizeof err), 0);
        if (p.data == DATA_XOR)
            ck_assert_int_eq(params_set(&p, "activation", "relu", err, sizeof err), 0);
        worker_t *w = start(&p, max_speed());
        wsnap_t s;
        ck_assert_int_eq(wsnap_init(&s), 0);
        sleep_ms(150);
        unsigned long seq = worker_pause(w, WORKER_PAUSE);
        wait_for(w, &s, handled, seq, 10, "pause");
        ck_assert_int_gt(s.step, 0);
        ck_assert(s.flow_ok == (p.data == DATA_TOY && p.activation == ACT_LINEAR));
        ck_assert(s.signed_w == (p.data != DATA_MULTI));
        if (p.n > 0)
            ck_assert(s.samples && isfinite(s.eg));
        worker_stop(w);
        wsnap_free(&s);
    }
}
END_TEST

/* Equal, or both nan. */
static bool same(double a, double b)
{
    return (isnan(a) && isnan(b)) || fabs(a - b) <= 1e-12 * (1 + fabs(b));
}

static params_t params_kv(const char *const *kv)
{
    params_t p = defaults();
    char err[256];
    for (; *kv; kv += 2)
        ck_assert_msg(params_set(&p, kv[0], kv[1], err, sizeof err) == 0, "%s", err);
    return p;
}

/* The panels predict from the moments the network trains on, as the headless
 * summary does (finite samples: the empirical moments); the E_g floor stays
 * on the population. Intermediate fusion's first time too. */
START_TEST(predictions_follow_the_training_moments)
{
    static const char *const sets[][24] = {
        { "data", "multi", "dim_a", "8", "dim_b", "8", "sigma_a", "1.7", "w_a", "0.3", "w_b", "0.3", "noise",
          "0.5", "n", "24", "rho", "0.2", "steps", "20", NULL },
        { "sigma_a", "2", "rho", "0.4", "noise", "0.5", "n", "12", "depth", "3", "fuse", "2", "steps", "20", NULL },
    };
    for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
        params_t p = params_kv(sets[k]);
        train_t t;
        char err[256];
        ck_assert_msg(train_init(&t, &p, err, sizeof err) == 0, "%s", err);
        /* the two sets of moments differ enough to tell them apart */
        ck_assert_msg(!same(t.th.time_ratio, t.th_train.time_ratio), "set %zu: ratio %g both ways", k,
                      t.th.time_ratio);
        ck_assert(!same(t.th.misattribution, t.th_train.misattribution));
        run_summary_t r;
        ck_assert_msg(runner_run(&p, NULL, 1, &r, err, sizeof err) == 0, "%s", err);

        worker_t *w = start(&p, speed_default());
        unsigned long seq = worker_pause(w, WORKER_PAUSE);
        wsnap_t s;
        ck_assert_int_eq(wsnap_init(&s), 0);
        wait_for(w, &s, handled, seq, 10, "pause");
        const tsummary_t *th = &s.th;
        ck_assert_msg(same(th->time_ratio, t.th_train.time_ratio), "set %zu: ratio %g, training moments %g", k,
                      th->time_ratio, t.th_train.time_ratio);
        ck_assert(same(th->time_ratio, r.time_ratio_theory));
        ck_assert(same(th->misattribution, t.th_train.misattribution));
        ck_assert(same(th->misattribution, r.misattribution_theory));
        ck_assert(same(th->eta_t_first, t.th_train.eta_t_first));
        ck_assert_int_eq(th->prioritised, r.first_modality);
        ck_assert_int_eq(th->contributes, r.contributes);
        ck_assert_int_eq(th->superficial, r.superficial);
        ck_assert(same(th->eg_floor, t.th.eg_floor));   /* generalisation: the population */
        ck_assert(same(th->eg_floor, r.eg_floor));
        if (p.fuse > 1 && p.fuse < p.depth)
            ck_assert(isfinite(th->eta_t_first));
        worker_stop(w);
        wsnap_free(&s);
        train_free(&t);
    }
    /* xor: the linear theory predicts no order, timing or mis-attribution */
    static const char *const xor[] = { "data", "xor", "activation", "relu", "n", "256", "steps", "20", NULL };
    params_t p = params_kv(xor);
    run_summary_t r;
    char err[256];
    ck_assert_msg(runner_run(&p, NULL, 1, &r, err, sizeof err) == 0, "%s", err);
    worker_t *w = start(&p, speed_default());
    unsigned long seq = worker_pause(w, WORKER_PAUSE);
    wsnap_t s;
    ck_assert_int_eq(wsnap_init(&s), 0);
    wait_for(w, &s, handled, seq, 10, "pause");
    ck_assert(isnan(s.th.time_ratio) && isnan(r.time_ratio_theory));
    ck_assert(isnan(s.th.misattribution) && isnan(r.misattribution_theory));
    ck_assert(isnan(s.th.eta_t_first));
    ck_assert_int_eq(s.th.prioritised, MOD_NONE);
    ck_assert_int_eq(s.th.contributes, MOD_NONE);
    ck_assert(!s.th.superficial);
    worker_stop(w);
    wsnap_free(&s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tui_worker");
    TCase *tc = tcase_create("worker");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, default_preset_runs_through_its_phases);
    tcase_add_test(tc, pause_freezes_and_n_steps_once);
    tcase_add_test(tc, throttled_speed_is_kept);
    tcase_add_test(tc, early_fusion_has_no_unimodal_phase);
    tcase_add_test(tc, refused_parameters_come_back);
    tcase_add_test(tc, carry_keeps_the_weights);
    tcase_add_test(tc, wake_pipe_and_bad_start);
    tcase_add_test(tc, step_budget_is_exact);
    tcase_add_test(tc, other_data_sets);
    tcase_add_test(tc, predictions_follow_the_training_moments);
    suite_add_tcase(s, tc);
    return util_run(s);
}
