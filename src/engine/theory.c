/* theory.c - closed-form predictions of THEORY.md 4-6, 8, 9: fixed points and
 * their losses, which modality is prioritised / contributes, the time ratio of
 * the unimodal phase, mis-attribution, the unimodal E_g floor and the flow
 * field of the portrait. Pseudo-inverses throughout, because Sigma is singular
 * whenever there are fewer samples than dimensions. */
#include "unibias/theory.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hot.h"
#include "unibias/linalg.h"
#include "unibias/net.h"
#include "unibias/ub.h"

/* Eigenvalues below this fraction of the largest count as zero in Sigma^+. */
#define PINV_TOL 1e-12
/* Two modalities tie when their scores agree to this relative precision. */
#define TIE_REL 1e-12
/* Target relative accuracy of the integral I (the contract asks for 1e-8). */
#define QUAD_REL 1e-13
/* ... and what each piece may keep relative to itself: s = ln u is only
 * resolved to ~1e-16 |s|, which near s = ln(1e-300) is ~1e-13 of a steep
 * integrand, so a floor at QUAD_REL would refine forever. */
#define QUAD_PIECE_REL 1e-11
#define QUAD_PANELS 32
#define QUAD_DEPTH 48
#define QUAD_BUDGET 100000

/* ---------------------------------------------------------------- blocks */

/* Copies the nr x nc block of m->sxx starting at (r0, c0). */
static void sxx_block(const moments_t *m, int r0, int nr, int c0, int nc, double *out)
{
    for (int i = 0; i < nr; i++)
        for (int j = 0; j < nc; j++)
            out[i * nc + j] = m->sxx[(size_t)(r0 + i) * (size_t)m->d + (size_t)(c0 + j)];
}

/* Unimodal solution of the n coordinates starting at off: w = Sigma_ym
 * Sigma_mm^+, and its gain tr(Sigma_ym Sigma_mm^+ Sigma_my) = w . Sigma_ym.
 * Returns 0 or -1 on allocation failure. */
static int unimodal(const moments_t *m, int off, int n, double *w, double *gain)
{
    size_t nn = (size_t)n * (size_t)n;
    double *blk = malloc(sizeof *blk * nn), *inv = malloc(sizeof *inv * nn);
    if (!blk || !inv) {
        free(blk);
        free(inv);
        return -1;
    }
    sxx_block(m, off, n, off, n, blk);
    int rank = linalg_pinv_sym(blk, n, PINV_TOL, inv);
    if (rank >= 0) {
        linalg_vecmat(m->syx + off, inv, n, n, w);
        if (gain)
            *gain = linalg_dot(w, m->syx + off, n);
    }
    free(blk);
    free(inv);
    return rank < 0 ? -1 : 0;
}

static bool moments_ok(const moments_t *m)
{
    return m && m->da >= 1 && m->db >= 1 && m->d == m->da + m->db && m->sxx && m->syx;
}

/* MOD_A if x clearly exceeds y, MOD_B if y clearly exceeds x, else MOD_NONE. */
static int larger(double x, double y)
{
    if (!isfinite(x) || !isfinite(y))
        return MOD_NONE;
    double scale = fmax(fabs(x), fabs(y));
    if (fabs(x - y) <= TIE_REL * scale)
        return MOD_NONE;
    return x > y ? MOD_A : MOD_B;
}

/* ------------------------------------------------------- late time ratio */

/* P = first (prioritised), O = the other: swapping labels is just choosing offsets. */
typedef struct split {
    int np, no, op, oo;
} split_t;

static split_t split_of(const moments_t *m, int first)
{
    split_t s = {first == MOD_A ? m->da : m->db, first == MOD_A ? m->db : m->da, first == MOD_A ? 0 : m->da,
                 first == MOD_A ? m->da : 0};
    return s;
}

/* What is left for O once P sits at its unimodal solution: the residual
 * Sigma_yO - w_P^uni Sigma_PO (minus the gradient on O's weights at M_P), its
 * norm, and the direction vo (length no) O is measured along:
 *  - scalar O: the sign of the residual. O ends up learned along it, so this
 *    is the paper's orientation (w_B > 0); Sigma_yO may then be negative
 *    (toy, w = (1, 1), rho < -sigma_B/sigma_A), and the units aligned with
 *    the residual shrink while P is learned, which the signed Sigma_yO
 *    accounts for. This is what reduces THEORY.md's late formula to
 *    1 + (r^2 - 1)/(1 - rho^2) for every rho, as the authors plot it.
 *  - vector O: Sigma_yO / ||Sigma_yO||, i.e. THEORY.md's norms as written
 *    (the residual direction if Sigma_yO = 0).
 * Returns 0, or -1 on allocation failure. */
