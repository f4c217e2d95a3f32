/* test_theory.c - the closed-form predictions (THEORY.md 4-6, 8, 9) against
 * hand-computed values, the reference table of section 6, an independent
 * brute-force quadrature and the flow-field identities of section 9. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unibias/data.h"
#include "unibias/params.h"
#include "unibias/theory.h"
#include "unibias/ub.h"

/* |x - y| <= tol * max(1, |y|): relative for big values, absolute near 0. */
#define ASSERT_NEAR(x, y, tol)                                                                             \
    do {                                                                                                   \
        double x_ = (x), y_ = (y);                                                                         \
        ck_assert_msg(fabs(x_ - y_) <= (tol) * fmax(1.0, fabs(y_)), "%s = %.17g, expected %.17g (tol %g)", \
                      #x, x_, y_, (double)(tol));                                                          \
    } while (0)

/* Population moments of the toy data set: scalar x_A, x_B, y = w_A x_A + w_B x_B + noise. */
static void toy_moments(moments_t *m, double sa, double sb, double rho, double wa, double wb, double noise)
{
    ck_assert_int_eq(moments_alloc(m, 1, 1), UB_OK);
    double c = rho * sa * sb;
    m->sxx[0] = sa * sa;
    m->sxx[1] = m->sxx[2] = c;
    m->sxx[3] = sb * sb;
    m->syx[0] = wa * sa * sa + wb * c;
    m->syx[1] = wb * sb * sb + wa * c;
    m->eyy = wa * m->syx[0] + wb * m->syx[1] + noise * noise;
}

static params_t arch(int L, int Lf, double init)
{
    params_t p;
    params_default(&p);
    p.data = DATA_TOY;
    p.depth = L;
    p.fuse = Lf;
    p.init = init;
    return p;
}

/* Runs theory_compute on the toy point and returns the result (caller frees). */
static theory_t toy_theory(int L, int Lf, double init, double sa, double sb, double rho, double wa, double wb)
{
    moments_t m;
    toy_moments(&m, sa, sb, rho, wa, wb, 0.0);
    params_t p = arch(L, Lf, init);
    theory_t t;
    char err[200] = "";
    ck_assert_msg(theory_compute(&t, &p, &m, err, sizeof err) == UB_OK, "theory_compute: %s", err);
    moments_free(&m);
    return t;
}

/* ------------------------------------------------ section 6 reference table */

typedef struct refrow {
    int L, Lf;
    double r, rho, u0, ratio, eta; /* eta nan: not applicable */
} refrow_t;

static const refrow_t table6[] = {
    {4, 1, 2, 0, 0.1, 1, NAN},
    {4, 2, 2, 0, 0.1, 1.213340, 8.094768},
    {4, 3, 2, 0, 0.1, 1.748077, 10.025703},
    {4, 4, 2, 0, 0.1, 4, NAN},
    {4, 2, 2, 0.5, 0.1, 1.264622, 6.226235},
    {4, 3, 2, -0.5, 0.1, 2.050344, 13.640867},
    {4, 2, 3, 0, 0.05, 1.177356, 15.014246},
    {3, 2, 2, 0, 0.1, 1.908652, 1.900550},
};

/* The same formula evaluated with 30-digit arithmetic (mpmath), including
 * points outside the table: deeper nets, tiny init. */
static const refrow_t precise[] = {
    {4, 2, 2, 0, 0.1, 1.2133401374050959, 8.0947675423419151},
    {4, 3, 2, 0, 0.1, 1.7480772049423596, 10.025703163322409},
    {4, 2, 2, 0.5, 0.1, 1.2646215350830175, 6.2262346596057242},
    {4, 3, 2, -0.5, 0.1, 2.0503437524870627, 13.640866675366867},
    {4, 2, 3, 0, 0.05, 1.1773564353603771, 15.014245897743728},
    {3, 2, 2, 0, 0.1, 1.9086521081758927, 1.9005500611365351},
    {5, 3, 1.5, 0.3, 0.01, 1.0006557641037233, 72124.816002797812},
    {6, 4, 2, 0, 0.05, 1.0252085539756079, 5950.3611411087597},
    {6, 2, 2.5, -0.3, 0.02, 1.0000413594639355, 108042.16355287802},
    {4, 3, 2, 0, 1e-9, 1.0000000073890312, 1.015018041540674e+17},
    {4, 2, 2, 0, 1e-9, 1.0000000000000002, 82175575867639473.0},
    /* b = 1 + rho r < 0 (kappa < 0), as in the authors' sweeps over rho */
    {4, 3, 2, -0.7, 0.1, 2.5846010622301297, 15.901183477873945},
    {4, 2, 1.5, -0.8, 0.1, 1.3315066493901132, 33.623139885903861},
    {5, 4, 3, -0.9, 0.01, 1.8368752700004658, 42883.033415792102},
};

/* Paper's normalisation: sigma_B = 1, w = (1, 1). */
static double toy_a(double r, double rho) { return r * r + rho * r; }
static double toy_b(double r, double rho) { return 1.0 + rho * r; }

START_TEST(test_reference_table)
{
    const refrow_t *row = &table6[_i];
    double eta = 0.0;
    double ratio = theory_time_ratio_toy(row->L, row->Lf, row->r, row->rho, row->u0, toy_a(row->r, row->rho),
                                         toy_b(row->r, row->rho), &eta);
    ASSERT_NEAR(ratio, row->ratio, 1e-6);
    if (isnan(row->eta))
        ck_assert_msg(isnan(eta), "row %d: I should be nan for early/late fusion, got %g", _i, eta);
    else
        ASSERT_NEAR(eta, row->eta, 1e-6);
}
END_TEST

START_TEST(test_reference_precise)
{
    const refrow_t *row = &precise[_i];
    double eta = 0.0;
    double ratio = theory_time_ratio_toy(row->L, row->Lf, row->r, row->rho, row->u0, toy_a(row->r, row->rho),
                                         toy_b(row->r, row->rho), &eta);
    /* I to 1e-9 relative (the contract asks for 1e-8); the ratio to 1e-10 */
    ck_assert_msg(fabs(eta - row->eta) <= 1e-9 * row->eta, "row %d: I = %.17g, expected %.17g", _i, eta, row->eta);
    ASSERT_NEAR(ratio, row->ratio, 1e-10);
    /* eta_t is optional */
    ASSERT_NEAR(theory_time_ratio_toy(row->L, row->Lf, row->r, row->rho, row->u0, toy_a(row->r, row->rho),
                                      toy_b(row->r, row->rho), NULL),
                ratio, 0.0);
}
END_TEST

/* Brute force: composite Simpson directly in u (no log substitution), 2^21 panels. */
static double brute_I(int L, int Lf, double u0, double a, double b)
{
    double kappa = b / a;
    const long n = 1L << 21;
    double h = (1.0 - u0) / n, s = 0.0;
    for (long i = 0; i <= n; i++) {
        double u = u0 + h * i, ub;
        if (i == n)
            u = 1.0;
        if (Lf == 2)
            ub = pow(u, kappa) * pow(u0, 1.0 - kappa);
        else
            ub = pow(kappa * pow(u, 2.0 - Lf) + (1.0 - kappa) * pow(u0, 2.0 - Lf), 1.0 / (2.0 - Lf));
        double f = 1.0 / (a * pow(u, Lf - 1) * pow(u * u + ub * ub, 0.5 * (L - Lf)));
        s += f * (i == 0 || i == n ? 1.0 : i % 2 ? 4.0 : 2.0);
    }
    return s * h / 3.0;
}

START_TEST(test_integral_brute_force)
{
    static const struct {
        int L, Lf;
        double r, rho, u0, a, b;
    } c[] = {
        {4, 2, 2, 0, 0.1, 4, 1},        {4, 3, 2, -0.5, 0.1, 3, 0},      {5, 3, 1.5, 0.3, 0.01, 2.7, 1.45},
        {6, 4, 2, 0, 0.05, 4, 1},       {7, 5, 1.3, 0.1, 0.2, 2.0, 0.3}, {5, 2, 1.7, 0.2, 0.03, 3.7, 1.1},
        {3, 2, 3, -0.2, 0.004, 7.5, 0.4},
    };
    double b = c[_i].b > 0 ? c[_i].b : toy_b(c[_i].r, c[_i].rho); /* 0 marks "paper's b" */
    double eta = NAN;
    double ratio = theory_time_ratio_toy(c[_i].L, c[_i].Lf, c[_i].r, c[_i].rho, c[_i].u0, c[_i].a, b, &eta);
    ck_assert_msg(isfinite(ratio) && ratio > 1.0, "case %d: ratio %g", _i, ratio);
    double ref = brute_I(c[_i].L, c[_i].Lf, c[_i].u0, c[_i].a, b);
    ck_assert_msg(fabs(eta - ref) <= 1e-8 * ref, "case %d: I = %.15g, brute force %.15g", _i, eta, ref);
}
END_TEST

/* ----------------------------------------------------------- time ratios */

START_TEST(test_late_toy_values)
{
    static const double ratios[] = {1.5, 2, 3};
    static const double rhos[] = {-0.8, -0.5, 0, 0.3, 0.5, 0.9};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 6; j++) {
            double r = ratios[i], rho = rhos[j], want = 1.0 + (r * r - 1.0) / (1.0 - rho * rho);
            for (int L = 2; L <= 4; L += 2) { /* two-layer and deep late fusion */
                theory_t t = toy_theory(L, L, 1e-9, r, 1.0, rho, 1.0, 1.0);
                ck_assert_int_eq(t.prioritised, MOD_A);
                ASSERT_NEAR(t.time_ratio, want, 1e-9);
                ck_assert(isnan(t.eta_t_first));
                theory_free(&t);
            }
            /* the toy formula's late branch agrees */
            ASSERT_NEAR(theory_time_ratio_toy(3, 3, r, rho, 0.1, toy_a(r, rho), toy_b(r, rho), NULL), want, 1e-12);
        }
    /* the worked examples of the contract */
    theory_t t = toy_theory(2, 2, 1e-9, 2, 1, 0, 1, 1);
    ASSERT_NEAR(t.time_ratio, 4.0, 1e-12);
    theory_free(&t);
    t = toy_theory(2, 2, 1e-9, 2, 1, 0.5, 1, 1);
    ASSERT_NEAR(t.time_ratio, 5.0, 1e-12);
    theory_free(&t);
    t = toy_theory(2, 2, 1e-9, 2, 1, -0.5, 1, 1);
    ASSERT_NEAR(t.time_ratio, 5.0, 1e-12);
    theory_free(&t);
}
END_TEST

