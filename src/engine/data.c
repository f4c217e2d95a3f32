/* data.c - the three data sets of THEORY.md 2, as population moments and,
 * when asked, N samples drawn once from the seed. */
#include "unibias/data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unibias/linalg.h"
#include "unibias/rng.h"
#include "unibias/ub.h"

enum { STREAM_DATA = 2 }; /* rng stream of the data (1 is the init weights) */

int moments_alloc(moments_t *m, int da, int db)
{
    m->da = da;
    m->db = db;
    m->d = da + db;
    m->sxx = calloc((size_t)m->d * (size_t)m->d, sizeof *m->sxx);
    m->syx = calloc((size_t)m->d, sizeof *m->syx);
    m->eyy = 0.0;
    if (!m->sxx || !m->syx) {
        moments_free(m);
        return UB_ENOMEM;
    }
    return UB_OK;
}

void moments_free(moments_t *m)
{
    free(m->sxx);
    free(m->syx);
    m->sxx = m->syx = NULL;
}

double moments_loss(const moments_t *m, const double *w)
{
    return 0.5 * m->eyy - linalg_dot(w, m->syx, m->d) + 0.5 * linalg_quad(w, m->sxx, m->d);
}

/* Population moments of y = w x + noise for x with covariance sxx (filled). */
static void moments_from_linear(moments_t *m, const double *w, double noise)
{
    linalg_vecmat(w, m->sxx, m->d, m->d, m->syx);
    m->eyy = linalg_dot(w, m->syx, m->d) + noise * noise;
}

/* Inverse-Wishart(df, scale) draw: invert a Wishart(df, scale^-1) draw built
 * by the Bartlett decomposition. scale is diagonal here (diag(s2a I, s2b I)). */
static int draw_inv_wishart(rng_t *r, int d, int da, double s2a, double s2b, double *out)
{
    int rc = UB_ENOMEM;
    double df = d + 2;
    double *a = calloc((size_t)d * (size_t)d, sizeof *a);
    double *w = calloc((size_t)d * (size_t)d, sizeof *w);
    if (!a || !w)
        goto done;
    for (int i = 0; i < d; i++) {
        /* L of scale^-1 is diag(1/sqrt(s2)): fold it into the rows of A. */
        double l = 1.0 / sqrt(i < da ? s2a : s2b);
        a[i * d + i] = l * sqrt(rng_chisq(r, df - i));
        for (int j = 0; j < i; j++)
            a[i * d + j] = l * rng_normal(r);
    }
    for (int i = 0; i < d; i++)
        for (int j = 0; j <= i; j++) {
            double s = 0.0;
            for (int k = 0; k <= j; k++)
                s += a[i * d + k] * a[j * d + k];
            w[i * d + j] = w[j * d + i] = s;
        }
    rc = linalg_pinv_sym(w, d, 1e-14, out) < 0 ? UB_ENOMEM : UB_OK;
done:
    free(a);
    free(w);
    return rc;
}

