/* sweepplot.h - a sweep's results as text: the paper's kinds of figure
 * (theory curve with measured mean +- sd against a swept key; theory against
 * measurement over random data sets; the Fig. 4c modality map over two keys)
 * and a per-point table. */
#ifndef UNIBIAS_CLI_SWEEPPLOT_H
#define UNIBIAS_CLI_SWEEPPLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/sweep.h"
#include "cli/sweepcsv.h"

typedef enum { SWEEPPLOT_AUTO, SWEEPPLOT_CURVE, SWEEPPLOT_SCATTER, SWEEPPLOT_MAP } sweepplot_kind_t;

typedef struct sweepplot_opts {
    int kind;                        /* sweepplot_kind_t */
    const sweepcsv_metric_t *metric; /* the y quantity (curve, scatter) */
    bool ascii;                      /* ASCII dots instead of braille */
    int width;                       /* terminal columns */
} sweepplot_opts_t;

/* "curve", "scatter", "map" or "auto". */
int sweepplot_parse_kind(const char *s, int *kind, char *err, size_t errlen);
/* What a kind means for this grid: auto picks scatter without swept keys,
 * a curve for one key, a map when two keys have >= 8 values each and curves
 * (one per value of the shorter key) otherwise. UB_EINVAL when the kind
 * cannot show the grid (a map needs two keys; nothing shows three). */
int sweepplot_resolve(const grid_t *g, int kind, int *out, char *err, size_t errlen);

/* Prints the plot and, for up to 60 points, the per-point table. */
void sweepplot_print(FILE *out, const sweep_table_t *t, const sweepplot_opts_t *o);

/* Aggregate of one grid point's runs. */
typedef struct sweepplot_agg {
    int runs;              /* rows present */
    int n;                 /* rows with a finite measurement */
    double mean, sd;       /* of the measurement (sd 0 for one value) */
    double theory;         /* mean theory value (nan if none) */
    int learned[2];        /* runs that learned A / B first */
    int prioritised, contributes; /* theory's, from the point's first row */
} sweepplot_agg_t;

/* Aggregates per point (agg has grid.npoints entries). */
void sweepplot_aggregate(const sweep_table_t *t, const sweepcsv_metric_t *m, sweepplot_agg_t *agg);

/* Theory at any parameters (population moments, linear network), for curves
 * drawn between the grid points. Only toy data: its theory does not depend on
 * the seed. Returns false otherwise or on error. */
bool sweepplot_theory(const params_t *p, double *ratio, double *mis, int *prioritised, int *contributes);

/* Whether an axis reads best on a log scale (a :log range, or a log-scale key
 * such as init spanning a decade or more). */
bool sweepplot_axis_log(const spec_t *s);
/* Plot width in cells for a terminal this wide. */
int sweepplot_cols(int width);

/* The Fig. 4c map (sweepmap.c). */
void sweepmap_print(FILE *out, const sweep_table_t *t, const sweepplot_agg_t *agg, const sweepplot_opts_t *o);

#endif