START_TEST(test_late_general_weights_and_swap)
{
    /* any w: 1 + (|S_yA| - |S_yB|) / (w_B sigma_B^2 (1 - rho^2)) */
    double sa = 1.7, sb = 1.2, rho = 0.35, wa = 0.9, wb = 0.6;
    moments_t m;
    toy_moments(&m, sa, sb, rho, wa, wb, 0.1);
    double want = 1.0 + (m.syx[0] - m.syx[1]) / (wb * sb * sb * (1.0 - rho * rho));
    ASSERT_NEAR(theory_time_ratio_late(&m, MOD_A), want, 1e-12);
    moments_free(&m);
    /* the same point with the modalities' names swapped: first = B */
    toy_moments(&m, sb, sa, rho, wb, wa, 0.1);
    ASSERT_NEAR(theory_time_ratio_late(&m, MOD_B), want, 1e-12);
    params_t p = arch(2, 2, 1e-9);
    theory_t t;
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ck_assert_int_eq(t.prioritised, MOD_B);
    ASSERT_NEAR(t.time_ratio, want, 1e-12);
    theory_free(&t);
    moments_free(&m);
    /* toy formula with sigma_other = 1 and general w agrees with the moments */
    toy_moments(&m, sa, 1.0, rho, wa, wb, 0.0);
    ASSERT_NEAR(theory_time_ratio_toy(2, 2, sa, rho, 0.1, m.syx[0], m.syx[1], NULL),
                theory_time_ratio_late(&m, MOD_A), 1e-12);
    moments_free(&m);
}
END_TEST

