/* train.c - a training run: owns data, network, predictions, phase tracker and
 * history, and steps them together. */
#include "unibias/train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unibias/linalg.h"
#include "unibias/ub.h"

/* Loss above this multiple of its starting value counts as divergence. */
#define DIVERGE_FACTOR 1e6
/* Converged: excess loss below this fraction of the total reducible loss. */
#define CONV_EXCESS 1e-6
/* ... or closer than this to the optimum in absolute terms (nothing to learn). */
#define CONV_FLOOR 1e-20
/* ... or, once both modalities are learned, the loss stalled to this relative change over a window. */
#define CONV_STALL 1e-9

static bool use_readout(const params_t *p)
{
    return p->activation != ACT_LINEAR || p->data == DATA_XOR;
}

static int setup_phase(train_t *t)
{
    const theory_t *th = &t->th_train;
    if (t->p.data == DATA_XOR) /* read-out targets: the XOR term and x_B's weight */
        return phase_init(&t->ph, MOD_NONE, fabs(t->p.w_a), fabs(t->p.w_a), fabs(t->p.w_b));
    int first = th->prioritised;
    double wuni = first == MOD_B ? linalg_view(th->w_uni_b, th->db) : linalg_view(th->w_uni_a, th->da);
    double sa = fabs(linalg_view(th->w_star, th->da)), sb = fabs(linalg_view(th->w_star + th->da, th->db));
    return phase_init(&t->ph, first, fabs(wuni), sa, sb);
}

static void reset_run(train_t *t)
{
    t->step = 0;
    t->done = false;
    t->phase = PHASE_PLATEAU;
    t->conv_ref_step = 0;
    t->conv_ref_loss = NAN;
    phase_reset(&t->ph);
    history_clear(&t->hist);
    train_eval(t);
    t->loss0 = t->loss;
}

int train_init(train_t *t, const params_t *p, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    int rc = params_check(p, err, errlen);
    if (rc)
        return rc;
    t->p = *p;
    t->samples = params_uses_samples(p);
    if ((rc = data_make(&t->ds, p, err, errlen)))
        return rc;
    if ((rc = net_init(&t->net, p, t->ds.da, t->ds.db, t->samples ? t->ds.n : 0, err, errlen)))
        goto fail;
    if ((rc = theory_compute(&t->th, p, &t->ds.pop, err, errlen)) ||
        (rc = theory_compute(&t->th_train, p, &t->ds.train, err, errlen)))
        goto fail;
    if ((rc = setup_phase(t)) || (rc = history_init(&t->hist, TRAIN_HISTORY_CAP))) {
        rc = ub_fail(err, errlen, UB_ENOMEM, "out of memory");
        goto fail;
    }
    t->view_a = use_readout(p) ? t->ds.fa : t->ds.da;
    t->view_b = use_readout(p) ? t->ds.fb : t->ds.db;
    t->wtot = calloc((size_t)t->ds.d, sizeof *t->wtot);
    if (!t->wtot) {
        rc = ub_fail(err, errlen, UB_ENOMEM, "out of memory");
        goto fail;
    }
    reset_run(t);
    return UB_OK;
fail:
    train_free(t);
    return rc;
}

void train_free(train_t *t)
{
    data_free(&t->ds);
    net_free(&t->net);
    theory_free(&t->th);
    theory_free(&t->th_train);
    phase_free(&t->ph);
    history_free(&t->hist);
    free(t->wtot);
    memset(t, 0, sizeof *t);
}

void train_restart(train_t *t)
{
    net_reinit(&t->net, &t->p);
    reset_run(t);
}

/* Keys whose change leaves the network's shapes and samples' layout alone. */
static bool same_shape(const params_t *a, const params_t *b)
{
    for (size_t i = 0; i < params_count(); i++) {
        const param_info_t *pi = params_info(i);
        if (pi->restart && params_get(a, pi) != params_get(b, pi))
            return false;
    }
    return params_samples(a) == params_samples(b);
}

int train_set_params(train_t *t, const params_t *p, bool carry, char *err, size_t errlen)
{
    int rc = params_check(p, err, errlen);
    if (rc)
        return rc;
    if (carry && same_shape(&t->p, p)) {
        /* Same network, new data: keep the weights and the clock. */
        dataset_t ds;
        theory_t th, tt;
        if ((rc = data_make(&ds, p, err, errlen)))
            return rc;
        if ((rc = theory_compute(&th, p, &ds.pop, err, errlen))) {
            data_free(&ds);
            return rc;
        }
        if ((rc = theory_compute(&tt, p, &ds.train, err, errlen))) {
            theory_free(&th);
            data_free(&ds);
            return rc;
        }
        data_free(&t->ds);
        theory_free(&t->th);
        theory_free(&t->th_train);
        t->ds = ds;
        t->th = th;
        t->th_train = tt;
        t->p = *p;
        phase_free(&t->ph);
        if (setup_phase(t))
            return ub_fail(err, errlen, UB_ENOMEM, "out of memory");
        t->done = false;
        t->phase = PHASE_PLATEAU;
        t->conv_ref_step = t->step;
        t->conv_ref_loss = NAN;
        train_eval(t);
        return UB_OK;
    }
    train_t nt;
    if ((rc = train_init(&nt, p, err, errlen)))
        return rc;
    train_free(t);
    *t = nt;
    return UB_OK;
}

