/* runner.c - a headless run: the training loop, the CSV stream, the summary. */
#include "cli/runner.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "unibias/train.h"
#include "unibias/ub.h"

const char *runner_modality(int m)
{
    return m == MOD_A ? "A" : m == MOD_B ? "B" : "none";
}

void runner_num(FILE *out, double v)
{
    if (isnan(v))
        fputs("nan", out);
    else
        fprintf(out, "%.9g", v);
}

void runner_csv_params(const params_t *p, FILE *out)
{
    for (size_t i = 0; i < params_count(); i++) {
        char v[64];
        params_format(p, params_info(i)->key, v, sizeof v);
        fprintf(out, "# %s=%s\n", params_info(i)->key, v);
    }
}

/* The state the trainer last recorded, which is that of step `step`. */
static void csv_row(FILE *csv, long step, const train_t *t)
{
    fprintf(csv, "%ld,", step);
    runner_num(csv, t->loss);
    fputc(',', csv);
    runner_num(csv, t->wa);
    fputc(',', csv);
    runner_num(csv, t->wb);
    fputc(',', csv);
    runner_num(csv, t->eg);
    fprintf(csv, ",%s\n", phase_label(t->phase));
}

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int runner_run(const params_t *p, FILE *csv, long every, run_summary_t *s, char *err, size_t errlen)
{
    train_t t;
    int rc = train_init(&t, p, err, errlen);
    if (rc)
        return rc;
    bool exact = p->steps > 0;
    t.run_past_convergence = exact; /* --steps N means N steps */
    long budget = train_budget(&t);
    if (csv) {
        runner_csv_params(p, csv);
        fputs("step,loss,wa_tot,wb_tot,eg,phase\n", csv);
    }
    double t0 = now_sec();
    long last_row = -1;
    if (csv) {
        /* one step at a time: rows show the state at each recorded step */
        while (t.step < budget && !t.done) {
            long s0 = t.step;
            if (train_run(&t, 1) == 0)
                break;
            if (s0 % every == 0) {
                csv_row(csv, s0, &t);
                last_row = s0;
            }
        }
    } else {
        train_run(&t, budget);
    }
    double secs = now_sec() - t0;
    long steps = t.step;
    if (t.phase != PHASE_DIVERGED)
        train_eval(&t); /* the state at the final weights */
    if (csv && last_row != t.step)
        csv_row(csv, t.step, &t);
    phase_result_t r;
    train_result(&t, &r);
    memset(s, 0, sizeof *s);
    s->steps = steps;
    s->final_loss = t.loss;
    s->t_a = r.t_a;
    s->t_b = r.t_b;
    s->cross_a = r.cross_a;
    s->cross_b = r.cross_b;
    s->time_ratio = r.time_ratio;
    prediction_t pr;
    train_prediction(&t, &pr);
    s->time_ratio_theory = pr.time_ratio;
    s->misattribution = r.misattribution;
    s->misattribution_theory = pr.misattribution;
    s->first_modality = pr.first;
    s->contributes = pr.contributes;
    s->superficial = pr.superficial;
    s->learned_first = r.learned_first;
    s->phase = phase_name(t.phase);
    s->eg = t.eg;
    s->eg_floor = pr.eg_floor;
    s->loss_star = t.th_train.loss_star;
    s->loss_ma = t.th_train.loss_ma;
    s->loss_mb = t.th_train.loss_mb;
    s->wa = t.wa;
    s->wb = t.wb;
    s->seconds = secs;
    s->steps_per_sec = secs > 0 ? (double)steps / secs : NAN;
    train_free(&t);
    if (csv && ferror(csv))
        return ub_fail(err, errlen, UB_ERUNTIME, "error writing the CSV");
    return UB_OK;
}

void runner_print(const run_summary_t *s, FILE *out)
{
    fprintf(out, "steps=%ld\n", s->steps);
#define NUM(k, v)                                                                                                      \
    do {                                                                                                               \
        fputs(k "=", out);                                                                                             \
        runner_num(out, v);                                                                                            \
        fputc('\n', out);                                                                                              \
    } while (0)
    NUM("final_loss", s->final_loss);
    fprintf(out, "t_a=%ld\nt_b=%ld\n", s->t_a, s->t_b);
    NUM("time_ratio", s->time_ratio);
    NUM("time_ratio_theory", s->time_ratio_theory);
    NUM("misattribution", s->misattribution);
    NUM("misattribution_theory", s->misattribution_theory);
    fprintf(out, "first_modality=%s\nlearned_first=%s\ncontributes=%s\nsuperficial=%s\n",
            runner_modality(s->first_modality), runner_modality(s->learned_first), runner_modality(s->contributes),
            s->superficial ? "yes" : "no");
    fprintf(out, "phase=%s\n", s->phase);
    NUM("eg", s->eg);
    NUM("eg_floor", s->eg_floor);
    NUM("loss_star", s->loss_star);
    NUM("wa_tot", s->wa);
    NUM("wb_tot", s->wb);
    fprintf(out, "cross_a=%ld\ncross_b=%ld\n", s->cross_a, s->cross_b);
    NUM("steps_per_sec", s->steps_per_sec);
#undef NUM
}
