/* net.c - the multimodal network: shapes, init, the fused gradient step.
 *
 * Linear path (THEORY.md 3): with dy = 1 every layer's gradient is the outer
 * product T_k^T v_k, where T_k (a row) is the product of the layers above and
 * v_k = (product of the layers below) G^T, G = W^tot Sigma_xx - Sigma_yx.
 * One top-down pass gives every T_k and W^tot; one bottom-up pass propagates
 * v and updates each row right after reading it. Each weight is read twice and
 * written once per step, nothing is allocated, and the cost is O(#weights + d^2)
 * whatever the number of samples.
 *
 * Sample path: the usual forward/backward over all samples with OpenBLAS
 * dgemm, for nonlinear nets (and as the check of the linear path). */
#include "unibias/net.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hot.h"
#include "unibias/rng.h"
#include "unibias/ub.h"

enum { STREAM_INIT = 1 };

/* Scratch of both paths, sized once in net_init. */
typedef struct work {
    double **t;       /* per layer: T_k, length rows */
    double **v;       /* per layer: input-side vector v_k, length cols */
    double *u;        /* d: W^tot Sigma */
    double *wt;       /* d: W^tot */
    /* sample path */
    long chunk;       /* samples per block: one block's activations stay in cache */
    double **h;       /* per layer: chunk x rows activations (after phi) */
    double **dl;      /* per layer: chunk x rows, dLoss/d(pre-activation) */
    double *gw;       /* gradient accumulated over the blocks (nparams) */
    double *f;        /* N outputs */
} work_t;

static int layer_global(const net_t *net, int k)
{
    /* 1-based layer number of chain index k */
    if (k < net->Lf)
        return k + 1;
    if (k < 2 * net->Lf)
        return k - net->Lf + 1;
    return net->Lf + 1 + (k - 2 * net->Lf);
}

static void work_free(work_t *w, int nl)
{
    if (!w)
        return;
    for (int k = 0; k < nl; k++) {
        if (w->t)
            free(w->t[k]);
        if (w->v)
            free(w->v[k]);
        if (w->h)
            free(w->h[k]);
        if (w->dl)
            free(w->dl[k]);
    }
    free(w->t);
    free(w->v);
    free(w->h);
    free(w->dl);
    free(w->u);
    free(w->wt);
    free(w->gw);
    free(w->f);
    free(w);
}

static int work_alloc(net_t *net, long n)
{
    int nl = net->nlayers;
    work_t *w = calloc(1, sizeof *w);
    if (!w)
        return UB_ENOMEM;
    net->work = w;
    w->t = calloc((size_t)nl, sizeof *w->t);
    w->v = calloc((size_t)nl, sizeof *w->v);
    w->u = calloc((size_t)net->d, sizeof *w->u);
    w->wt = calloc((size_t)net->d, sizeof *w->wt);
    if (!w->t || !w->v || !w->u || !w->wt)
        return UB_ENOMEM;
    for (int k = 0; k < nl; k++) {
        const layer_t *ly = &net->layer[k];
        w->t[k] = calloc((size_t)ly->rows, sizeof *w->t[k]);
        w->v[k] = calloc((size_t)ly->cols, sizeof *w->v[k]);
        if (!w->t[k] || !w->v[k])
            return UB_ENOMEM;
    }
    if (n > 0) {
        /* ~256 KiB of activations per layer and block: L2-resident, and still
         * wide enough for dgemm to run at speed */
        long chunk = 32768 / (net->h > 0 ? net->h : 1);
        chunk = chunk < 64 ? 64 : chunk;
        w->chunk = chunk < n ? chunk : n;
        w->h = calloc((size_t)nl, sizeof *w->h);
        w->dl = calloc((size_t)nl, sizeof *w->dl);
        w->gw = malloc(sizeof *w->gw * net->nparams);
        w->f = malloc(sizeof *w->f * (size_t)n);
        if (!w->h || !w->dl || !w->gw || !w->f)
            return UB_ENOMEM;
        for (int k = 0; k < nl; k++) {
            size_t sz = (size_t)w->chunk * (size_t)net->layer[k].rows;
            w->h[k] = malloc(sizeof *w->h[k] * sz);
            w->dl[k] = malloc(sizeof *w->dl[k] * sz);
            if (!w->h[k] || !w->dl[k])
                return UB_ENOMEM;
        }
    }
    return UB_OK;
}

