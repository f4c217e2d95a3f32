/* data.h - data sets (toy, multi, xor) as population moments or N samples. */
#ifndef UNIBIAS_DATA_H
#define UNIBIAS_DATA_H

#include "unibias/params.h"

/* Second moments of (x, y) with dy = 1 (THEORY.md 3): everything a linear
 * network's loss depends on. Row-major; A's coordinates come first. */
typedef struct moments {
    int da, db, d;
    double *sxx;   /* d x d, E[x x^T] */
    double *syx;   /* d, E[y x^T] */
    double eyy;    /* E[y^2] */
} moments_t;

typedef struct dataset {
    int da, db, d;     /* input dimensions */
    long n;            /* samples drawn; 0 = population only */
    moments_t train;   /* what training sees: population, or the samples' empirical moments */
    moments_t pop;     /* population moments (generalisation error, theory) */
    double *w_star;    /* d: population linear target Sigma_yx Sigma^+ */
    double *x, *y;     /* n x d and n samples, or NULL */
    /* Read-out features for nonlinear nets' total weights (THEORY.md 7): the
     * least-squares map from these features to the output. For toy and multi
     * they are the inputs; for xor they are (-x_A1 x_A2, x_B) so that the A
     * part measures how much XOR the network has learned. */
    int fa, fb, f;     /* feature counts of A, B, total */
    double *feat;      /* n x f, or NULL when population */
    double *ff_pinv;   /* f x f pseudo-inverse of the features' Gram matrix / n (xor: also
                        * for the population) */
    double *xf;        /* xor only, d x f: E[x feat^T] (empirical or population), so that a
                        * linear net trained on moments can be read out through the features */
} dataset_t;

/* Builds the data set p describes (draws samples from p->seed when
 * params_samples(p) > 0). ds is zeroed first; free with data_free. */
int data_make(dataset_t *ds, const params_t *p, char *err, size_t errlen);
void data_free(dataset_t *ds);

int moments_alloc(moments_t *m, int da, int db);
void moments_free(moments_t *m);
/* Loss of the linear map w (length d) under m: 1/2 E(y - w x)^2. */
double moments_loss(const moments_t *m, const double *w);

#endif