START_TEST(test_late_vectors)
{
    /* Fig. 5 style: Sigma = diag(3 I, I), w* = 0.1: ||S_yA|| = 0.3 sqrt(3), ||S_yB|| = 0.1 sqrt(3),
     * no cross-covariance, so the ratio is 1 + 0.2 / 0.1 = 3. */
    moments_t m;
    ck_assert_int_eq(moments_alloc(&m, 3, 3), UB_OK);
    for (int i = 0; i < 6; i++) {
        m.sxx[i * 6 + i] = i < 3 ? 3.0 : 1.0;
        m.syx[i] = 0.1 * m.sxx[i * 6 + i];
    }
    m.eyy = 0.1 * 0.1 * 12 + 0.25;
    params_t p = arch(2, 2, 1e-9);
    p.data = DATA_MULTI;
    theory_t t;
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ASSERT_NEAR(t.norm_ya, 0.3 * sqrt(3.0), 1e-12);
    ASSERT_NEAR(t.norm_yb, 0.1 * sqrt(3.0), 1e-12);
    ASSERT_NEAR(t.time_ratio, 3.0, 1e-12);
    ASSERT_NEAR(t.misattribution, 0.0, 1e-12); /* independent modalities: w^uni = w* */
    theory_free(&t);
    /* cross-covariance, vector B: Sigma = [[1, .5, 0], [.5, 1, 0], [0, 0, 1]], w = (2, 1, 1):
     * S_y = (2.5, 2, 1), w_A^uni = 2.5, residual (2, 1) - 2.5 (0.5, 0) = (0.75, 1), norm 1.25 */
    moments_t m2;
    ck_assert_int_eq(moments_alloc(&m2, 1, 2), UB_OK);
    static const double S[9] = {1, 0.5, 0, 0.5, 1, 0, 0, 0, 1};
    memcpy(m2.sxx, S, sizeof S);
    m2.syx[0] = 2.5;
    m2.syx[1] = 2.0;
    m2.syx[2] = 1.0;
    m2.eyy = 2 * 2.5 + 2.0 + 1.0;
    ASSERT_NEAR(theory_time_ratio_late(&m2, MOD_A), 1.0 + (2.5 - sqrt(5.0)) / 1.25, 1e-12);
    moments_free(&m2);
    /* intermediate fusion: the toy formula on the projections a = 0.3 sqrt 3, sigma^2 = 3 vs 1 */
    p = arch(4, 3, 0.1);
    p.data = DATA_MULTI;
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    double eta;
    double want = theory_time_ratio_toy(4, 3, sqrt(3.0), 0.0, 0.1, 0.3 * sqrt(3.0), 0.1 * sqrt(3.0), &eta);
    ck_assert(want > 1.0);
    ASSERT_NEAR(t.time_ratio, want, 1e-12);
    ASSERT_NEAR(t.eta_t_first, eta, 1e-12);
    theory_free(&t);
    moments_free(&m);
}
END_TEST

START_TEST(test_early_and_shallow_are_one)
{
    for (int L = 1; L <= 5; L++) {
        theory_t t = toy_theory(L, 1, 0.1, 2, 1, 0.3, 1, 1);
        ck_assert_int_eq(t.prioritised, MOD_A);
        if (L == 1) /* shallow: no plateau, outside the theory */
            ck_assert(isnan(t.time_ratio));
        else
            ASSERT_NEAR(t.time_ratio, 1.0, 0.0);
        ck_assert(isnan(t.eta_t_first));
        ck_assert(isnan(t.misattribution));
        theory_free(&t);
        ASSERT_NEAR(theory_time_ratio_toy(L, 1, 2, 0.3, 0.1, toy_a(2, 0.3), toy_b(2, 0.3), NULL), 1.0, 0.0);
    }
}
END_TEST

START_TEST(test_intermediate_compute)
{
    /* theory_compute reproduces the table rows from the data parameters */
    theory_t t = toy_theory(4, 3, 0.1, 2, 1, 0, 1, 1);
    ASSERT_NEAR(t.time_ratio, 1.748077, 1e-6);
    ASSERT_NEAR(t.eta_t_first, 10.025703, 1e-6);
    theory_free(&t);
    t = toy_theory(4, 3, 0.1, 2, 1, -0.5, 1, 1);
    ASSERT_NEAR(t.time_ratio, 2.050344, 1e-6);
    theory_free(&t);
    /* B prioritised: the labels swap */
    t = toy_theory(4, 2, 0.1, 1, 2, 0.5, 1, 1);
    ck_assert_int_eq(t.prioritised, MOD_B);
    ASSERT_NEAR(t.time_ratio, 1.264622, 1e-6);
    ASSERT_NEAR(t.eta_t_first, 6.226235, 1e-6);
    theory_free(&t);
    /* all inputs scaled by 2: the same ratio, time (rates x 4) a quarter */
    t = toy_theory(4, 3, 0.1, 4, 2, 0, 1, 1);
    ASSERT_NEAR(t.time_ratio, 1.748077, 1e-6);
    ASSERT_NEAR(t.eta_t_first, 10.025703 / 4, 1e-6);
    theory_free(&t);
    /* flipping x_B's sign flips w_B and rho: the same dynamics */
    theory_t t1 = toy_theory(5, 3, 0.05, 2, 1, 0.3, 1, 1), t2 = toy_theory(5, 3, 0.05, 2, 1, -0.3, 1, -1);
    ck_assert(isfinite(t1.time_ratio) && t1.time_ratio > 1.0);
    ASSERT_NEAR(t2.time_ratio, t1.time_ratio, 1e-12);
    ASSERT_NEAR(t2.eta_t_first, t1.eta_t_first, 1e-12);
    theory_free(&t1);
    theory_free(&t2);
    /* S_yB > 0 but the residual w_B (1 - rho^2) < 0: B is measured along the
     * residual, i.e. as the flipped problem (x_B -> -x_B) with w_B > 0, b < 0 */
    t1 = toy_theory(4, 3, 0.1, 2, 1, 0.8, 1, -0.3);
    t2 = toy_theory(4, 3, 0.1, 2, 1, -0.8, 1, 0.3);
    double eta;
    double want = theory_time_ratio_toy(4, 3, 2, -0.8, 0.1, 4 - 0.3 * 1.6, -1.3, &eta);
    ck_assert(isfinite(want) && want > 1.0);
    ASSERT_NEAR(t1.time_ratio, want, 1e-12);
    ASSERT_NEAR(t1.eta_t_first, eta, 1e-12);
    ASSERT_NEAR(t2.time_ratio, want, 1e-12);
    theory_free(&t1);
    theory_free(&t2);
    t1 = toy_theory(2, 2, 0.1, 2, 1, 0.8, 1, -0.3); /* late: 1 + (3.52 + 1.3) / (0.3 * 0.36) */
    ASSERT_NEAR(t1.time_ratio, 1.0 + 4.82 / 0.108, 1e-10);
    theory_free(&t1);
    /* a tie: both modalities start together */
    t = toy_theory(4, 3, 0.1, 1, 1, 0.2, 1, 1);
    ck_assert_int_eq(t.prioritised, MOD_NONE);
    ASSERT_NEAR(t.time_ratio, 1.0, 0.0);
    ck_assert(isnan(t.misattribution));
    theory_free(&t);
}
END_TEST

