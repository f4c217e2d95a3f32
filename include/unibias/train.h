/* train.h - one training run: data, network, theory, phase tracking, history. */
#ifndef UNIBIAS_TRAIN_H
#define UNIBIAS_TRAIN_H

#include <stdbool.h>
#include "unibias/data.h"
#include "unibias/history.h"
#include "unibias/net.h"
#include "unibias/params.h"
#include "unibias/phase.h"
#include "unibias/theory.h"

/* Auto budget (params.steps = 0): stop at convergence or after this many steps. */
#define TRAIN_AUTO_CAP 200000L
#define TRAIN_HISTORY_CAP 2048

typedef struct train {
    params_t p;
    dataset_t ds;
    net_t net;
    theory_t th;         /* predictions from population moments */
    theory_t th_train;   /* the same under the training moments (levels to measure against) */
    phase_tracker_t ph;
    history_t hist;
    bool samples;        /* per-sample path */
    long step;           /* updates done */
    double loss;         /* loss at the current weights (before the next update) */
    double *wtot;        /* total weights (d, or the read-out's f) at the current weights */
    double wa, wb;       /* scalar or norm views of wtot's blocks */
    int view_a, view_b;  /* entries of wtot behind wa and wb: the inputs' dimensions, or
                          * the read-out features' for nonlinear nets and xor (data.h) */
    double eg;           /* generalisation error (nan without samples or for xor) */
    double loss0;        /* initial loss, for divergence detection */
    double conv_ref_loss;/* loss at the start of the convergence window */
    long conv_ref_step;
    phase_t phase;
    bool done;           /* converged or diverged: further train_run calls do nothing */
    bool run_past_convergence; /* keep stepping after CONVERGED (exact step budgets) */
} train_t;

/* The predictions a front end shows beside the measurements: the dynamics
 * under the moments the network descends (th_train: empirical with n samples),
 * the E_g floor under the population (with samples only, as E_g itself). For
 * xor the task is nonlinear, so the linear theory's timing and choice of
 * modality are withheld (nan, MOD_NONE). */
typedef struct prediction {
    int first, contributes;  /* MOD_A / MOD_B / MOD_NONE */
    bool superficial;
    double time_ratio, eta_t_first, misattribution, eg_floor;
} prediction_t;

/* Builds everything from p (validated first). t is zeroed. */
int train_init(train_t *t, const params_t *p, char *err, size_t errlen);
void train_free(train_t *t);
/* Restarts from step 0 with the same parameters and seed. */
void train_restart(train_t *t);
/* Switches to new parameters. With carry, and when only data keys changed
 * (same shapes), the current weights are kept and training goes on; otherwise
 * it restarts. t is unchanged on error. */
int train_set_params(train_t *t, const params_t *p, bool carry, char *err, size_t errlen);
/* Runs up to nsteps updates (stops early on convergence or divergence);
 * returns the number of updates done. */
long train_run(train_t *t, long nsteps);
/* Evaluates loss/wtot/phase at the current weights without updating them
 * (called by train_run; exposed for the end of a run). */
void train_eval(train_t *t);
/* The step budget of a headless run: p.steps, or TRAIN_AUTO_CAP. */
long train_budget(const train_t *t);
/* Measurements so far. */
void train_result(const train_t *t, phase_result_t *out);
/* Predictions to show beside them (see prediction_t). */
void train_prediction(const train_t *t, prediction_t *out);

#endif