static int make_population(dataset_t *ds, const params_t *p, rng_t *r, char *err, size_t errlen)
{
    moments_t *m = &ds->pop;
    int d = ds->d;
    if (p->data == DATA_TOY) {
        double sa = p->sigma_a, sb = p->sigma_b;
        m->sxx[0] = sa * sa;
        m->sxx[1] = m->sxx[2] = p->rho * sa * sb;
        m->sxx[3] = sb * sb;
        ds->w_star[0] = p->w_a;
        ds->w_star[1] = p->w_b;
    } else if (p->data == DATA_MULTI) {
        double s2a = p->sigma_a * p->sigma_a, s2b = p->sigma_b * p->sigma_b;
        if (p->cov == COV_WISHART) {
            if (draw_inv_wishart(r, d, ds->da, s2a, s2b, m->sxx) != UB_OK)
                return ub_fail(err, errlen, UB_ENOMEM, "out of memory drawing the covariance");
        } else {
            for (int i = 0; i < d; i++)
                m->sxx[i * d + i] = i < ds->da ? s2a : s2b;
        }
        for (int i = 0; i < d; i++) {
            if (p->target == TARGET_UNIFORM)
                ds->w_star[i] = 2.0 * rng_uniform(r) - 1.0;
            else
                ds->w_star[i] = i < ds->da ? p->w_a : p->w_b;
        }
    } else { /* xor: x_A = sigma_a (+-1, +-1), x_B ~ N(0, sigma_b^2); the XOR part is invisible to a linear map */
        m->sxx[0] = m->sxx[4] = p->sigma_a * p->sigma_a;
        m->sxx[8] = p->sigma_b * p->sigma_b;
        ds->w_star[2] = p->w_b;
    }
    moments_from_linear(m, ds->w_star, p->noise);
    if (p->data == DATA_XOR) {
        m->eyy += p->w_a * p->w_a * p->sigma_a * p->sigma_a; /* the XOR term's variance */
        /* features (XOR term, x_B): uncorrelated, variances sigma_a^2, sigma_b^2; of the
         * inputs only x_B correlates with a feature (E[x_A1 x_A1 x_A2] = 0) */
        ds->ff_pinv[0] = 1.0 / (p->sigma_a * p->sigma_a);
        ds->ff_pinv[3] = 1.0 / (p->sigma_b * p->sigma_b);
        ds->xf[2 * 2 + 1] = p->sigma_b * p->sigma_b;
    }
    return UB_OK;
}

/* Draws n samples of x (via a Cholesky factor of the population covariance)
 * and y, their empirical moments and the read-out features. */
static int make_samples(dataset_t *ds, const params_t *p, rng_t *r, char *err, size_t errlen)
{
    int d = ds->d;
    long n = ds->n;
    size_t nd = (size_t)n * (size_t)d;
    ds->x = malloc(sizeof *ds->x * nd);
    ds->y = malloc(sizeof *ds->y * (size_t)n);
    ds->feat = malloc(sizeof *ds->feat * (size_t)n * (size_t)ds->f);
    double *l = malloc(sizeof *l * (size_t)d * (size_t)d);
    double *z = malloc(sizeof *z * (size_t)d);
    double *gram = calloc((size_t)ds->f * (size_t)ds->f, sizeof *gram);
    int rc = UB_OK;
    if (!ds->x || !ds->y || !ds->feat || !l || !z || !gram) {
        rc = ub_fail(err, errlen, UB_ENOMEM, "out of memory for n=%ld samples", n);
        goto done;
    }
    memcpy(l, ds->pop.sxx, sizeof *l * (size_t)d * (size_t)d);
    if (p->data != DATA_XOR && linalg_cholesky(l, d) != 0) {
        rc = ub_fail(err, errlen, UB_EINVAL, "the input covariance is not positive definite");
        goto done;
    }
    for (long s = 0; s < n; s++) {
        double *x = ds->x + (size_t)s * (size_t)d;
        double *fe = ds->feat + (size_t)s * (size_t)ds->f;
        double y;
        if (p->data == DATA_XOR) {
            double s1 = rng_uniform(r) < 0.5 ? -1.0 : 1.0, s2 = rng_uniform(r) < 0.5 ? -1.0 : 1.0;
            x[0] = p->sigma_a * s1;
            x[1] = p->sigma_a * s2;
            x[2] = p->sigma_b * rng_normal(r);
            fe[0] = -s1 * s2 * p->sigma_a; /* the XOR feature, scaled like x_A */
            fe[1] = x[2];
            y = p->w_a * fe[0] + p->w_b * fe[1];
        } else {
            for (int i = 0; i < d; i++)
                z[i] = rng_normal(r);
            for (int i = 0; i < d; i++) {
                double t = 0.0;
                for (int k = 0; k <= i; k++)
                    t += l[i * d + k] * z[k];
                x[i] = t;
            }
            memcpy(fe, x, sizeof *x * (size_t)d);
            y = linalg_dot(ds->w_star, x, d);
        }
        y += p->noise * rng_normal(r);
        ds->y[s] = y;
    }
    /* Empirical moments: full-batch descent on them is exactly full-batch descent on the samples. */
    moments_t *m = &ds->train;
    if (ds->xf)
        memset(ds->xf, 0, sizeof *ds->xf * (size_t)d * (size_t)ds->f);
    double inv = 1.0 / (double)n;
    for (long s = 0; s < n; s++) {
        const double *x = ds->x + (size_t)s * (size_t)d;
        double y = ds->y[s];
        for (int i = 0; i < d; i++) {
            m->syx[i] += y * x[i];
            for (int j = 0; j <= i; j++)
                m->sxx[i * d + j] += x[i] * x[j];
        }
        m->eyy += y * y;
        const double *fe = ds->feat + (size_t)s * (size_t)ds->f;
        for (int i = 0; i < ds->f; i++)
            for (int j = 0; j < ds->f; j++)
                gram[i * ds->f + j] += fe[i] * fe[j];
        if (ds->xf)
            for (int i = 0; i < d; i++)
                for (int j = 0; j < ds->f; j++)
                    ds->xf[i * ds->f + j] += x[i] * fe[j] * inv;
    }
    for (int i = 0; i < d; i++) {
        m->syx[i] *= inv;
        for (int j = 0; j <= i; j++)
            m->sxx[i * d + j] = m->sxx[j * d + i] = m->sxx[i * d + j] * inv;
    }
    m->eyy *= inv;
    for (int i = 0; i < ds->f * ds->f; i++)
        gram[i] *= inv;
    if (linalg_pinv_sym(gram, ds->f, 1e-12, ds->ff_pinv) < 0)
        rc = ub_fail(err, errlen, UB_ENOMEM, "out of memory");
done:
    free(l);
    free(z);
    free(gram);
    return rc;
}