START_TEST(test_xor_ratio_nan)
{
    moments_t m;
    toy_moments(&m, 1, 1.5, 0, 0.2, 1, 0);
    params_t p = arch(3, 3, 0.1);
    p.data = DATA_XOR;
    p.activation = ACT_RELU;
    theory_t t;
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ck_assert(isnan(t.time_ratio));
    ck_assert_int_eq(t.prioritised, MOD_B); /* the rest is still filled in */
    ASSERT_NEAR(t.w_uni_b[0], 1.0, 1e-12);
    theory_free(&t);
    moments_free(&m);
}
END_TEST

/* ----------------------------------------------- which modality (Fig. 4c) */

START_TEST(test_prioritised_contributes)
{
    /* rho = 0, sigma_B = w_B = 1: A prioritised iff w_A s^2 > 1, contributes iff w_A s > 1 */
    static const struct {
        double s, wa;
        int prio, contrib;
        bool sup;
    } c[] = {
        {2, 0.4, MOD_A, MOD_B, true},   /* between the curves 1/s^2 < w < 1/s: superficial */
        {2, 1.0, MOD_A, MOD_A, false},  /* above both */
        {2, 0.2, MOD_B, MOD_B, false},  /* below both */
        {0.5, 3.0, MOD_B, MOD_A, true}, /* s < 1: 1/s < w < 1/s^2, the mirror region */
        {0.5, 5.0, MOD_A, MOD_A, false},
        {3, 0.2, MOD_A, MOD_B, true},
        {3, 0.05, MOD_B, MOD_B, false},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        theory_t t = toy_theory(2, 2, 1e-9, c[i].s, 1, 0, c[i].wa, 1);
        ck_assert_msg(t.prioritised == c[i].prio, "case %zu: prioritised %d", i, t.prioritised);
        ck_assert_msg(t.contributes == c[i].contrib, "case %zu: contributes %d", i, t.contributes);
        ck_assert_msg(t.superficial == c[i].sup, "case %zu: superficial %d", i, t.superficial);
        ASSERT_NEAR(t.norm_ya, c[i].wa * c[i].s * c[i].s, 1e-12);
        ASSERT_NEAR(t.gain_a, c[i].wa * c[i].wa * c[i].s * c[i].s, 1e-12);
        theory_free(&t);
    }
    /* a whole grid against the two rules, negative weights included */
    for (int i = 0; i < 9; i++)
        for (int j = 0; j < 13; j++) {
            double s = 0.4 + 0.33 * i, wa = -1.7 + 0.29 * j;
            theory_t t = toy_theory(3, 3, 0.1, s, 1, 0, wa, 1);
            int prio = fabs(wa) * s * s > 1 ? MOD_A : MOD_B, contrib = fabs(wa) * s > 1 ? MOD_A : MOD_B;
            ck_assert_int_eq(t.prioritised, prio);
            ck_assert_int_eq(t.contributes, contrib);
            ck_assert(t.superficial == (prio != contrib));
            theory_free(&t);
        }
    /* exact ties */
    theory_t t = toy_theory(2, 2, 1e-9, 1, 1, 0.4, 1, 1);
    ck_assert_int_eq(t.prioritised, MOD_NONE);
    ck_assert_int_eq(t.contributes, MOD_NONE);
    ck_assert(!t.superficial);
    ASSERT_NEAR(t.time_ratio, 1.0, 0.0);
    theory_free(&t);
    /* tie on one criterion only: not superficial */
    t = toy_theory(2, 2, 1e-9, 2, 1, 0, 0.5, 1); /* |w_A| s = 1: contributions tie */
    ck_assert_int_eq(t.prioritised, MOD_A);
    ck_assert_int_eq(t.contributes, MOD_NONE);
    ck_assert(!t.superficial);
    theory_free(&t);
}
END_TEST

/* ----------------------------------------------- fixed points and losses */

