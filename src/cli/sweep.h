/* sweep.h - sweep mode: every run of a grid (grid.h) is an independent
 * runner_run on a pool of threads; the results form a table in run order
 * whatever the thread count, so a sweep's CSV is reproducible byte for byte. */
#ifndef UNIBIAS_CLI_SWEEP_H
#define UNIBIAS_CLI_SWEEP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/grid.h"
#include "cli/runner.h"
#include "cli/shard.h"
#include "unibias/params.h"

typedef struct sweep_row {
    long run;        /* point * repeat + r */
    uint64_t seed;   /* the run's seed (reproduce it with --batch --seed) */
    run_summary_t s; /* s.phase points at a static phase name */
} sweep_row_t;

typedef struct sweep_table {
    params_t base;     /* the configuration the swept keys override */
    grid_t grid;
    shard_t shard;     /* 1/1 when not sharded */
    sweep_row_t *row;  /* the shard's runs in increasing run order */
    long nrows;
} sweep_table_t;

/* Builds the grid, checks every point's parameters (so that a bad point fails
 * before any run, in every shard alike) and lays out the shard's rows. */
int sweep_table_init(sweep_table_t *t, const params_t *base, const char *const *specs, int nspecs, int repeat,
                     const shard_t *shard, char *err, size_t errlen);
void sweep_table_free(sweep_table_t *t);
static inline long sweep_point(const sweep_table_t *t, const sweep_row_t *r) { return r->run / t->grid.repeat; }
static inline int sweep_repeat(const sweep_table_t *t, const sweep_row_t *r) { return (int)(r->run % t->grid.repeat); }

/* The parameters of one run: the point's values over base, and its seed. */
int sweep_run_params(const sweep_table_t *t, long run, params_t *out, char *err, size_t errlen);

/* Runs every row on `jobs` threads (0 = one per available core). Rows are
 * written to csv (if non-NULL) in order as soon as all earlier rows are done;
 * with progress, a status line with an ETA is kept on stderr. Returns UB_OK,
 * or the first run's error (with its point named). */
int sweep_exec(sweep_table_t *t, int jobs, bool progress, FILE *csv, char *err, size_t errlen);

/* Cores this process may run on (affinity mask, e.g. under Slurm), >= 1. */
int sweep_cores(void);

#endif
