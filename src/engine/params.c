/* params.c - the single parameter table and everything derived from it:
 * parsing, validation messages, formatting, nudging, relevance. */
#include "unibias/params.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unibias/ub.h"

static const char *const data_names[] = {"toy", "multi", "xor", NULL};
static const char *const act_names[] = {"linear", "relu", "leaky", NULL};
static const char *const scheme_names[] = {"flat", "scaled", NULL};
static const char *const cov_names[] = {"diag", "wishart", NULL};
static const char *const target_names[] = {"const", "uniform", NULL};
static const char *const path_names[] = {"auto", "moments", "samples", NULL};

#define TOY (1u << DATA_TOY)
#define MULTI (1u << DATA_MULTI)
#define XOR (1u << DATA_XOR)
#define ALLD (TOY | MULTI | XOR)
#define OFF(f) offsetof(params_t, f)
#define BIG 1e6

/* key, type, offset, default, min, max, min_open, max_open, names, group,
 * data_mask, restart, fine, coarse, log, help */
static const param_info_t table[] = {
    {"data", PT_ENUM, OFF(data), "toy", 0, 2, false, false, data_names, PG_DATA, ALLD, true, 1, 1, false,
     "data set: toy (scalar x_A, x_B), multi (Gaussian vectors), xor (XOR of x_A plus linear x_B)"},
    {"sigma_a", PT_DOUBLE, OFF(sigma_a), "2", 0, BIG, true, false, NULL, PG_DATA, ALLD, false, 0.1, 0.5, false,
     "standard deviation of each coordinate of x_A (xor: the amplitude of its points)"},
    {"sigma_b", PT_DOUBLE, OFF(sigma_b), "1", 0, BIG, true, false, NULL, PG_DATA, ALLD, false, 0.1, 0.5, false,
     "standard deviation of each coordinate of x_B"},
    {"rho", PT_DOUBLE, OFF(rho), "0", -1, 1, true, true, NULL, PG_DATA, TOY, false, 0.05, 0.25, false,
     "correlation of x_A and x_B (toy)"},
    {"w_a", PT_DOUBLE, OFF(w_a), "1", -BIG, BIG, false, false, NULL, PG_DATA, ALLD, false, 0.1, 0.5, false,
     "target weight of x_A (multi: of every coordinate; xor: of the XOR term)"},
    {"w_b", PT_DOUBLE, OFF(w_b), "1", -BIG, BIG, false, false, NULL, PG_DATA, ALLD, false, 0.1, 0.5, false,
     "target weight of x_B (multi: of every coordinate)"},
    {"noise", PT_DOUBLE, OFF(noise), "0", 0, BIG, false, false, NULL, PG_DATA, ALLD, false, 0.05, 0.25, false,
     "standard deviation of the target noise"},
    {"dim_a", PT_INT, OFF(dim_a), "50", 1, 1000, false, false, NULL, PG_DATA, MULTI, true, 1, 10, false,
     "dimension of x_A (multi)"},
    {"dim_b", PT_INT, OFF(dim_b), "50", 1, 1000, false, false, NULL, PG_DATA, MULTI, true, 1, 10, false,
     "dimension of x_B (multi)"},
    {"cov", PT_ENUM, OFF(cov), "diag", 0, 1, false, false, cov_names, PG_DATA, MULTI, false, 1, 1, false,
     "input covariance (multi): diag(sigma_a^2 I, sigma_b^2 I), or wishart: inverse-Wishart(d+2) with that scale"},
    {"target", PT_ENUM, OFF(target), "const", 0, 1, false, false, target_names, PG_DATA, MULTI, false, 1, 1, false,
     "target weights (multi): const (w_a, w_b on every coordinate) or uniform (U(-1, 1) each)"},
    {"n", PT_LONG, OFF(n), "0", 0, 10000000, false, false, NULL, PG_DATA, ALLD, false, 10, 1000, false,
     "training samples; 0 = population (exact moments; nonlinear nets then draw 8192)"},
    {"depth", PT_INT, OFF(depth), "2", 1, 32, false, false, NULL, PG_ARCH, ALLD, true, 1, 1, false,
     "number of layers L"},
    {"fuse", PT_INT, OFF(fuse), "2", 1, 32, false, false, NULL, PG_ARCH, ALLD, true, 1, 1, false,
     "fusion layer Lf: 1 = early fusion ... depth = late fusion"},
    {"width", PT_INT, OFF(width), "100", 1, 4096, false, false, NULL, PG_ARCH, ALLD, true, 1, 10, false,
     "hidden width h (each branch, and the shared layers)"},
    {"activation", PT_ENUM, OFF(activation), "linear", 0, 2, false, false, act_names, PG_ARCH, ALLD, true, 1, 1,
     false, "activation after every hidden layer: linear, relu or leaky (ReLU with slope)"},
    {"slope", PT_DOUBLE, OFF(slope), "0.01", 0, 1, false, true, NULL, PG_ARCH, ALLD, true, 0.01, 0.1, false,
     "negative slope of the leaky ReLU"},
    {"init", PT_DOUBLE, OFF(init), "1e-09", 0, 1000, true, false, NULL, PG_TRAIN, ALLD, true, 2, 10, true,
     "initialisation scale (standard deviation of weights, see init_scheme)"},
    {"init_scheme", PT_ENUM, OFF(init_scheme), "flat", 0, 1, false, false, scheme_names, PG_TRAIN, ALLD, true, 1,
     1, false, "flat: every weight N(0, init^2); scaled: init/sqrt(fan), x sqrt(2) from the fusion layer up"},
    {"lr", PT_DOUBLE, OFF(lr), "0.04", 0, BIG, true, false, NULL, PG_TRAIN, ALLD, false, 1.25, 2, true,
     "learning rate (full-batch gradient descent; one step is one epoch)"},
    {"weight_decay", PT_DOUBLE, OFF(weight_decay), "0", 0, BIG, false, false, NULL, PG_TRAIN, ALLD, false, 0.001,
     0.01, false, "L2 weight decay added to the gradient"},
    {"seed", PT_U64, OFF(seed), "1", 0, 18446744073709551615.0, false, false, NULL, PG_TRAIN, ALLD, true, 1, 1,
     false, "random seed of the initial weights and the samples"},
    {"steps", PT_LONG, OFF(steps), "0", 0, 1e12, false, false, NULL, PG_TRAIN, ALLD, false, 100, 1000, false,
     "step budget of a run (the live view stops there too); 0 = until converged, at most 200000"},
    {"path", PT_ENUM, OFF(path), "auto", 0, 2, false, false, path_names, PG_TRAIN, ALLD, true, 1, 1, false,
     "gradient path: auto, moments (linear nets: sufficient statistics) or samples (per sample)"},
};