START_TEST(test_fixed_point_losses)
{
    /* sigma = (2, 1), rho = 0.5, w = (1, 1), noise 0.5: Sigma = [[4, 1], [1, 1]],
     * Sigma_y = (5, 2), E y^2 = 7 + 0.25. */
    moments_t m;
    toy_moments(&m, 2, 1, 0.5, 1, 1, 0.5);
    ASSERT_NEAR(m.eyy, 7.25, 1e-15);
    params_t p = arch(2, 2, 1e-9);
    theory_t t;
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ck_assert_int_eq(t.da, 1);
    ck_assert_int_eq(t.db, 1);
    ck_assert_int_eq(t.d, 2);
    ASSERT_NEAR(t.w_uni_a[0], 1.25, 1e-12); /* 5 / 4 = w_A + w_B rho sigma_B / sigma_A */
    ASSERT_NEAR(t.w_uni_b[0], 2.0, 1e-12);
    ASSERT_NEAR(t.w_star[0], 1.0, 1e-12);
    ASSERT_NEAR(t.w_star[1], 1.0, 1e-12);
    ASSERT_NEAR(t.loss_m0, 3.625, 1e-12);
    ASSERT_NEAR(t.gain_a, 6.25, 1e-12);
    ASSERT_NEAR(t.gain_b, 4.0, 1e-12);
    ASSERT_NEAR(t.loss_ma, 0.5 * (7.25 - 6.25), 1e-12);
    ASSERT_NEAR(t.loss_mb, 0.5 * (7.25 - 4.0), 1e-12);
    ASSERT_NEAR(t.loss_star, 0.125, 1e-12); /* only the noise is left */
    /* each closed form is the loss of its point */
    double pa[2] = {1.25, 0}, pb[2] = {0, 2};
    ASSERT_NEAR(moments_loss(&m, pa), t.loss_ma, 1e-12);
    ASSERT_NEAR(moments_loss(&m, pb), t.loss_mb, 1e-12);
    ASSERT_NEAR(moments_loss(&m, t.w_star), t.loss_star, 1e-12);
    ASSERT_NEAR(t.norm_ya, 5.0, 1e-12);
    ASSERT_NEAR(t.norm_yb, 2.0, 1e-12);
    ASSERT_NEAR(t.misattribution, 0.25, 1e-12);
    ASSERT_NEAR(t.time_ratio, 5.0, 1e-12);
    theory_free(&t);
    ck_assert_ptr_null(t.w_star);
    theory_free(&t); /* idempotent */
    moments_free(&m);
}
END_TEST

START_TEST(test_misattribution_sign)
{
    static const double rhos[] = {-0.9, -0.6, -0.2, 0.1, 0.4, 0.8};
    for (int i = 0; i < 6; i++) {
        double rho = rhos[i];
        theory_t t = toy_theory(2, 2, 1e-9, 2, 1, rho, 1, 1);
        ck_assert_int_eq(t.prioritised, MOD_A);
        ASSERT_NEAR(t.misattribution, rho / 2.0, 1e-12); /* rho sigma_B / sigma_A */
        ck_assert(rho > 0 ? t.misattribution > 0 : t.misattribution < 0);
        theory_free(&t);
        /* B prioritised: rho sigma_A / sigma_B, relative to w_B */
        t = toy_theory(4, 2, 0.1, 1, 3, rho, 1, 1);
        ck_assert_int_eq(t.prioritised, MOD_B);
        ASSERT_NEAR(t.misattribution, rho / 3.0, 1e-12);
        theory_free(&t);
    }
    theory_t t = toy_theory(2, 2, 1e-9, 2, 1, 0, 1, 1);
    ASSERT_NEAR(t.misattribution, 0.0, 1e-15);
    theory_free(&t);
    /* vector modality: relative change of the norm */
    moments_t m;
    ck_assert_int_eq(moments_alloc(&m, 2, 1), UB_OK);
    double S[9] = {2, 0, 0.5, 0, 1, 0, 0.5, 0, 1}, w[3] = {1, 1, 1};
    memcpy(m.sxx, S, sizeof S);
    for (int i = 0; i < 3; i++)
        m.syx[i] = S[i * 3] * w[0] + S[i * 3 + 1] * w[1] + S[i * 3 + 2] * w[2];
    m.eyy = m.syx[0] + m.syx[1] + m.syx[2];
    params_t p = arch(2, 2, 1e-9);
    p.data = DATA_MULTI;
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ck_assert_int_eq(t.prioritised, MOD_A);
    /* S_yA = (2.5, 1): w_A^uni = (1.25, 1), w*_A = (1, 1) */
    ASSERT_NEAR(t.w_uni_a[0], 1.25, 1e-12);
    ASSERT_NEAR(t.misattribution, (sqrt(1.25 * 1.25 + 1) - sqrt(2.0)) / sqrt(2.0), 1e-12);
    theory_free(&t);
    moments_free(&m);
}
END_TEST

/* ------------------------------------------------------ E_g and the floor */

START_TEST(test_eg_and_floor)
{
    moments_t m;
    toy_moments(&m, 2, 1, 0.5, 1, 1, 0.5);
    double ws[2] = {1, 1}, w[2] = {1.25, 0};
    /* e = (0.25, -1): e Sigma e = 4/16 - 2 * 0.25 + 1 = 0.75 */
    ASSERT_NEAR(theory_eg(&m, ws, w), 0.375, 1e-15);
    w[0] = 0;
    w[1] = 2; /* e = (-1, 1): 4 - 2 + 1 = 3 */
    ASSERT_NEAR(theory_eg(&m, ws, w), 1.5, 1e-15);
    ASSERT_NEAR(theory_eg(&m, ws, ws), 0.0, 0.0);
    w[0] = 0;
    w[1] = 0; /* at the origin: w* Sigma w* = E y^2 without noise */
    ASSERT_NEAR(theory_eg(&m, ws, w), 3.5, 1e-15);
    params_t p = arch(2, 2, 1e-9);
    theory_t t;
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ASSERT_NEAR(t.eg_floor, 0.375, 1e-12); /* A's is lower */
    theory_free(&t);
    moments_free(&m);
    /* the floor picks B when B's unimodal network is better */
    toy_moments(&m, 1, 2, 0.5, 1, 1, 0.0);
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ASSERT_NEAR(t.eg_floor, 0.375, 1e-12);
    theory_free(&t);
    moments_free(&m);
    /* independent modalities: floor = the missing modality's share w^2 sigma^2 / 2 */
    toy_moments(&m, 1.5, 1, 0, 0.7, 2, 0.0);
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ASSERT_NEAR(t.eg_floor, 0.5 * fmin(0.7 * 0.7 * 2.25, 4.0), 1e-12);
    theory_free(&t);
    moments_free(&m);
}
END_TEST

/* ------------------------------------------------------- singular Sigma */