void net_free(net_t *net)
{
    work_free(net->work, net->nlayers);
    free(net->layer);
    free(net->theta);
    memset(net, 0, sizeof *net);
}

void net_reinit(net_t *net, const params_t *p)
{
    rng_t r;
    rng_seed(&r, p->seed, STREAM_INIT);
    int Lf = net->Lf;
    /* Layer by layer, A's block before B's, so that the draw order does not
     * depend on the storage order. */
    for (int g = 1; g <= net->L; g++) {
        for (int k = 0; k < net->nlayers; k++) {
            if (layer_global(net, k) != g)
                continue;
            layer_t *ly = &net->layer[k];
            double s = p->init;
            if (p->init_scheme == INIT_SCALED) {
                double fan = (double)ly->rows * ly->cols;
                if (g == Lf) /* the fusion layer is one matrix over both halves */
                    fan = (double)ly->rows * (net->layer[0 + (Lf - 1)].cols + net->layer[Lf + (Lf - 1)].cols);
                s = (g < Lf ? 1.0 : sqrt(2.0)) * p->init / sqrt(fan);
            }
            for (int i = 0; i < ly->rows * ly->cols; i++)
                ly->w[i] = s * rng_normal(&r);
        }
    }
}

int net_init(net_t *net, const params_t *p, int da, int db, long n_samples, char *err, size_t errlen)
{
    memset(net, 0, sizeof *net);
    int L = p->depth, Lf = p->fuse, h = p->width;
    if (L < 1 || Lf < 1 || Lf > L || h < 1 || da < 1 || db < 1)
        return ub_fail(err, errlen, UB_EINVAL, "bad network shape: depth=%d fuse=%d width=%d", L, Lf, h);
    net->L = L;
    net->Lf = Lf;
    net->h = h;
    net->da = da;
    net->db = db;
    net->d = da + db;
    net->act = p->activation;
    net->slope = p->activation == ACT_LINEAR ? 1.0 : p->activation == ACT_LEAKY ? p->slope : 0.0;
    net->nlayers = 2 * Lf + (L - Lf);
    net->layer = calloc((size_t)net->nlayers, sizeof *net->layer);
    if (!net->layer)
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory for the network");
    size_t total = 0;
    for (int k = 0; k < net->nlayers; k++) {
        int g = layer_global(net, k);
        layer_t *ly = &net->layer[k];
        ly->rows = g == L ? 1 : h;
        if (k < 2 * Lf && g == 1)
            ly->cols = k < Lf ? da : db;
        else
            ly->cols = h;
        total += (size_t)ly->rows * (size_t)ly->cols;
    }
    net->nparams = total;
    net->theta = malloc(sizeof *net->theta * total);
    if (!net->theta) {
        net_free(net);
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory for %zu weights", total);
    }
    double *w = net->theta;
    for (int k = 0; k < net->nlayers; k++) {
        net->layer[k].w = w;
        w += (size_t)net->layer[k].rows * (size_t)net->layer[k].cols;
    }
    if (work_alloc(net, n_samples) != UB_OK) {
        net_free(net);
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory for the training scratch");
    }
    /* Parallelism comes from independent runs; one run stays on one thread. */
    openblas_set_num_threads(1);
    net_reinit(net, p);
    return UB_OK;
}

/* Dot product with four independent sums: without -ffast-math the compiler
 * may not reorder one sum, and a single chain is latency-bound. */
static inline double dot4(const double *restrict a, const double *restrict b, int n)
{
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    int j = 0;
    for (; j + 4 <= n; j += 4) {
        s0 += a[j] * b[j];
        s1 += a[j + 1] * b[j + 1];
        s2 += a[j + 2] * b[j + 2];
        s3 += a[j + 3] * b[j + 3];
    }
    for (; j < n; j++)
        s0 += a[j] * b[j];
    return (s0 + s2) + (s1 + s3);
}

/* y = x S for a row x and a d x d matrix S (u = W^tot Sigma). */
HOT static void row_times_sq(const double *restrict x, const double *restrict s, int d, double *restrict y)
{
    for (int j = 0; j < d; j++)
        y[j] = 0.0;
    for (int i = 0; i < d; i++) {
        double xi = x[i];
        const double *restrict r = s + (size_t)i * d;
        for (int j = 0; j < d; j++)
            y[j] += xi * r[j];
    }
}