static int other_geometry(const moments_t *m, split_t s, double *vo, double *res_norm)
{
    double *w = malloc(sizeof *w * (size_t)s.np), *res = malloc(sizeof *res * (size_t)s.no);
    if (!w || !res || unimodal(m, s.op, s.np, w, NULL) < 0) {
        free(w);
        free(res);
        return -1;
    }
    for (int j = 0; j < s.no; j++) {
        double r = m->syx[s.oo + j];
        for (int i = 0; i < s.np; i++)
            r -= w[i] * m->sxx[(size_t)(s.op + i) * (size_t)m->d + (size_t)(s.oo + j)];
        res[j] = r;
    }
    *res_norm = linalg_norm(res, s.no);
    double ny = linalg_norm(m->syx + s.oo, s.no);
    for (int j = 0; j < s.no; j++) {
        if (s.no == 1)
            vo[j] = res[j] < 0.0 ? -1.0 : 1.0;
        else if (ny > 0.0)
            vo[j] = m->syx[s.oo + j] / ny;
        else
            vo[j] = *res_norm > 0.0 ? res[j] / *res_norm : 0.0;
    }
    free(w);
    free(res);
    return 0;
}

double theory_time_ratio_late(const moments_t *m, int first)
{
    if (!moments_ok(m) || (first != MOD_A && first != MOD_B))
        return NAN;
    split_t s = split_of(m, first);
    double *vo = malloc(sizeof *vo * (size_t)s.no), den;
    if (!vo || other_geometry(m, s, vo, &den) < 0) {
        free(vo);
        return NAN;
    }
    double num = linalg_norm(m->syx + s.op, s.np) - linalg_dot(vo, m->syx + s.oo, s.no);
    free(vo);
    /* O adds nothing beyond P: it is never learned and the theory gives no finite ratio. */
    if (!(den > 0.0))
        return NAN;
    return 1.0 + num / den;
}

/* --------------------------------------------------- intermediate fusion */

/* The integrand of I after u = e^s, kept in logs: for tiny u0 and deep nets
 * the integrand reaches u0^(2-L), which overflows a double long before the
 * ratio lag / I stops being a sensible number. */
typedef struct iparams {
    int L, Lf;
    double kappa, lu0, loga, logscale;
    long budget; /* bisections left: roundoff must not make the refinement explode */
} iparams_t;

static double log_ub(const iparams_t *q, double s)
{
    if (q->Lf == 2) /* u_B = u^kappa u0^(1-kappa) */
        return q->kappa * s + (1.0 - q->kappa) * q->lu0;
    /* u_B = u0 (kappa (u/u0)^(2-Lf) + 1 - kappa)^(1/(2-Lf)); (u/u0)^(2-Lf) <= 1 cannot overflow */
    double e = 2.0 - q->Lf;
    return q->lu0 + log(q->kappa * exp(e * (s - q->lu0)) + 1.0 - q->kappa) / e;
}

/* e^s du/(a u^(Lf-1) (u^2 + u_B^2)^((L-Lf)/2)), divided by e^logscale. */
static double integrand(const iparams_t *q, double s)
{
    double lb = log_ub(q, s);
    double hi = fmax(s, lb), lo = fmin(s, lb);
    double lsum = 2.0 * hi + log1p(exp(2.0 * (lo - hi))); /* log(u^2 + u_B^2) */
    double lf = (2.0 - q->Lf) * s - q->loga - 0.5 * (q->L - q->Lf) * lsum;
    return exp(lf - q->logscale);
}

/* Gauss-Kronrod 7/15 nodes and weights (QUADPACK qk15). */
static const double xgk[8] = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                              0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                              0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                              0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
static const double wgk[8] = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                              0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                              0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                              0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
static const double wg[4] = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                             0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

