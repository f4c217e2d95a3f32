/* net.h - a multimodal network of depth L fused at layer Lf (THEORY.md 1):
 * init, gradient (sufficient statistics for linear nets, per-sample BLAS for
 * nonlinear ones), a fused gradient-descent step and the total weights.
 *
 * Layers are stored as one chain per branch: A's layers 1..Lf (layer Lf is the
 * A-half of the fusion layer's columns), B's layers 1..Lf, then the shared
 * layers Lf+1..L. For early fusion (Lf = 1) the branches are the two column
 * blocks of layer 1. All weights live in one contiguous buffer (net->theta), so
 * a gradient has the same layout and finite differences can walk it. */
#ifndef UNIBIAS_NET_H
#define UNIBIAS_NET_H

#include <stddef.h>
#include "unibias/data.h"
#include "unibias/params.h"

typedef struct layer {
    int rows, cols;
    double *w;      /* rows x cols, row-major, points into theta */
} layer_t;

typedef struct net {
    int L, Lf, h, da, db, d;
    int act;             /* act_t */
    double slope;        /* leaky slope (0 for relu, 1 for linear) */
    int nlayers;         /* 2*Lf + (L - Lf) */
    layer_t *layer;      /* [0, Lf): A chain, [Lf, 2Lf): B chain, then shared */
    size_t nparams;
    double *theta;       /* all weights */
    void *work;          /* scratch for the step (no allocation while training) */
} net_t;

/* Shapes, allocates and initialises (THEORY.md 1 schemes) from p->seed.
 * n_samples sizes the per-sample scratch (0 for the moment path). */
int net_init(net_t *net, const params_t *p, int da, int db, long n_samples, char *err, size_t errlen);
void net_free(net_t *net);
/* Redraws the initial weights from seed (same shapes). */
void net_reinit(net_t *net, const params_t *p);

/* Linear nets, exact moments: computes the loss and total weights at the
 * current weights (wtot: d entries, may be NULL), then takes one step
 * W <- W - lr (grad + wd W). With grad non-NULL the weights are left alone and
 * the gradient is written there instead (same layout as theta). Returns the
 * loss before the step. No allocation. */
double net_step_moments(net_t *net, const moments_t *m, double lr, double wd, double *wtot, double *grad);
/* Any activation, per-sample path over ds's samples: same contract; wtot here
 * is the least-squares read-out (length ds->f) of the network's output. */
double net_step_samples(net_t *net, const dataset_t *ds, double lr, double wd, double *wtot, double *grad);
/* Total weights of a linear net (product of the chain), d entries. */
void net_total(const net_t *net, double *wtot);

#endif