/* A linear net on xor, trained on moments: its least-squares read-out through
 * the features is W^tot E[x feat^T] (feat feat^T / N)^+, no samples needed. */
static void readout_linear(train_t *t)
{
    const dataset_t *ds = &t->ds;
    double r[8] = {0}; /* f = 2 for xor */
    for (int j = 0; j < ds->f; j++)
        for (int i = 0; i < ds->d; i++)
            r[j] += t->wtot[i] * ds->xf[i * ds->f + j];
    for (int j = 0; j < ds->f; j++) {
        double v = 0.0;
        for (int k = 0; k < ds->f; k++)
            v += r[k] * ds->ff_pinv[k * ds->f + j];
        t->wtot[j] = v;
    }
}

static double step_once(train_t *t, double lr, double wd)
{
    if (t->samples)
        return net_step_samples(&t->net, &t->ds, lr, wd, t->wtot, NULL);
    double loss = net_step_moments(&t->net, &t->ds.train, lr, wd, t->wtot, NULL);
    if (t->ds.xf)
        readout_linear(t);
    return loss;
}

static bool finite_all(const double *w, int n)
{
    for (int i = 0; i < n; i++)
        if (!isfinite(w[i]))
            return false;
    return true;
}

/* Records the state at step s (loss and wtot already set): views, E_g,
 * phase, history, divergence and convergence. */
static void record(train_t *t, long s)
{
    const dataset_t *ds = &t->ds;
    int fa = t->view_a, fb = t->view_b;
    t->wa = linalg_view(t->wtot, fa);
    t->wb = linalg_view(t->wtot + fa, fb);
    t->eg = (ds->n > 0 && t->p.data != DATA_XOR) ? theory_eg(&ds->pop, ds->w_star, t->wtot) : NAN;
    bool bad = !isfinite(t->loss) || !finite_all(t->wtot, fa + fb) ||
               (s > 0 && t->loss > DIVERGE_FACTOR * fmax(t->loss0, 1e-300));
    if (bad) {
        phase_set(&t->ph, PHASE_DIVERGED);
        t->phase = PHASE_DIVERGED;
        t->done = true;
    } else {
        t->phase = phase_update(&t->ph, s, t->wa, t->wb);
    }
    hpoint_t pt = {s, t->loss, t->wa, t->wb, t->eg, t->phase};
    history_push(&t->hist, &pt);
    if (t->done || t->phase == PHASE_CONVERGED)
        return;
    /* convergence */
    const theory_t *th = &t->th_train;
    /* A linear net's best loss is known (also on xor, whose XOR part it cannot fit). */
    bool linear = t->p.activation == ACT_LINEAR;
    double span = linear ? th->loss_m0 - th->loss_star : t->loss0;
    if (linear && t->loss - th->loss_star <= fmax(CONV_EXCESS * span, CONV_FLOOR)) {
        t->done = true;
    } else if (t->phase == PHASE_MULTIMODAL) {
        long window = s / 10 > 50 ? s / 10 : 50;
        if (isnan(t->conv_ref_loss)) {
            t->conv_ref_loss = t->loss;
            t->conv_ref_step = s;
        } else if (s - t->conv_ref_step >= window) {
            if (fabs(t->conv_ref_loss - t->loss) <= CONV_STALL * fmax(span, 1e-300))
                t->done = true;
            t->conv_ref_loss = t->loss;
            t->conv_ref_step = s;
        }
    }
    if (t->done) {
        phase_set(&t->ph, PHASE_CONVERGED);
        t->phase = PHASE_CONVERGED;
        t->hist.last.phase = PHASE_CONVERGED;
        if (t->run_past_convergence)
            t->done = false;
    }
}

void train_eval(train_t *t)
{
    t->loss = step_once(t, 0.0, 0.0);
    record(t, t->step);
}

long train_run(train_t *t, long nsteps)
{
    long done = 0;
    double lr = t->p.lr, wd = t->p.weight_decay;
    while (done < nsteps && !t->done) {
        t->loss = step_once(t, lr, wd);
        record(t, t->step);
        if (t->phase == PHASE_DIVERGED)
            break; /* the weights are no longer meaningful: do not count the update */
        t->step++;
        done++;
    }
    return done;
}

long train_budget(const train_t *t)
{
    return t->p.steps > 0 ? t->p.steps : TRAIN_AUTO_CAP;
}

void train_result(const train_t *t, phase_result_t *out)
{
    phase_result(&t->ph, &t->hist, out);
}

void train_prediction(const train_t *t, prediction_t *out)
{
    const theory_t *tt = &t->th_train;
    bool xor = t->p.data == DATA_XOR;
    out->first = xor ? MOD_NONE : tt->prioritised;
    out->contributes = xor ? MOD_NONE : tt->contributes;
    out->superficial = !xor && tt->superficial;
    out->time_ratio = xor ? NAN : tt->time_ratio;
    out->eta_t_first = xor ? NAN : tt->eta_t_first;
    out->misattribution = xor ? NAN : tt->misattribution;
    out->eg_floor = (t->ds.n > 0 && !xor) ? t->th.eg_floor : NAN;
}