/* y = x W for a row x (length rows): the top-down pass. */
HOT static void row_times(const double *restrict x, const layer_t *ly, double *restrict y)
{
    int rows = ly->rows, cols = ly->cols;
    const double *restrict w = ly->w;
    if (cols == 1) { /* a column (first layer of a scalar modality) */
        y[0] = dot4(x, w, rows);
        return;
    }
    for (int j = 0; j < cols; j++)
        y[j] = 0.0;
    for (int i = 0; i < rows; i++) {
        double xi = x[i];
        const double *restrict wr = w + (size_t)i * cols;
        for (int j = 0; j < cols; j++)
            y[j] += xi * wr[j];
    }
}

/* The bottom-up pass for one layer: out = W v (when out != NULL, accumulated
 * if acc), then W <- W - lr (t v^T + wd W) row by row, or the gradient written
 * to g instead. Each row is read once for both. */
HOT static void layer_update(layer_t *ly, const double *restrict t, const double *restrict v, double *restrict out,
                             int acc, double lr, double wd, double *restrict g)
{
    int rows = ly->rows, cols = ly->cols;
    double keep = 1.0 - lr * wd;
    double *restrict w = ly->w;
    if (cols == 1 && !g) { /* a column: vectorise across rows instead */
        double v0 = v[0];
        if (out)
            for (int i = 0; i < rows; i++)
                out[i] = (acc ? out[i] : 0.0) + w[i] * v0;
        for (int i = 0; i < rows; i++)
            w[i] = keep * w[i] - lr * t[i] * v0;
        return;
    }
    for (int i = 0; i < rows; i++) {
        double *restrict wr = w + (size_t)i * cols;
        if (out) {
            double s = dot4(wr, v, cols);
            out[i] = acc ? out[i] + s : s;
        }
        double ti = t[i];
        if (g) {
            double *restrict gr = g + (size_t)i * cols;
            for (int j = 0; j < cols; j++)
                gr[j] = ti * v[j] + wd * wr[j];
        } else if (wd == 0.0) {
            double a = lr * ti;
            for (int j = 0; j < cols; j++)
                wr[j] -= a * v[j];
        } else {
            double a = lr * ti;
            for (int j = 0; j < cols; j++)
                wr[j] = keep * wr[j] - a * v[j];
        }
    }
}

/* Top-down pass: T_k for every layer and W^tot into wt. */
static void forward_products(net_t *net, double *wt)
{
    work_t *w = net->work;
    int Lf = net->Lf, nl = net->nlayers;
    /* shared chain, top first */
    w->t[nl - 1][0] = 1.0;
    for (int k = nl - 1; k > 2 * Lf; k--)
        row_times(w->t[k], &net->layer[k], w->t[k - 1]);
    /* the fusion layer's two halves share the T of the layer above it */
    int has_shared = nl > 2 * Lf;
    if (has_shared)
        row_times(w->t[2 * Lf], &net->layer[2 * Lf], w->t[Lf - 1]);
    else
        w->t[Lf - 1][0] = 1.0;
    memcpy(w->t[2 * Lf - 1], w->t[Lf - 1], sizeof(double) * (size_t)net->layer[Lf - 1].rows);
    for (int br = 0; br < 2; br++) {
        int top = br * Lf + Lf - 1;
        for (int k = top; k > br * Lf; k--)
            row_times(w->t[k], &net->layer[k], w->t[k - 1]);
        row_times(w->t[br * Lf], &net->layer[br * Lf], wt + (br ? net->da : 0));
    }
}

void net_total(const net_t *net, double *wtot)
{
    forward_products((net_t *)net, wtot);
}

/* Bottom-up pass given v at the inputs of both branches (w->v[0], w->v[Lf]). */
static void backward_update(net_t *net, double lr, double wd, double *grad)
{
    work_t *w = net->work;
    int Lf = net->Lf, nl = net->nlayers;
    int has_shared = nl > 2 * Lf;
    for (int br = 0; br < 2; br++) {
        for (int k = br * Lf; k < br * Lf + Lf; k++) {
            layer_t *ly = &net->layer[k];
            int last = k == br * Lf + Lf - 1;
            double *out = last ? (has_shared ? w->v[2 * Lf] : NULL) : w->v[k + 1];
            double *g = grad ? grad + (ly->w - net->theta) : NULL;
            layer_update(ly, w->t[k], w->v[k], out, last && br == 1, lr, wd, g);
        }
    }
    for (int k = 2 * Lf; k < nl; k++) {
        layer_t *ly = &net->layer[k];
        double *out = k + 1 < nl ? w->v[k + 1] : NULL;
        double *g = grad ? grad + (ly->w - net->theta) : NULL;
        layer_update(ly, w->t[k], w->v[k], out, 0, lr, wd, g);
    }
}

