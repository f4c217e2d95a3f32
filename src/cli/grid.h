/* grid.h - the runs of a sweep: the product of its axes (the first axis
 * varies slowest) times the repeats, numbered run = point * repeat + r.
 * The numbering, the seeds and the shard assignment depend only on the
 * sweep's definition, never on the number of threads or shards. */
#ifndef UNIBIAS_CLI_GRID_H
#define UNIBIAS_CLI_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/spec.h"
#include "unibias/params.h"

#define GRID_MAX_AXES 4
/* A sweep this large would not finish; it is a typo. */
#define GRID_MAX_RUNS 1000000L
/* Derived seeds stay below 2^53 so that tools reading CSVs as doubles keep them exact. */
#define GRID_SEED_MASK ((UINT64_C(1) << 53) - 1)

typedef struct grid {
    spec_t axis[GRID_MAX_AXES]; /* owned */
    int naxes;                  /* 0 = one point (repeats only) */
    long npoints;
    int repeat;                 /* >= 1 */
    long nruns;                 /* npoints * repeat */
} grid_t;

/* Parses the axis specs and sizes the grid; g owns the parsed axes. Fails
 * (UB_EINVAL, message) on a bad spec, a key given twice, or too many runs. */
int grid_init(grid_t *g, const char *const *specs, int nspecs, int repeat, char *err, size_t errlen);
void grid_free(grid_t *g);

/* Index of each axis's value at a point (idx has naxes entries). */
void grid_coords(const grid_t *g, long point, int *idx);
/* The point at the given axis indices (inverse of grid_coords). */
long grid_point(const grid_t *g, const int *idx);
/* base with the point's values applied, cross-checked (params_check);
 * UB_EINVAL with a message naming the point otherwise. */
int grid_params(const grid_t *g, const params_t *base, long point, params_t *out, char *err, size_t errlen);
/* "rho=-0.5 sigma_a=2" ("" without axes); returns the length it needs. */
size_t grid_label(const grid_t *g, long point, char *buf, size_t len);
/* The seed of one run: a hash of the base seed, the point's label (values,
 * not positions, so adding a point to a list leaves the others' seeds alone)
 * and the repeat, below 2^53. */
uint64_t grid_seed(uint64_t base, const char *label, int repeat);
/* Which axis a key is swept on, or -1. */
int grid_axis_of(const grid_t *g, const char *key);

#endif
