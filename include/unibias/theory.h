/* theory.h - closed-form predictions of THEORY.md 4-6, 8, 9. */
#ifndef UNIBIAS_THEORY_H
#define UNIBIAS_THEORY_H

#include <stdbool.h>
#include "unibias/data.h"
#include "unibias/params.h"

enum { MOD_A = 0, MOD_B = 1, MOD_NONE = -1 };

typedef struct theory {
    int da, db, d;
    /* fixed points (THEORY.md 4), total weights and losses under the given moments */
    double *w_uni_a;        /* da: Sigma_yA Sigma_AA^+ */
    double *w_uni_b;        /* db: Sigma_yB Sigma_BB^+ */
    double *w_star;         /* d:  Sigma_yx Sigma_xx^+ */
    double loss_m0, loss_ma, loss_mb, loss_star;
    /* which modality (THEORY.md 5) */
    double norm_ya, norm_yb;  /* ||Sigma_yA||, ||Sigma_yB|| */
    double gain_a, gain_b;    /* tr(Sigma_ym Sigma_mm^+ Sigma_my) */
    int prioritised;          /* MOD_A, MOD_B, or MOD_NONE on a tie */
    int contributes;          /* MOD_A, MOD_B, or MOD_NONE on a tie */
    bool superficial;         /* both defined and different */
    /* time ratio t_late / t_first (THEORY.md 6), nan where the theory is silent */
    double time_ratio;
    double eta_t_first;       /* I = eta t_A for intermediate fusion, else nan */
    /* mis-attribution of the prioritised modality: (w_uni - w*) / w* for scalar
     * inputs, (||w_uni|| - ||w*||) / ||w*|| otherwise; nan for early fusion */
    double misattribution;
    /* best generalisation error of a unimodal network (THEORY.md 8, no noise floor) */
    double eg_floor;
} theory_t;

/* Predictions for p's architecture under moments m (normally population
 * moments). Allocates; free with theory_free. For data=xor and nonlinear
 * activations the linear-network predictions are still filled in where they
 * are defined; time_ratio is nan for xor. Intermediate fusion applies the toy
 * formula to the modalities projected onto one direction each: the first onto
 * Sigma_y(first), the other onto Sigma_y(other) (vectors) or the sign of its
 * residual at M_first (scalars, as theory_time_ratio_late). */
int theory_compute(theory_t *t, const params_t *p, const moments_t *m, char *err, size_t errlen);
void theory_free(theory_t *t);

/* The toy time-ratio formula of THEORY.md 6 in the paper's normalisation:
 * a = Sigma_y(first) > 0, b = Sigma_y(other) < a (b may be 0 or negative:
 * kappa = b/a <= 0, as in the table's rho = -0.5 row and the authors' sweeps),
 * r = sigma_first / sigma_other, rho the correlation, u0 the per-layer init
 * scale; L >= 1, 1 <= Lf <= L; a and b in units where sigma_other = 1. Early
 * fusion (Lf = 1) gives 1; late fusion (Lf = L >= 2) gives
 * 1 + (a - b) / (b - a rho / r), the denominator being Sigma_yB - w_A^uni
 * Sigma_AB = w_other (1 - rho^2), i.e. 1 + (r^2 - 1) / (1 - rho^2) for
 * w = (1, 1); intermediate fusion uses the integral I (to 1e-8) and the lag,
 * with THEORY.md's (1 + rho/r) and (1 - rho^2) read as w_first^uni = a / r^2
 * and b - a rho / r (identical for w = (1, 1), right for any w). Writes
 * I = eta t_first through eta_t (nan when not applicable) if eta_t is
 * non-NULL. Arguments outside these ranges (a <= 0, b >= a, r <= 0,
 * |rho| >= 1, u0 outside (0, 1), b - a rho / r <= 0, non-finite) give nan,
 * whatever the fusion. */
double theory_time_ratio_toy(int L, int Lf, double r, double rho, double u0, double a, double b, double *eta_t);
/* Two-layer / deep late fusion, any dimensions: 1 + (||S_yA|| - ||S_yB||) / ||S_yB - w_A^uni S_AB||
 * with A := first (MOD_A or MOD_B). For a scalar B, ||S_yB|| is S_yB signed
 * along the residual S_yB - w_A^uni S_AB (what THEORY.md's toy reduction
 * 1 + (r^2 - 1)/(1 - rho^2) and the authors' curves use for every rho; the
 * two agree unless S_yB and the residual have opposite signs). nan for bad
 * arguments, or when the residual vanishes (B adds nothing, is never learned). */
double theory_time_ratio_late(const moments_t *m, int first);

/* Generalisation error 1/2 (w - w*) Sigma (w - w*)^T under population moments. */
double theory_eg(const moments_t *pop, const double *w_star, const double *w);

/* Velocity (da/dt, db/dt) of the total weights under gradient flow at the
 * point (a, b) of the portrait plane (THEORY.md 9), for the smallest balanced
 * network of p's depth and fusion layer realising it, with scalar modalities
 * (m must have da = db = 1). Uses the engine's own gradient. */
int theory_flow(const params_t *p, const moments_t *m, double a, double b, double *va, double *vb);

#endif