START_TEST(test_singular_sigma)
{
    /* N = 2 samples in d = 4 (da = db = 2): the empirical Sigma has rank 2. */
    static const double X[2][4] = {{1.0, -0.5, 0.3, 2.0}, {0.2, 1.1, -0.7, 0.4}};
    static const double wt[4] = {0.5, -1.0, 0.8, 0.3};
    moments_t m;
    ck_assert_int_eq(moments_alloc(&m, 2, 2), UB_OK);
    for (int n = 0; n < 2; n++) {
        double y = 0.0;
        for (int i = 0; i < 4; i++)
            y += wt[i] * X[n][i];
        for (int i = 0; i < 4; i++) {
            m.syx[i] += 0.5 * y * X[n][i];
            for (int j = 0; j < 4; j++)
                m.sxx[i * 4 + j] += 0.5 * X[n][i] * X[n][j];
        }
        m.eyy += 0.5 * y * y;
    }
    for (int Lf = 1; Lf <= 3; Lf++) {
        params_t p = arch(3, Lf, 0.1);
        p.data = DATA_MULTI;
        theory_t t;
        char err[200] = "";
        ck_assert_int_eq(theory_compute(&t, &p, &m, err, sizeof err), UB_OK);
        /* interpolating: the samples are fitted exactly */
        ASSERT_NEAR(t.loss_star, 0.0, 1e-10);
        ASSERT_NEAR(moments_loss(&m, t.w_star), 0.0, 1e-10);
        /* minimum-norm solution: |w*| <= |any interpolant|, e.g. the generating one */
        double n2 = 0.0, nt = 0.0;
        for (int i = 0; i < 4; i++) {
            n2 += t.w_star[i] * t.w_star[i];
            nt += wt[i] * wt[i];
        }
        ck_assert(n2 <= nt + 1e-12);
        /* each modality alone also fits two samples in two dimensions (if its block is regular) */
        ck_assert(isfinite(t.loss_ma) && t.loss_ma >= -1e-12 && t.loss_ma <= t.loss_m0);
        ck_assert(isfinite(t.loss_mb) && t.loss_mb >= -1e-12 && t.loss_mb <= t.loss_m0);
        double pa[4] = {t.w_uni_a[0], t.w_uni_a[1], 0, 0}, pb[4] = {0, 0, t.w_uni_b[0], t.w_uni_b[1]};
        ASSERT_NEAR(moments_loss(&m, pa), t.loss_ma, 1e-10);
        ASSERT_NEAR(moments_loss(&m, pb), t.loss_mb, 1e-10);
        ck_assert(isfinite(t.eg_floor));
        if (Lf == 1)
            ASSERT_NEAR(t.time_ratio, 1.0, 0.0);
        theory_free(&t);
    }
    /* a modality whose two coordinates are copies: Sigma_AA = [[1, 1], [1, 1]] */
    moments_free(&m);
    ck_assert_int_eq(moments_alloc(&m, 2, 1), UB_OK);
    double S[9] = {1, 1, 0, 1, 1, 0, 0, 0, 1};
    memcpy(m.sxx, S, sizeof S);
    m.syx[0] = m.syx[1] = 2.0; /* y = 2 x_A1 + 0.5 x_B */
    m.syx[2] = 0.5;
    m.eyy = 4.25;
    params_t p = arch(2, 2, 1e-9);
    p.data = DATA_MULTI;
    theory_t t;
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ASSERT_NEAR(t.w_uni_a[0], 1.0, 1e-10); /* the weight is split evenly over the copies */
    ASSERT_NEAR(t.w_uni_a[1], 1.0, 1e-10);
    ASSERT_NEAR(t.w_star[2], 0.5, 1e-10);
    ASSERT_NEAR(t.loss_ma, 0.125, 1e-10);
    ASSERT_NEAR(t.loss_star, 0.0, 1e-10);
    /* ||S_yA|| = 2 sqrt 2 vs 0.5, no cross-covariance: 1 + (2 sqrt 2 - 0.5) / 0.5 */
    ASSERT_NEAR(t.time_ratio, 1.0 + (2.0 * sqrt(2.0) - 0.5) / 0.5, 1e-10);
    theory_free(&t);
    moments_free(&m);
}
END_TEST

/* ---------------------------------------------------------------- flow */

START_TEST(test_flow_late_two_layer)
{
    /* rho = 0: da/dt = 2|a| (S_yA - sigma_A^2 a), whatever b */
    double sa = 1.8, sb = 0.9, wa = 0.7, wb = 1.3;
    moments_t m;
    toy_moments(&m, sa, sb, 0.0, wa, wb, 0.2);
    params_t p = arch(2, 2, 1e-9);
    static const double pts[][2] = {{0.3, 0.5}, {-0.4, 1.2}, {1.1, -0.2}, {0.0, 0.7}, {0.9, 0.0}, {2.0, 3.0}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        double a = pts[i][0], b = pts[i][1], va = NAN, vb = NAN;
        ck_assert_int_eq(theory_flow(&p, &m, a, b, &va, &vb), UB_OK);
        ASSERT_NEAR(va, 2.0 * fabs(a) * (m.syx[0] - sa * sa * a), 1e-10);
        ASSERT_NEAR(vb, 2.0 * fabs(b) * (m.syx[1] - sb * sb * b), 1e-10);
        double va2, vb2;
        ck_assert_int_eq(theory_flow(&p, &m, a, 0.5 * b - 1.0, &va2, &vb2), UB_OK);
        ASSERT_NEAR(va2, va, 1e-10);
    }
    moments_free(&m);
    /* with correlation the branches couple through the shared residual */
    toy_moments(&m, sa, sb, 0.6, wa, wb, 0.0);
    double va, vb, a = 0.4, b = 0.3;
    ck_assert_int_eq(theory_flow(&p, &m, a, b, &va, &vb), UB_OK);
    ASSERT_NEAR(va, -2.0 * fabs(a) * (m.sxx[0] * a + m.sxx[1] * b - m.syx[0]), 1e-10);
    ASSERT_NEAR(vb, -2.0 * fabs(b) * (m.sxx[2] * a + m.sxx[3] * b - m.syx[1]), 1e-10);
    moments_free(&m);
}
END_TEST