#define NPARAMS (sizeof table / sizeof table[0])

size_t params_count(void) { return NPARAMS; }

const param_info_t *params_info(size_t i) { return i < NPARAMS ? &table[i] : NULL; }

const param_info_t *params_find(const char *key)
{
    for (size_t i = 0; i < NPARAMS; i++)
        if (strcmp(table[i].key, key) == 0)
            return &table[i];
    return NULL;
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t best = diag + cost;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (up + 1 < best)
                best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *params_suggest(const char *key)
{
    const char *best = NULL;
    size_t bestd = 99;
    for (size_t i = 0; i < NPARAMS; i++) {
        size_t d = edit_distance(key, table[i].key);
        if (d < bestd) {
            bestd = d;
            best = table[i].key;
        }
    }
    /* Only a plausible typo: at most a third of the key wrong. */
    size_t len = strlen(key);
    return (bestd <= 2 && bestd * 3 <= len + 2) ? best : NULL;
}

void params_range_text(const param_info_t *pi, char *buf, size_t len)
{
    if (pi->type == PT_ENUM) {
        size_t used = 0;
        buf[0] = '\0';
        for (int i = 0; pi->names[i]; i++)
            used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s", i ? "|" : "", pi->names[i]);
        return;
    }
    if (pi->type == PT_U64) {
        snprintf(buf, len, "0 .. 2^64-1");
        return;
    }
    char lo[32], hi[32];
    snprintf(lo, sizeof lo, "%g", pi->min);
    snprintf(hi, sizeof hi, "%g", pi->max);
    snprintf(buf, len, "%c%s, %s%c", pi->min_open ? '(' : '[', lo, hi, pi->max_open ? ')' : ']');
}

static void *field(params_t *p, const param_info_t *pi) { return (char *)p + pi->offset; }
static const void *cfield(const params_t *p, const param_info_t *pi) { return (const char *)p + pi->offset; }

double params_get(const params_t *p, const param_info_t *pi)
{
    const void *f = cfield(p, pi);
    switch (pi->type) {
    case PT_DOUBLE: return *(const double *)f;
    case PT_INT:
    case PT_ENUM: return *(const int *)f;
    case PT_LONG: return (double)*(const long *)f;
    case PT_U64: return (double)*(const uint64_t *)f;
    }
    return NAN;
}

static bool in_range(const param_info_t *pi, double v)
{
    if (pi->min_open ? !(v > pi->min) : !(v >= pi->min))
        return false;
    if (pi->max_open ? !(v < pi->max) : !(v <= pi->max))
        return false;
    return true;
}

static int range_error(const param_info_t *pi, const char *value, char *err, size_t errlen)
{
    char r[96];
    params_range_text(pi, r, sizeof r);
    return ub_fail(err, errlen, UB_EINVAL, "%s must be in %s, got %s", pi->key, r, value);
}

int params_set(params_t *p, const char *key, const char *value, char *err, size_t errlen)
{
    const param_info_t *pi = params_find(key);
    if (!pi) {
        const char *s = params_suggest(key);
        if (s)
            return ub_fail(err, errlen, UB_EINVAL, "unknown parameter '%s' (did you mean '%s'?)", key, s);
        return ub_fail(err, errlen, UB_EINVAL, "unknown parameter '%s' (see --help for the list)", key);
    }
    while (isspace((unsigned char)*value))
        value++;
    size_t vl = strlen(value);
    while (vl && isspace((unsigned char)value[vl - 1]))
        vl--;
    char v[128];
    if (vl == 0)
        return ub_fail(err, errlen, UB_EINVAL, "%s needs a value", key);
    if (vl >= sizeof v)
        return ub_fail(err, errlen, UB_EINVAL, "%s: value too long", key);
    memcpy(v, value, vl);
    v[vl] = '\0';

    if (pi->type == PT_ENUM) {
        for (int i = 0; pi->names[i]; i++)
            if (strcmp(pi->names[i], v) == 0) {
                *(int *)field(p, pi) = i;
                return UB_OK;
            }
        char r[96];
        params_range_text(pi, r, sizeof r);
        return ub_fail(err, errlen, UB_EINVAL, "%s must be one of %s, got '%s'", key, r, v);
    }
    if (pi->type == PT_U64) {
        if (v[0] == '-' || !isdigit((unsigned char)v[0]))
            return ub_fail(err, errlen, UB_EINVAL, "%s must be a whole number in 0 .. 2^64-1, got '%s'", key, v);
        errno = 0;
        char *end;
        unsigned long long u = strtoull(v, &end, 10);
        if (*end || errno)
            return ub_fail(err, errlen, UB_EINVAL, "%s must be a whole number in 0 .. 2^64-1, got '%s'", key, v);
        *(uint64_t *)field(p, pi) = (uint64_t)u;
        return UB_OK;
    }
    errno = 0;
    char *end;
    double d = strtod(v, &end);
    if (*end || end == v || errno == ERANGE || !isfinite(d))
        return ub_fail(err, errlen, UB_EINVAL, "%s must be a finite number, got '%s'", key, v);
    if (pi->type != PT_DOUBLE && d != floor(d))
        return ub_fail(err, errlen, UB_EINVAL, "%s must be a whole number, got '%s'", key, v);
    if (!in_range(pi, d))
        return range_error(pi, v, err, errlen);
    switch (pi->type) {
    case PT_DOUBLE: *(double *)field(p, pi) = d == 0.0 ? 0.0 : d; break; /* no -0 */
    case PT_INT: *(int *)field(p, pi) = (int)d; break;
    case PT_LONG: *(long *)field(p, pi) = (long)d; break;
    default: break;
    }
    return UB_OK;
}

int params_set_kv(params_t *p, const char *kv, char *err, size_t errlen)
{
    const char *eq = strchr(kv, '=');
    if (!eq)
        return ub_fail(err, errlen, UB_EINVAL, "expected key=value, got '%s'", kv);
    char key[64];
    size_t kl = (size_t)(eq - kv);
    while (kl && isspace((unsigned char)kv[kl - 1]))
        kl--;
    size_t ks = 0;
    while (ks < kl && isspace((unsigned char)kv[ks]))
        ks++;
    if (kl - ks == 0)
        return ub_fail(err, errlen, UB_EINVAL, "expected key=value, got '%s'", kv);
    if (kl - ks >= sizeof key)
        return ub_fail(err, errlen, UB_EINVAL, "unknown parameter '%.*s...'", 20, kv + ks);
    memcpy(key, kv + ks, kl - ks);
    key[kl - ks] = '\0';
    return params_set(p, key, eq + 1, err, errlen);
}

void params_default(params_t *p)
{
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < NPARAMS; i++) {
        int rc = params_set(p, table[i].key, table[i].def, NULL, 0);
        (void)rc; /* defaults are in range by construction (tested) */
    }
}