double net_step_moments(net_t *net, const moments_t *m, double lr, double wd, double *wtot, double *grad)
{
    work_t *w = net->work;
    int d = net->d;
    forward_products(net, w->wt);
    /* u = W Sigma, G = u - Sigma_yx, loss = 1/2 Eyy - W.Syx + 1/2 W.u */
    double wsy = 0.0, wu = 0.0;
    const double *wt = w->wt;
    row_times_sq(wt, m->sxx, d, w->u);
    for (int j = 0; j < d; j++) {
        wsy += wt[j] * m->syx[j];
        wu += wt[j] * w->u[j];
        double gj = w->u[j] - m->syx[j];
        if (j < net->da)
            w->v[0][j] = gj;
        else
            w->v[net->Lf][j - net->da] = gj;
    }
    /* The exact loss is >= 0; below 0 is cancellation noise near a perfect fit. */
    double loss = 0.5 * m->eyy - wsy + 0.5 * wu;
    if (loss < 0.0) /* (not fmax: a NaN must survive to flag divergence) */
        loss = 0.0;
    if (wtot)
        memcpy(wtot, wt, sizeof *wt * (size_t)d);
    /* the first shared layer's input is accumulated over both branches */
    if (net->nlayers > 2 * net->Lf)
        memset(w->v[2 * net->Lf], 0, sizeof(double) * (size_t)net->layer[2 * net->Lf].cols);
    backward_update(net, lr, wd, grad);
    return loss;
}

/* ---- sample path ---- */

/* Branch-free arithmetic on the comparison's 0/1 (which vectorises; a select
 * compiles to a jump): half the units of a ReLU net are off, so a branch per
 * element would be mispredicted half the time. Multiplying by exactly 1 or s
 * gives the same bits as the branchy form. */
HOT static void act_apply(const net_t *net, double *restrict x, size_t n)
{
    if (net->act == ACT_LINEAR)
        return;
    double s = net->slope;
    for (size_t i = 0; i < n; i++)
        x[i] *= 1.0 + (s - 1.0) * (double)(x[i] < 0.0);
}

/* dl *= phi'(h): h > 0 exactly when the pre-activation was (slope >= 0). */
HOT static void act_grad(const net_t *net, const double *restrict h, double *restrict dl, size_t n)
{
    if (net->act == ACT_LINEAR)
        return;
    double s = net->slope;
    for (size_t i = 0; i < n; i++)
        dl[i] *= s + (1.0 - s) * (double)(h[i] > 0.0);
}

/* out (N x rows) = in (N x cols, leading dim ld) W^T, accumulated if beta = 1 */
static void gemm_forward(long n, const layer_t *ly, const double *in, int ld, double *out, double beta)
{
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n, ly->rows, ly->cols, 1.0, in, ld, ly->w, ly->cols,
                beta, out, ly->rows);
}

/* Forward and backward pass over samples [s0, s0 + n): writes their outputs
 * to w->f, adds their gradient to g (beta 0: overwrite) and returns their
 * summed squared residual. The loss is 1/(2N) of the total over all blocks. */