static double gk15(const iparams_t *q, double a, double b, double *errest)
{
    double c = 0.5 * (a + b), h = 0.5 * (b - a);
    double fc = integrand(q, c);
    double k = wgk[7] * fc, g = wg[3] * fc;
    for (int j = 0; j < 7; j++) {
        double f = integrand(q, c - h * xgk[j]) + integrand(q, c + h * xgk[j]);
        k += wgk[j] * f;
        if (j % 2 == 1) /* odd Kronrod nodes are the Gauss nodes */
            g += wg[j / 2] * f;
    }
    *errest = fabs((k - g) * h);
    return k * h;
}

/* Bisects until each piece's error estimate is within its share of tol, or
 * within QUAD_PIECE_REL of the piece itself: the integrand is positive, so
 * the latter bounds the total error by QUAD_PIECE_REL I, and it keeps
 * roundoff on a sharp peak (deep nets, tiny u0) from demanding the impossible. */
static double adapt(iparams_t *q, double a, double b, double whole, double errest, double tol, double span,
                    int depth)
{
    if (errest <= fmax(tol * (b - a) / span, QUAD_PIECE_REL * fabs(whole)) || depth >= QUAD_DEPTH || !isfinite(whole) || q->budget <= 0)
        return whole;
    q->budget--;
    double c = 0.5 * (a + b), e1, e2;
    double w1 = gk15(q, a, c, &e1), w2 = gk15(q, c, b, &e2);
    return adapt(q, a, c, w1, e1, tol, span, depth + 1) + adapt(q, c, b, w2, e2, tol, span, depth + 1);
}

/* J = I e^-logscale over s in [ln u0, 0]. */
static double integral_scaled(iparams_t *q)
{
    double lo = q->lu0, span = -q->lu0, h = span / QUAD_PANELS;
    double part[QUAD_PANELS], err[QUAD_PANELS], total = 0.0;
    for (int i = 0; i < QUAD_PANELS; i++) {
        part[i] = gk15(q, lo + i * h, lo + (i + 1) * h, &err[i]);
        total += part[i];
    }
    /* Relative target on the whole, so the tolerance follows the first estimate. */
    double tol = QUAD_REL * fabs(total), sum = 0.0;
    for (int i = 0; i < QUAD_PANELS; i++)
        sum += adapt(q, lo + i * h, lo + (i + 1) * h, part[i], err[i], tol, span, 0);
    return sum;
}

double theory_time_ratio_toy(int L, int Lf, double r, double rho, double u0, double a, double b, double *eta_t)
{
    if (eta_t)
        *eta_t = NAN;
    /* Arguments the formula has no meaning for give nan, whichever fusion. */
    /* b <= 0 is allowed: the reference table has b = 0 (rho = -1/r), and the
     * authors' sweeps go on to b < 0 (kappa < 0, the other modality's
     * aligned units shrink while the first is learned). */
    if (L < 1 || Lf < 1 || Lf > L || !(a > 0.0) || !(a > b) || !isfinite(a) || !isfinite(b) || !(r > 0.0) ||
        !isfinite(r) ||
        !(fabs(rho) < 1.0) || !(u0 > 0.0 && u0 < 1.0))
        return NAN;
    if (Lf == 1)
        return 1.0;
    /* In units with sigma_other = 1: w_first^uni = a / r^2 and the residual
     * gradient on the other modality at M_first is b - w^uni Sigma_AB =
     * b - a rho / r. For w = (1, 1) these are THEORY.md's (1 + rho/r) and
     * (1 - rho^2); keeping them general makes any w_A, w_B correct. */
    double wuni = a / (r * r), g = b - a * rho / r;
    if (!(g > 0.0) || !(wuni > 0.0))
        return NAN;
    if (Lf == L)
        return 1.0 + (a - b) / g;

    iparams_t q = {.L = L, .Lf = Lf, .kappa = b / a, .lu0 = log(u0), .loga = log(a), .budget = QUAD_BUDGET};
    /* The integrand peaks near u = u0 at about u0^(2-L) / a. */
    q.logscale = (2.0 - L) * q.lu0 - q.loga;
    double J = integral_scaled(&q);
    if (!(J > 0.0) || !isfinite(J))
        return NAN;
    double loglag; /* log of the lag, same logs-first reason as the integrand */
    double tail = (1.0 * Lf / L - 1.0) * log(wuni) - log(g);
    if (Lf == 2)
        loglag = log((1.0 - q.kappa) * -q.lu0) + tail;
    else /* u_B0^(2-Lf) = u0^(2-Lf) (1 - kappa) */
        loglag = (2.0 - Lf) * q.lu0 + log(1.0 - q.kappa) - log(Lf - 2.0) + tail;
    if (eta_t)
        *eta_t = exp(q.logscale) * J;
    return 1.0 + exp(loglag - q.logscale - log(J));
}