int params_check(const params_t *p, char *err, size_t errlen)
{
    /* Range of every field again: a params_t may have been built by hand. */
    for (size_t i = 0; i < NPARAMS; i++) {
        const param_info_t *pi = &table[i];
        if (pi->type == PT_U64)
            continue;
        double v = params_get(p, pi);
        if (!in_range(pi, v)) {
            char s[40];
            snprintf(s, sizeof s, "%.17g", v);
            return range_error(pi, s, err, errlen);
        }
    }
    if (p->fuse > p->depth)
        return ub_fail(err, errlen, UB_EINVAL,
                       "fuse must be between 1 and depth (%d): the fusion layer cannot be deeper than the network, got fuse=%d",
                       p->depth, p->fuse);
    if (p->path == PATH_MOMENTS && p->activation != ACT_LINEAR)
        return ub_fail(err, errlen, UB_EINVAL,
                       "path=moments needs activation=linear (nonlinear nets need samples), got activation=%s",
                       act_names[p->activation]);
    /* Keep one run within this machine's memory: weights and per-sample activations. */
    int da, db;
    params_dims(p, &da, &db);
    double weights = (double)p->width * (da + db) + 2.0 * p->width * p->width * (p->depth);
    if (weights > 5e7)
        return ub_fail(err, errlen, UB_EINVAL,
                       "network too large: width=%d and depth=%d give %.3g weights, at most 5e+07 allowed", p->width,
                       p->depth, weights);
    if (params_uses_samples(p)) {
        double acts = (double)params_samples(p) * p->width * (p->depth + 1) * 2.0;
        double xs = (double)params_samples(p) * (da + db);
        if (acts + xs > 2e8)
            return ub_fail(err, errlen, UB_EINVAL,
                           "n=%ld samples at width=%d need %.3g activations, at most 2e+08 allowed: lower n or width",
                           params_samples(p), p->width, acts + xs);
    }
    return UB_OK;
}

