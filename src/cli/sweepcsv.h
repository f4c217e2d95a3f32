/* sweepcsv.h - the sweep CSV, written by sweeps and read back by --merge:
 *
 *   # unibias 0.1.0 sweep
 *   # sweep=rho=-0.9:0.9:9        one line per swept key, as given
 *   # repeat=5
 *   # runs=45                     runs of the whole sweep
 *   # shard=2/4                   only in a shard's file
 *   # base.rho=0                  the swept keys' values before the sweep
 *   # sigma_a=2                   every other parameter
 *   rho,run,repeat,seed,t_a,...   header: swept keys first
 *   -0.9,0,0,8313...,...          one row per run, in run order
 *
 * Everything above the rows defines the sweep, so a shard's file says which
 * sweep it belongs to and --merge can rebuild the whole table and its plot. */
#ifndef UNIBIAS_CLI_SWEEPCSV_H
#define UNIBIAS_CLI_SWEEPCSV_H

#include <stddef.h>
#include <stdio.h>

#include "cli/sweep.h"

/* The columns after the swept keys. */
#define SWEEPCSV_COLUMNS                                                                                               \
    "run,repeat,seed,t_a,t_b,time_ratio,time_ratio_theory,misattribution,misattribution_theory,final_loss,steps,eg,"   \
    "eg_floor,first_modality,learned_first,contributes,phase"

void sweepcsv_head(FILE *out, const sweep_table_t *t);
/* The header line (no newline) into buf; returns the length it needs. */
size_t sweepcsv_header(char *buf, size_t len, const sweep_table_t *t);
/* One row (no newline) into buf; returns the length it needs. */
size_t sweepcsv_format_row(char *buf, size_t len, const sweep_table_t *t, const sweep_row_t *r);
void sweepcsv_row(FILE *out, const sweep_table_t *t, const sweep_row_t *r);

/* Quantities a plot can show: a measured column and its theory partner. */
typedef struct sweepcsv_metric {
    const char *name;     /* column name, e.g. "time_ratio" */
    const char *theory;   /* partner column ("time_ratio_theory"), or NULL */
} sweepcsv_metric_t;

/* The metric called name, or NULL (the message lists the choices). */
const sweepcsv_metric_t *sweepcsv_metric(const char *name, char *err, size_t errlen);
/* A row's measured value / theory value of a metric (nan when undefined). */
double sweepcsv_measured(const sweepcsv_metric_t *m, const sweep_row_t *r);
double sweepcsv_theory(const sweepcsv_metric_t *m, const sweep_row_t *r);

#endif