/* ------------------------------------------------------------ E_g, etc. */

/* Called every step of a run with samples, hence the four partial sums (one
 * chain of additions would be latency-bound) and the vector clone. */
HOT double theory_eg(const moments_t *pop, const double *w_star, const double *w)
{
    if (!moments_ok(pop) || !w_star || !w)
        return NAN;
    int d = pop->d;
    double s = 0.0;
    for (int i = 0; i < d; i++) {
        const double *restrict r = pop->sxx + (size_t)i * (size_t)d;
        double r0 = 0.0, r1 = 0.0, r2 = 0.0, r3 = 0.0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            r0 += r[j] * (w[j] - w_star[j]);
            r1 += r[j + 1] * (w[j + 1] - w_star[j + 1]);
            r2 += r[j + 2] * (w[j + 2] - w_star[j + 2]);
            r3 += r[j + 3] * (w[j + 3] - w_star[j + 3]);
        }
        for (; j < d; j++)
            r0 += r[j] * (w[j] - w_star[j]);
        s += (w[i] - w_star[i]) * ((r0 + r2) + (r1 + r3));
    }
    return 0.5 * s;
}

/* Intermediate fusion: the toy formula on the two modalities projected onto
 * one direction each - P onto Sigma_yP / ||Sigma_yP|| (the direction it is
 * learned along), O onto other_geometry's direction - so a = ||Sigma_yP||, b
 * = the signed projection of Sigma_yO (its norm for vectors), and sigma, rho
 * are those of the projected inputs. For scalars this only flips signs, which
 * the dynamics from a small random init do not see, and gives back the
 * paper's (a, b, r, rho) whenever its w = (1, 1) convention applies. */
static double ratio_intermediate(const moments_t *m, const params_t *p, int first, double *eta_t)
{
    *eta_t = NAN;
    split_t s = split_of(m, first);
    double a = linalg_norm(m->syx + s.op, s.np), res_norm;
    if (!(a > 0.0))
        return NAN;
    double *vp = malloc(sizeof *vp * (size_t)s.np), *vo = malloc(sizeof *vo * (size_t)s.no);
    double *bp = malloc(sizeof *bp * (size_t)s.np * (size_t)s.np);
    double *bo = malloc(sizeof *bo * (size_t)s.no * (size_t)s.no);
    double ratio = NAN;
    if (!vp || !vo || !bp || !bo || other_geometry(m, s, vo, &res_norm) < 0)
        goto out;
    for (int i = 0; i < s.np; i++)
        vp[i] = m->syx[s.op + i] / a;
    sxx_block(m, s.op, s.np, s.op, s.np, bp);
    sxx_block(m, s.oo, s.no, s.oo, s.no, bo);
    double var_p = linalg_quad(vp, bp, s.np), var_o = linalg_quad(vo, bo, s.no);
    double b = linalg_dot(vo, m->syx + s.oo, s.no), cross = 0.0;
    for (int i = 0; i < s.np; i++)
        for (int j = 0; j < s.no; j++)
            cross += vp[i] * m->sxx[(size_t)(s.op + i) * (size_t)m->d + (size_t)(s.oo + j)] * vo[j];
    if (!(var_p > 0.0) || !(var_o > 0.0))
        goto out;
    double r = sqrt(var_p / var_o), rho = cross / sqrt(var_p * var_o);
    /* The formula is written in units where sigma_other = 1. Dividing a and b
     * by var_o rescales time by var_o (lag and I alike), which keeps the
     * ratio and makes w^uni = a / sigma_first^2 right; I is scaled back. */
    double eta;
    ratio = theory_time_ratio_toy(p->depth, p->fuse, r, rho, p->init, a / var_o, b / var_o, &eta);
    *eta_t = eta / var_o;
out:
    free(vp);
    free(vo);
    free(bp);
    free(bo);
    return ratio;
}

/* ------------------------------------------------------------- compute */