/* Shortest text that reads back to exactly the same double. */
static void format_double(double d, char *buf, size_t len)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            return;
    }
}

int params_format(const params_t *p, const char *key, char *buf, size_t len)
{
    const param_info_t *pi = params_find(key);
    if (!pi)
        return ub_fail(buf, len, UB_EINVAL, "?");
    const void *f = cfield(p, pi);
    switch (pi->type) {
    case PT_DOUBLE: format_double(*(const double *)f, buf, len); break;
    case PT_INT: snprintf(buf, len, "%d", *(const int *)f); break;
    case PT_LONG: snprintf(buf, len, "%ld", *(const long *)f); break;
    case PT_U64: snprintf(buf, len, "%llu", (unsigned long long)*(const uint64_t *)f); break;
    case PT_ENUM: {
        int e = *(const int *)f;
        snprintf(buf, len, "%s", (e >= 0 && e <= (int)pi->max) ? pi->names[e] : "?");
        break;
    }
    }
    return UB_OK;
}

bool params_applies(const params_t *p, const param_info_t *pi)
{
    if (!(pi->data_mask & (1u << p->data)))
        return false;
    if (strcmp(pi->key, "slope") == 0)
        return p->activation == ACT_LEAKY;
    if ((strcmp(pi->key, "w_a") == 0 || strcmp(pi->key, "w_b") == 0) && p->data == DATA_MULTI)
        return p->target == TARGET_CONST;
    return true;
}

