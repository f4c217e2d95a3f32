/* runner.h - one headless run from parameters to a summary (batch and sweeps). */
#ifndef UNIBIAS_RUNNER_H
#define UNIBIAS_RUNNER_H

#include <stdio.h>
#include "unibias/params.h"

typedef struct run_summary {
    long steps;
    double final_loss;
    long t_a, t_b, cross_a, cross_b;
    double time_ratio, time_ratio_theory;
    double misattribution, misattribution_theory;
    int first_modality, learned_first, contributes; /* MOD_A / MOD_B / MOD_NONE */
    int superficial;
    const char *phase;       /* final phase name */
    double eg, eg_floor;
    double loss_star, loss_ma, loss_mb;
    double wa, wb;           /* final W_A^tot, W_B^tot (signed scalars or norms) */
    double seconds, steps_per_sec;
} run_summary_t;

/* Trains p (already validated) for p->steps steps, or until converged (at most
 * the auto cap) when p->steps is 0. With csv non-NULL, writes the self-describing
 * CSV (one row every `every` steps, and the last). Returns UB_OK, or an error
 * code with err filled. */
int runner_run(const params_t *p, FILE *csv, long every, run_summary_t *s, char *err, size_t errlen);
/* Prints the summary as key=value lines. */
void runner_print(const run_summary_t *s, FILE *out);
/* "A", "B" or "none". */
const char *runner_modality(int m);
/* Writes "# key=value" for every parameter. */
void runner_csv_params(const params_t *p, FILE *out);
/* %.9g, or "nan". */
void runner_num(FILE *out, double v);

#endif