START_TEST(test_flow_early_two_layer)
{
    /* rank-one flow dW/dt = -(|W| G + G W^T W / |W|), G = W Sigma - S_yx */
    moments_t m;
    toy_moments(&m, 1.4, 0.8, -0.3, 1.1, -0.6, 0.1);
    params_t p = arch(2, 1, 1e-9);
    static const double pts[][2] = {{0.3, 0.5}, {-0.4, 1.2}, {1.1, -0.2}, {0.0, 0.7}, {0.9, 0.0}, {-1.5, -2.0}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        double W[2] = {pts[i][0], pts[i][1]}, nw = hypot(W[0], W[1]);
        double G[2] = {W[0] * m.sxx[0] + W[1] * m.sxx[2] - m.syx[0], W[0] * m.sxx[1] + W[1] * m.sxx[3] - m.syx[1]};
        double gw = G[0] * W[0] + G[1] * W[1]; /* G W^T */
        double want[2] = {-(nw * G[0] + gw * W[0] / nw), -(nw * G[1] + gw * W[1] / nw)};
        double va, vb;
        ck_assert_int_eq(theory_flow(&p, &m, W[0], W[1], &va, &vb), UB_OK);
        ASSERT_NEAR(va, want[0], 1e-10);
        ASSERT_NEAR(vb, want[1], 1e-10);
    }
    moments_free(&m);
}
END_TEST

START_TEST(test_flow_other_depths)
{
    moments_t m;
    toy_moments(&m, 1.5, 1.0, 0.0, 1.0, 1.0, 0.0);
    double va, vb;
    /* shallow: the plain gradient */
    params_t p = arch(1, 1, 0.1);
    ck_assert_int_eq(theory_flow(&p, &m, 0.2, -0.3, &va, &vb), UB_OK);
    ASSERT_NEAR(va, -(m.sxx[0] * 0.2 - m.syx[0]), 1e-12);
    ASSERT_NEAR(vb, -(m.sxx[3] * -0.3 - m.syx[1]), 1e-12);
    /* deep late fusion L = Lf = 3: a = alpha^3, da/dt = 3 |a|^(4/3) (S_yA - sigma_A^2 a) */
    p = arch(3, 3, 0.1);
    static const double pts[][2] = {{0.3, 0.5}, {-0.4, 1.2}, {1.7, 0.01}};
    for (int i = 0; i < 3; i++) {
        double a = pts[i][0], b = pts[i][1];
        ck_assert_int_eq(theory_flow(&p, &m, a, b, &va, &vb), UB_OK);
        ASSERT_NEAR(va, 3.0 * pow(fabs(a), 4.0 / 3.0) * (m.syx[0] - m.sxx[0] * a), 1e-10);
        ASSERT_NEAR(vb, 3.0 * pow(fabs(b), 4.0 / 3.0) * (m.syx[1] - m.sxx[3] * b), 1e-10);
    }
    /* the origin is a fixed point of every deep net; the axes stay invariant under late fusion */
    for (int L = 2; L <= 4; L++)
        for (int Lf = 1; Lf <= L; Lf++) {
            p = arch(L, Lf, 0.1);
            ck_assert_int_eq(theory_flow(&p, &m, 0.0, 0.0, &va, &vb), UB_OK);
            ASSERT_NEAR(va, 0.0, 0.0);
            ASSERT_NEAR(vb, 0.0, 0.0);
            ck_assert_int_eq(theory_flow(&p, &m, 0.5, 0.0, &va, &vb), UB_OK);
            ck_assert(va > 0.0); /* 0.5 < w_A^uni = 1: still growing */
            if (Lf >= 2)
                ASSERT_NEAR(vb, 0.0, 0.0);
            else
                ck_assert(vb > 0.0);
        }
    /* intermediate: the velocity is the loss's descent direction in the plane,
     * and moves toward M_* from a point between the origin and it */
    p = arch(4, 2, 0.1);
    ck_assert_int_eq(theory_flow(&p, &m, 0.5, 0.5, &va, &vb), UB_OK);
    ck_assert(va > 0.0 && vb > 0.0);
    ck_assert_int_eq(theory_flow(&p, &m, 1.5, 1.5, &va, &vb), UB_OK);
    ck_assert(va < 0.0 && vb < 0.0);
    moments_free(&m);
}
END_TEST

/* --------------------------------------------------------- bad arguments */