int params_nudge(params_t *p, const char *key, int dir, bool coarse, char *err, size_t errlen)
{
    const param_info_t *pi = params_find(key);
    if (!pi)
        return ub_fail(err, errlen, UB_EINVAL, "unknown parameter '%s'", key);
    double step = coarse ? pi->step_coarse : pi->step_fine;
    char v[64];
    if (pi->type == PT_ENUM) {
        int n = (int)pi->max + 1;
        int e = (*(int *)field(p, pi) + (dir > 0 ? 1 : n - 1)) % n;
        return params_set(p, key, pi->names[e], err, errlen);
    }
    if (pi->type == PT_U64) {
        uint64_t s = *(uint64_t *)field(p, pi);
        snprintf(v, sizeof v, "%llu", (unsigned long long)(dir > 0 ? s + 1 : s - 1));
        return params_set(p, key, v, err, errlen);
    }
    double x = params_get(p, pi);
    double nx = pi->log_scale ? (dir > 0 ? x * step : x / step) : x + (dir > 0 ? step : -step);
    /* Round through text so that 0.1 + 0.05 shows as 0.15, not 0.15000000000000002. */
    snprintf(v, sizeof v, "%.10g", nx);
    if (fabs(nx) < 1e-12 && !pi->log_scale)
        snprintf(v, sizeof v, "0");
    return params_set(p, key, v, err, errlen);
}

void params_dims(const params_t *p, int *da, int *db)
{
    *da = p->data == DATA_MULTI ? p->dim_a : p->data == DATA_XOR ? 2 : 1;
    *db = p->data == DATA_MULTI ? p->dim_b : 1;
}

long params_samples(const params_t *p)
{
    if (p->n > 0)
        return p->n;
    return params_uses_samples(p) ? PARAMS_NONLINEAR_DEFAULT_N : 0;
}

bool params_uses_samples(const params_t *p)
{
    if (p->path == PATH_SAMPLES)
        return true;
    if (p->path == PATH_MOMENTS)
        return false;
    return p->activation != ACT_LINEAR;
}

const char *params_fusion_name(const params_t *p)
{
    if (p->depth == 1)
        return "shallow";
    if (p->fuse == 1)
        return "early fusion";
    if (p->fuse == p->depth)
        return "late fusion";
    return "intermediate fusion";
}