void theory_free(theory_t *t)
{
    if (!t)
        return;
    free(t->w_uni_a);
    free(t->w_uni_b);
    free(t->w_star);
    t->w_uni_a = t->w_uni_b = t->w_star = NULL;
}

int theory_compute(theory_t *t, const params_t *p, const moments_t *m, char *err, size_t errlen)
{
    if (!t)
        return ub_fail(err, errlen, UB_EINVAL, "theory: no result structure given");
    memset(t, 0, sizeof *t);
    if (!p)
        return ub_fail(err, errlen, UB_EINVAL, "theory: no parameters given");
    if (!moments_ok(m))
        return ub_fail(err, errlen, UB_EINVAL, "theory: moments must have da >= 1, db >= 1 and d = da + db");
    if (p->depth < 1 || p->fuse < 1 || p->fuse > p->depth)
        return ub_fail(err, errlen, UB_EINVAL,
                       "theory: fuse must be between 1 and depth (%d), got fuse=%d", p->depth, p->fuse);
    int da = m->da, db = m->db, d = m->d;
    t->da = da;
    t->db = db;
    t->d = d;
    t->w_uni_a = malloc(sizeof *t->w_uni_a * (size_t)da);
    t->w_uni_b = malloc(sizeof *t->w_uni_b * (size_t)db);
    t->w_star = malloc(sizeof *t->w_star * (size_t)d);
    double *inv = malloc(sizeof *inv * (size_t)d * (size_t)d);
    double *wa = calloc((size_t)d, sizeof *wa), *wb = calloc((size_t)d, sizeof *wb);
    if (!t->w_uni_a || !t->w_uni_b || !t->w_star || !inv || !wa || !wb ||
        unimodal(m, 0, da, t->w_uni_a, &t->gain_a) < 0 || unimodal(m, da, db, t->w_uni_b, &t->gain_b) < 0 ||
        linalg_pinv_sym(m->sxx, d, PINV_TOL, inv) < 0) {
        free(inv);
        free(wa);
        free(wb);
        theory_free(t);
        return ub_fail(err, errlen, UB_ENOMEM, "theory: out of memory");
    }
    linalg_vecmat(m->syx, inv, d, d, t->w_star);
    double gain_star = linalg_dot(t->w_star, m->syx, d);
    free(inv);

    /* At w = Sigma_y. Sigma^+ the quadratic term equals the linear one
     * (Sigma^+ Sigma Sigma^+ = Sigma^+), so each loss is 1/2 (E y^2 - gain). */
    t->loss_m0 = 0.5 * m->eyy;
    t->loss_ma = 0.5 * (m->eyy - t->gain_a);
    t->loss_mb = 0.5 * (m->eyy - t->gain_b);
    t->loss_star = 0.5 * (m->eyy - gain_star);

    t->norm_ya = linalg_norm(m->syx, da);
    t->norm_yb = linalg_norm(m->syx + da, db);
    t->prioritised = larger(t->norm_ya, t->norm_yb);
    t->contributes = larger(t->gain_a, t->gain_b);
    t->superficial = t->prioritised != MOD_NONE && t->contributes != MOD_NONE && t->prioritised != t->contributes;

    int L = p->depth, Lf = p->fuse, first = t->prioritised;
    t->eta_t_first = NAN;
    if (p->data == DATA_XOR)
        t->time_ratio = NAN; /* the task is nonlinear: the linear theory says nothing about timing */
    else if (L == 1)
        t->time_ratio = NAN; /* a shallow model has no plateau to escape: each weight relaxes
                              * exponentially at its own rate, outside the theory's regime */
    else if (Lf == 1 || first == MOD_NONE)
        t->time_ratio = 1.0; /* no unimodal phase: early fusion, or both modalities start together */
    else if (Lf == L)
        t->time_ratio = theory_time_ratio_late(m, first);
    else
        t->time_ratio = ratio_intermediate(m, p, first, &t->eta_t_first);

    t->misattribution = NAN;
    if (Lf > 1 && first != MOD_NONE) {
        int n = first == MOD_A ? da : db;
        const double *wu = first == MOD_A ? t->w_uni_a : t->w_uni_b;
        const double *ws = first == MOD_A ? t->w_star : t->w_star + da;
        double u = linalg_view(wu, n), s = linalg_view(ws, n);
        if (s != 0.0)
            t->misattribution = (u - s) / s;
    }

    memcpy(wa, t->w_uni_a, sizeof *wa * (size_t)da);
    memcpy(wb + da, t->w_uni_b, sizeof *wb * (size_t)db);
    t->eg_floor = fmin(theory_eg(m, t->w_star, wa), theory_eg(m, t->w_star, wb));
    free(wa);
    free(wb);
    return UB_OK;
}