static double block_pass(net_t *net, const dataset_t *ds, long s0, long n, double *g, double beta)
{
    work_t *w = net->work;
    int Lf = net->Lf, nl = net->nlayers, d = ds->d;
    const double *x = ds->x + (size_t)s0 * (size_t)d;
    /* forward: the fusion layer's sum lives in h[Lf-1] (A's top slot) */
    for (int br = 0; br < 2; br++) {
        const double *in = x + (br ? net->da : 0);
        int ld = d;
        for (int k = br * Lf; k < br * Lf + Lf; k++) {
            int last = k == br * Lf + Lf - 1;
            if (last) {
                gemm_forward(n, &net->layer[k], in, ld, w->h[Lf - 1], br ? 1.0 : 0.0);
            } else {
                gemm_forward(n, &net->layer[k], in, ld, w->h[k], 0.0);
                act_apply(net, w->h[k], (size_t)n * (size_t)net->layer[k].rows);
                in = w->h[k];
                ld = net->layer[k].rows;
            }
        }
    }
    const double *in = w->h[Lf - 1];
    int ld = net->layer[Lf - 1].rows;
    if (nl > 2 * Lf) {
        act_apply(net, w->h[Lf - 1], (size_t)n * (size_t)ld);
        for (int k = 2 * Lf; k < nl; k++) {
            gemm_forward(n, &net->layer[k], in, ld, w->h[k], 0.0);
            if (k + 1 < nl)
                act_apply(net, w->h[k], (size_t)n * (size_t)net->layer[k].rows);
            in = w->h[k];
            ld = net->layer[k].rows;
        }
    }
    double sq = 0.0;
    double *dl_top = w->dl[nl - 1 < 2 * Lf ? Lf - 1 : nl - 1];
    double inv_n = 1.0 / (double)ds->n;
    for (long s = 0; s < n; s++) {
        double r = in[s] - ds->y[s0 + s];
        w->f[s0 + s] = in[s];
        sq += r * r;
        dl_top[s] = r * inv_n;
    }
    /* backward: grad += dl^T in, then dl_in = (dl W) * phi'(in) with the old W */
    for (int k = nl - 1; k >= 2 * Lf; k--) {
        layer_t *ly = &net->layer[k];
        const double *hin = k > 2 * Lf ? w->h[k - 1] : w->h[Lf - 1];
        double *dlin = k > 2 * Lf ? w->dl[k - 1] : w->dl[Lf - 1];
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, ly->rows, ly->cols, (int)n, 1.0, w->dl[k], ly->rows, hin,
                    ly->cols, beta, g + (ly->w - net->theta), ly->cols);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, ly->cols, ly->rows, 1.0, w->dl[k], ly->rows,
                    ly->w, ly->cols, 0.0, dlin, ly->cols);
        act_grad(net, hin, dlin, (size_t)n * (size_t)ly->cols);
    }
    /* the fusion layer's delta (in dl[Lf-1]) drives both branches */
    for (int br = 0; br < 2; br++) {
        const double *dl = w->dl[Lf - 1];
        for (int k = br * Lf + Lf - 1; k >= br * Lf; k--) {
            layer_t *ly = &net->layer[k];
            int first = k == br * Lf;
            const double *hin = first ? x + (br ? net->da : 0) : w->h[k - 1];
            int ldin = first ? d : ly->cols;
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, ly->rows, ly->cols, (int)n, 1.0, dl, ly->rows, hin,
                        ldin, beta, g + (ly->w - net->theta), ly->cols);
            if (!first) {
                double *dlin = w->dl[k - 1];
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, ly->cols, ly->rows, 1.0, dl, ly->rows,
                            ly->w, ly->cols, 0.0, dlin, ly->cols);
                act_grad(net, hin, dlin, (size_t)n * (size_t)ly->cols);
                dl = dlin;
            }
        }
    }
    return sq;
}

double net_step_samples(net_t *net, const dataset_t *ds, double lr, double wd, double *wtot, double *grad)
{
    work_t *w = net->work;
    long n = ds->n;
    double *g = grad ? grad : w->gw;
    /* Blocks of samples keep every activation in cache; all blocks see the
     * old weights, so this is still exactly full-batch gradient descent. */
    double sq = 0.0;
    for (long s0 = 0; s0 < n; s0 += w->chunk) {
        long cn = n - s0 < w->chunk ? n - s0 : w->chunk;
        sq += block_pass(net, ds, s0, cn, g, s0 == 0 ? 0.0 : 1.0);
    }
    double loss = 0.5 * sq / (double)n;
    if (wtot) {
        if (net->act == ACT_LINEAR && ds->f == ds->d) {
            net_total(net, wtot);
        } else { /* least-squares read-out: (f^T F / N) (F^T F / N)^+ */
            double *rr = w->u; /* d >= f entries, free on this path */
            cblas_dgemv(CblasRowMajor, CblasTrans, (int)n, ds->f, 1.0 / (double)n, ds->feat, ds->f, w->f, 1, 0.0, rr,
                        1);
            cblas_dgemv(CblasRowMajor, CblasTrans, ds->f, ds->f, 1.0, ds->ff_pinv, ds->f, rr, 1, 0.0, wtot, 1);
        }
    }
    if (wd != 0.0)
        cblas_daxpy((int)net->nparams, wd, net->theta, 1, g, 1);
    if (!grad)
        cblas_daxpy((int)net->nparams, -lr, g, 1, net->theta, 1);
    return loss;
}
