/* sweepcsv.c - writing the sweep CSV. Numbers use runner_num's %.9g, which
 * reads back to the same text, so a merge reproduces a file byte for byte. */
#include "cli/sweepcsv.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "unibias/theory.h"
#include "unibias/ub.h"

void sweepcsv_head(FILE *out, const sweep_table_t *t)
{
    const grid_t *g = &t->grid;
    fprintf(out, "# unibias %s sweep\n", UB_VERSION);
    for (int i = 0; i < g->naxes; i++)
        fprintf(out, "# sweep=%s\n", g->axis[i].text);
    fprintf(out, "# repeat=%d\n# runs=%ld\n", g->repeat, g->nruns);
    if (t->shard.n > 1)
        fprintf(out, "# shard=%ld/%ld\n", t->shard.k, t->shard.n);
    char v[64];
    for (int i = 0; i < g->naxes; i++) {
        params_format(&t->base, g->axis[i].pi->key, v, sizeof v);
        fprintf(out, "# base.%s=%s\n", g->axis[i].pi->key, v);
    }
    for (size_t i = 0; i < params_count(); i++) {
        const char *key = params_info(i)->key;
        if (grid_axis_of(g, key) >= 0)
            continue;
        params_format(&t->base, key, v, sizeof v);
        fprintf(out, "# %s=%s\n", key, v);
    }
    char head[1024];
    sweepcsv_header(head, sizeof head, t);
    fprintf(out, "%s\n", head);
}

/* Appends to buf like snprintf, tracking the length needed. */
static void put(char *buf, size_t len, size_t *used, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void put(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + (*used < len ? *used : len), *used < len ? len - *used : 0, fmt, ap);
    va_end(ap);
    if (k > 0)
        *used += (size_t)k;
}

size_t sweepcsv_header(char *buf, size_t len, const sweep_table_t *t)
{
    size_t used = 0;
    if (len)
        buf[0] = '\0';
    for (int i = 0; i < t->grid.naxes; i++)
        put(buf, len, &used, "%s,", t->grid.axis[i].pi->key);
    put(buf, len, &used, "%s", SWEEPCSV_COLUMNS);
    return used;
}

static void put_num(char *buf, size_t len, size_t *used, double v)
{
    if (isnan(v))
        put(buf, len, used, ",nan");
    else
        put(buf, len, used, ",%.9g", v);
}

size_t sweepcsv_format_row(char *buf, size_t len, const sweep_table_t *t, const sweep_row_t *r)
{
    const grid_t *g = &t->grid;
    int idx[GRID_MAX_AXES];
    grid_coords(g, r->run / g->repeat, idx);
    size_t used = 0;
    if (len)
        buf[0] = '\0';
    for (int i = 0; i < g->naxes; i++)
        put(buf, len, &used, "%s,", g->axis[i].val[idx[i]]);
    const run_summary_t *s = &r->s;
    put(buf, len, &used, "%ld,%ld,%" PRIu64 ",%ld,%ld", r->run, r->run % g->repeat, r->seed, s->t_a, s->t_b);
    put_num(buf, len, &used, s->time_ratio);
    put_num(buf, len, &used, s->time_ratio_theory);
    put_num(buf, len, &used, s->misattribution);
    put_num(buf, len, &used, s->misattribution_theory);
    put_num(buf, len, &used, s->final_loss);
    put(buf, len, &used, ",%ld", s->steps);
    put_num(buf, len, &used, s->eg);
    put_num(buf, len, &used, s->eg_floor);
    put(buf, len, &used, ",%s,%s,%s,%s", runner_modality(s->first_modality), runner_modality(s->learned_first),
        runner_modality(s->contributes), s->phase ? s->phase : "nan");
    return used;
}

void sweepcsv_row(FILE *out, const sweep_table_t *t, const sweep_row_t *r)
{
    char line[2048];
    sweepcsv_format_row(line, sizeof line, t, r);
    fprintf(out, "%s\n", line);
}

static const sweepcsv_metric_t metrics[] = {
    {"time_ratio", "time_ratio_theory"},
    {"misattribution", "misattribution_theory"},
    {"eg", "eg_floor"},
    {"t_a", NULL},
    {"t_b", NULL},
    {"final_loss", NULL},
    {"steps", NULL},
};

const sweepcsv_metric_t *sweepcsv_metric(const char *name, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof metrics / sizeof metrics[0]; i++)
        if (strcmp(metrics[i].name, name) == 0)
            return &metrics[i];
    ub_fail(err, errlen, UB_EINVAL,
            "--plot-y must be one of time_ratio, misattribution, eg, t_a, t_b, final_loss, steps; got '%s'", name);
    return NULL;
}

/* Steps not reached (-1) are not a value to plot. */
static double step_value(long s) { return s < 0 ? NAN : (double)s; }

double sweepcsv_measured(const sweepcsv_metric_t *m, const sweep_row_t *r)
{
    const run_summary_t *s = &r->s;
    const char *n = m->name;
    if (strcmp(n, "time_ratio") == 0)
        return s->time_ratio;
    if (strcmp(n, "misattribution") == 0)
        return s->misattribution;
    if (strcmp(n, "eg") == 0)
        return s->eg;
    if (strcmp(n, "t_a") == 0)
        return step_value(s->t_a);
    if (strcmp(n, "t_b") == 0)
        return step_value(s->t_b);
    if (strcmp(n, "final_loss") == 0)
        return s->final_loss;
    return (double)s->steps;
}

double sweepcsv_theory(const sweepcsv_metric_t *m, const sweep_row_t *r)
{
    if (!m->theory)
        return NAN;
    if (strcmp(m->theory, "time_ratio_theory") == 0)
        return r->s.time_ratio_theory;
    if (strcmp(m->theory, "misattribution_theory") == 0)
        return r->s.misattribution_theory;
    return r->s.eg_floor;
}
