/* grid.c - sweep points, their parameters and seeds. */
#include "cli/grid.h"

#include <stdio.h>
#include <string.h>

#include "unibias/ub.h"

int grid_init(grid_t *g, const char *const *specs, int nspecs, int repeat, char *err, size_t errlen)
{
    memset(g, 0, sizeof *g);
    if (nspecs > GRID_MAX_AXES)
        return ub_fail(err, errlen, UB_EINVAL, "at most %d --sweep keys, got %d", GRID_MAX_AXES, nspecs);
    if (repeat < 1)
        return ub_fail(err, errlen, UB_EINVAL, "--repeat must be >= 1, got %d", repeat);
    g->repeat = repeat;
    g->npoints = 1;
    for (int i = 0; i < nspecs; i++) {
        int rc = spec_parse(&g->axis[i], specs[i], err, errlen);
        if (rc != UB_OK) {
            grid_free(g);
            return rc;
        }
        g->naxes = i + 1;
        for (int j = 0; j < i; j++)
            if (g->axis[j].pi == g->axis[i].pi) {
                ub_fail(err, errlen, UB_EINVAL, "--sweep %s: %s is already swept; give all its values in one --sweep",
                        specs[i], g->axis[i].pi->key);
                grid_free(g);
                return UB_EINVAL;
            }
        if (g->npoints > GRID_MAX_RUNS / g->axis[i].n) {
            grid_free(g);
            return ub_fail(err, errlen, UB_EINVAL, "the sweep has more than %ld points", GRID_MAX_RUNS);
        }
        g->npoints *= g->axis[i].n;
    }
    if (g->npoints > GRID_MAX_RUNS / repeat) {
        grid_free(g);
        return ub_fail(err, errlen, UB_EINVAL, "the sweep has more than %ld runs (points x --repeat)", GRID_MAX_RUNS);
    }
    g->nruns = g->npoints * repeat;
    return UB_OK;
}

void grid_free(grid_t *g)
{
    for (int i = 0; i < g->naxes; i++)
        spec_free(&g->axis[i]);
    memset(g, 0, sizeof *g);
}

void grid_coords(const grid_t *g, long point, int *idx)
{
    for (int i = g->naxes - 1; i >= 0; i--) {
        idx[i] = (int)(point % g->axis[i].n);
        point /= g->axis[i].n;
    }
}

long grid_point(const grid_t *g, const int *idx)
{
    long point = 0;
    for (int i = 0; i < g->naxes; i++)
        point = point * g->axis[i].n + idx[i];
    return point;
}

size_t grid_label(const grid_t *g, long point, char *buf, size_t len)
{
    int idx[GRID_MAX_AXES];
    grid_coords(g, point, idx);
    size_t used = 0;
    if (len)
        buf[0] = '\0';
    for (int i = 0; i < g->naxes; i++) {
        int k = snprintf(buf + (used < len ? used : len), used < len ? len - used : 0, "%s%s=%s", i ? " " : "",
                         g->axis[i].pi->key, g->axis[i].val[idx[i]]);
        used += k > 0 ? (size_t)k : 0;
    }
    return used;
}

int grid_params(const grid_t *g, const params_t *base, long point, params_t *out, char *err, size_t errlen)
{
    int idx[GRID_MAX_AXES];
    grid_coords(g, point, idx);
    *out = *base;
    char msg[300], label[256];
    for (int i = 0; i < g->naxes; i++)
        if (params_set(out, g->axis[i].pi->key, g->axis[i].val[idx[i]], msg, sizeof msg) != UB_OK)
            return ub_fail(err, errlen, UB_EINVAL, "--sweep: %s", msg); /* not reached: values were checked */
    if (params_check(out, msg, sizeof msg) != UB_OK) {
        grid_label(g, point, label, sizeof label);
        if (g->naxes)
            return ub_fail(err, errlen, UB_EINVAL, "sweep point %s: %s", label, msg);
        return ub_fail(err, errlen, UB_EINVAL, "%s", msg);
    }
    return UB_OK;
}

int grid_axis_of(const grid_t *g, const char *key)
{
    for (int i = 0; i < g->naxes; i++)
        if (strcmp(g->axis[i].pi->key, key) == 0)
            return i;
    return -1;
}

/* splitmix64's finaliser: a bijection that scatters nearby inputs. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

uint64_t grid_seed(uint64_t base, const char *label, int repeat)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a of the label */
    for (const unsigned char *c = (const unsigned char *)label; *c; c++)
        h = (h ^ *c) * UINT64_C(0x100000001b3);
    uint64_t z = mix64(base + UINT64_C(0x9e3779b97f4a7c15));
    z = mix64(z ^ h);
    z = mix64(z ^ ((uint64_t)(unsigned)repeat * UINT64_C(0x9e3779b97f4a7c15)));
    return z & GRID_SEED_MASK;
}