START_TEST(test_bad_arguments)
{
    double eta = 0.0;
    double a = 4, b = 1;
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 0, 0.1, 0.0, b, &eta)));
    ck_assert(isnan(eta));
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 0, 0.1, -1.0, b, NULL)));
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 0, 0.1, a, INFINITY, NULL)));
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 0, 0.1, a, NAN, NULL)));
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 0, 0.1, a, a, NULL)));       /* kappa = 1 */
    ck_assert(isnan(theory_time_ratio_toy(4, 2, 2, 0, 0.1, b, a, NULL)));       /* kappa > 1 */
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 0, 1.0, a, b, NULL)));       /* u0 >= 1 */
    ck_assert(isnan(theory_time_ratio_toy(4, 2, 2, 0, 5.0, a, b, NULL)));
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 0, 0.0, a, b, NULL)));       /* u0 <= 0 */
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 1.0, 0.1, a, b, NULL)));     /* |rho| >= 1 */
    ck_assert(isnan(theory_time_ratio_toy(4, 4, 2, -1.2, 0.1, a, b, NULL)));
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 0.0, 0, 0.1, a, b, NULL)));     /* r <= 0 */
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, NAN, 0.1, a, b, NULL)));
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 0, NAN, a, b, NULL)));
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 2, 0, 0.1, INFINITY, b, NULL)));
    ck_assert(isnan(theory_time_ratio_toy(4, 5, 2, 0, 0.1, a, b, NULL)));       /* Lf > L */
    ck_assert(isnan(theory_time_ratio_toy(0, 0, 2, 0, 0.1, a, b, NULL)));
    ck_assert(isnan(theory_time_ratio_toy(4, 3, 0.5, 0.9, 0.1, 2.0, 1.9, NULL))); /* b - a rho / r <= 0 */
    /* extreme but valid: deep nets and tiny init overflow I, not the ratio */
    static const int deep[][2] = {{32, 2}, {32, 16}, {32, 31}, {10, 5}};
    for (int i = 0; i < 4; i++) {
        double e = 0.0, rt = theory_time_ratio_toy(deep[i][0], deep[i][1], 2, -0.3, 1e-300, 3.4, 0.4, &e);
        ck_assert_msg(isfinite(rt) && rt >= 1.0, "L=%d Lf=%d: ratio %g", deep[i][0], deep[i][1], rt);
        ck_assert(!isnan(e) && e > 0.0);
    }
    /* the same arguments with valid ones succeed, so the nan above is the guard's */
    ck_assert(isfinite(theory_time_ratio_toy(4, 3, 2, 0, 0.1, a, b, NULL)));

    ck_assert(isnan(theory_time_ratio_late(NULL, MOD_A)));
    moments_t m;
    toy_moments(&m, 2, 1, 0, 1, 1, 0);
    ck_assert(isnan(theory_time_ratio_late(&m, MOD_NONE)));
    ck_assert(isnan(theory_time_ratio_late(&m, 7)));
    ck_assert(isnan(theory_eg(NULL, m.syx, m.syx)));
    ck_assert(isnan(theory_eg(&m, NULL, m.syx)));
    /* x_B = x_A / 2 (rho = 1): B explains nothing beyond A, so no finite ratio */
    moments_t dup;
    toy_moments(&dup, 1, 0.5, 1.0, 1.5, 0.0, 0);
    ck_assert(isnan(theory_time_ratio_late(&dup, MOD_A)));
    ck_assert(isfinite(theory_time_ratio_late(&m, MOD_A)));
    moments_free(&dup);

    params_t p = arch(4, 3, 0.1);
    theory_t t;
    char err[200] = "";
    ck_assert_int_eq(theory_compute(&t, &p, NULL, err, sizeof err), UB_EINVAL);
    ck_assert(err[0] != '\0');
    ck_assert_int_eq(theory_compute(NULL, &p, &m, NULL, 0), UB_EINVAL);
    ck_assert_int_eq(theory_compute(&t, NULL, &m, NULL, 0), UB_EINVAL);
    theory_free(&t); /* safe after a failed compute */
    p.fuse = 5;
    err[0] = '\0';
    ck_assert_int_eq(theory_compute(&t, &p, &m, err, sizeof err), UB_EINVAL);
    ck_assert_msg(strstr(err, "fuse") != NULL, "message: %s", err);
    theory_free(&t);
    moments_t bad = m;
    bad.d = 3;
    p.fuse = 3;
    ck_assert_int_eq(theory_compute(&t, &p, &bad, NULL, 0), UB_EINVAL);
    theory_free(&t);
    /* init outside (0, 1): the intermediate ratio is nan, everything else fine */
    p.init = 2.0;
    ck_assert_int_eq(theory_compute(&t, &p, &m, NULL, 0), UB_OK);
    ck_assert(isnan(t.time_ratio));
    ASSERT_NEAR(t.w_uni_a[0], 1.0, 1e-12);
    theory_free(&t);

    double va = 0, vb = 0;
    p = arch(2, 2, 0.1);
    ck_assert_int_eq(theory_flow(&p, NULL, 0.1, 0.1, &va, &vb), UB_EINVAL);
    ck_assert_int_eq(theory_flow(NULL, &m, 0.1, 0.1, &va, &vb), UB_EINVAL);
    ck_assert_int_eq(theory_flow(&p, &m, NAN, 0.1, &va, &vb), UB_EINVAL);
    ck_assert_int_eq(theory_flow(&p, &m, 0.1, 0.1, NULL, &vb), UB_EINVAL);
    p.fuse = 3;
    ck_assert_int_eq(theory_flow(&p, &m, 0.1, 0.1, &va, &vb), UB_EINVAL);
    moments_t vec;
    ck_assert_int_eq(moments_alloc(&vec, 2, 1), UB_OK);
    p.fuse = 2;
    ck_assert_int_eq(theory_flow(&p, &vec, 0.1, 0.1, &va, &vb), UB_EINVAL); /* scalar modalities only */
    moments_free(&vec);
    moments_free(&m);
    theory_free(NULL);
}
END_TEST

static Suite *theory_suite(void)
{
    Suite *s = suite_create("theory");
    TCase *tc = tcase_create("time_ratio");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_reference_table, 0, (int)(sizeof table6 / sizeof table6[0]));
    tcase_add_loop_test(tc, test_reference_precise, 0, (int)(sizeof precise / sizeof precise[0]));
    tcase_add_loop_test(tc, test_integral_brute_force, 0, 7);
    tcase_add_test(tc, test_late_toy_values);
    tcase_add_test(tc, test_late_general_weights_and_swap);
    tcase_add_test(tc, test_late_vectors);
    tcase_add_test(tc, test_early_and_shallow_are_one);
    tcase_add_test(tc, test_intermediate_compute);
    tcase_add_test(tc, test_xor_ratio_nan);
    suite_add_tcase(s, tc);

    tc = tcase_create("fixed_points");
    tcase_add_test(tc, test_prioritised_contributes);
    tcase_add_test(tc, test_fixed_point_losses);
    tcase_add_test(tc, test_misattribution_sign);
    tcase_add_test(tc, test_eg_and_floor);
    tcase_add_test(tc, test_singular_sigma);
    suite_add_tcase(s, tc);

    tc = tcase_create("flow");
    tcase_add_test(tc, test_flow_late_two_layer);
    tcase_add_test(tc, test_flow_early_two_layer);
    tcase_add_test(tc, test_flow_other_depths);
    suite_add_tcase(s, tc);

    tc = tcase_create("bad_arguments");
    tcase_add_test(tc, test_bad_arguments);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(theory_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