int data_make(dataset_t *ds, const params_t *p, char *err, size_t errlen)
{
    memset(ds, 0, sizeof *ds);
    int rc = params_check(p, err, errlen);
    if (rc)
        return rc;
    params_dims(p, &ds->da, &ds->db);
    ds->d = ds->da + ds->db;
    ds->fa = p->data == DATA_XOR ? 1 : ds->da;
    ds->fb = ds->db;
    ds->f = ds->fa + ds->fb;
    ds->n = params_samples(p);
    rng_t r;
    rng_seed(&r, p->seed, STREAM_DATA);
    if (moments_alloc(&ds->pop, ds->da, ds->db) || moments_alloc(&ds->train, ds->da, ds->db) ||
        !(ds->w_star = calloc((size_t)ds->d, sizeof *ds->w_star)) ||
        !(ds->ff_pinv = calloc((size_t)ds->f * (size_t)ds->f, sizeof *ds->ff_pinv)) ||
        (p->data == DATA_XOR && !(ds->xf = calloc((size_t)ds->d * (size_t)ds->f, sizeof *ds->xf)))) {
        data_free(ds);
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory for the data set");
    }
    rc = make_population(ds, p, &r, err, errlen);
    if (rc == UB_OK) {
        if (ds->n > 0) {
            rc = make_samples(ds, p, &r, err, errlen);
        } else {
            size_t dd = (size_t)ds->d * (size_t)ds->d;
            memcpy(ds->train.sxx, ds->pop.sxx, sizeof *ds->pop.sxx * dd);
            memcpy(ds->train.syx, ds->pop.syx, sizeof *ds->pop.syx * (size_t)ds->d);
            ds->train.eyy = ds->pop.eyy;
        }
    }
    if (rc)
        data_free(ds);
    return rc;
}

void data_free(dataset_t *ds)
{
    moments_free(&ds->pop);
    moments_free(&ds->train);
    free(ds->w_star);
    free(ds->x);
    free(ds->y);
    free(ds->feat);
    free(ds->ff_pinv);
    free(ds->xf);
    ds->w_star = ds->x = ds->y = ds->feat = ds->ff_pinv = ds->xf = NULL;
}