/* ---------------------------------------------------------------- flow */

/* d(product of the path's weights)/dt by the product rule: every layer is
 * 1 x 1, so the total weight is a plain product and this is exact. */
static double path_velocity(const net_t *net, const double *vel, int lo, int hi)
{
    double v = 0.0;
    int Lf = net->Lf;
    for (int i = 0; i < net->nlayers; i++) {
        bool on_i = (i >= lo && i < hi) || i >= 2 * Lf;
        if (!on_i)
            continue;
        double term = vel[net->layer[i].w - net->theta];
        for (int j = 0; j < net->nlayers; j++)
            if (j != i && ((j >= lo && j < hi) || j >= 2 * Lf))
                term *= net->layer[j].w[0];
        v += term;
    }
    return v;
}

int theory_flow(const params_t *p, const moments_t *m, double a, double b, double *va, double *vb)
{
    if (!p || !moments_ok(m) || m->da != 1 || m->db != 1 || !va || !vb || !isfinite(a) || !isfinite(b) ||
        p->depth < 1 || p->fuse < 1 || p->fuse > p->depth)
        return UB_EINVAL;
    *va = *vb = NAN;
    int L = p->depth, Lf = p->fuse;
    /* Balanced magnitudes: alpha_A / alpha_B = q, beta^2 = alpha_A^2 + alpha_B^2. */
    double alpha_a, alpha_b;
    if (a == 0.0 && b == 0.0) {
        alpha_a = alpha_b = 0.0;
    } else if (b == 0.0) {
        alpha_b = 0.0;
        alpha_a = pow(fabs(a), 1.0 / L); /* beta = alpha_A, so |a| = alpha_A^L */
    } else if (a == 0.0) {
        alpha_a = 0.0;
        alpha_b = pow(fabs(b), 1.0 / L);
    } else {
        double q = pow(fabs(a) / fabs(b), 1.0 / Lf);
        alpha_b = pow(fabs(b) / pow(1.0 + q * q, 0.5 * (L - Lf)), 1.0 / L);
        alpha_a = q * alpha_b;
    }
    double beta = hypot(alpha_a, alpha_b);

    params_t pc = *p;
    pc.width = 1;
    pc.activation = ACT_LINEAR;
    pc.n = 0;
    pc.path = PATH_MOMENTS;
    net_t net;
    char msg[256];
    memset(&net, 0, sizeof net);
    int rc = net_init(&net, &pc, 1, 1, 0, msg, sizeof msg);
    if (rc != UB_OK)
        return rc;
    if (net.nlayers != 2 * Lf + (L - Lf)) {
        net_free(&net);
        return UB_ERUNTIME;
    }
    for (int i = 0; i < net.nlayers; i++)
        if (net.layer[i].rows != 1 || net.layer[i].cols != 1) {
            net_free(&net);
            return UB_ERUNTIME;
        }
    for (int i = 0; i < Lf; i++) {
        net.layer[i].w[0] = alpha_a;
        net.layer[Lf + i].w[0] = alpha_b;
    }
    net.layer[0].w[0] = a < 0 ? -alpha_a : alpha_a; /* the sign sits on each branch's first layer */
    net.layer[Lf].w[0] = b < 0 ? -alpha_b : alpha_b;
    for (int i = 2 * Lf; i < net.nlayers; i++)
        net.layer[i].w[0] = beta;

    double *grad = malloc(sizeof *grad * net.nparams);
    if (!grad) {
        net_free(&net);
        return UB_ENOMEM;
    }
    net_step_moments(&net, m, 0.0, 0.0, NULL, grad);
    for (size_t k = 0; k < net.nparams; k++)
        grad[k] = -grad[k]; /* gradient flow: parameter velocity is -grad */
    *va = path_velocity(&net, grad, 0, Lf);
    *vb = path_velocity(&net, grad, Lf, 2 * Lf);
    free(grad);
    net_free(&net);
    return UB_OK;
}
