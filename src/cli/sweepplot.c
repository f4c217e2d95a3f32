/* sweepplot.c - curves, scatter and the per-point table of a sweep. */
#include "cli/sweepplot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/textplot.h"
#include "tui/fmt.h"
#include "unibias/data.h"
#include "unibias/theory.h"
#include "unibias/ub.h"

#define PLOT_ROWS 16
#define TABLE_MAX_POINTS 60

static const char series_glyph[] = "ox+*#@%&=";

int sweepplot_parse_kind(const char *s, int *kind, char *err, size_t errlen)
{
    static const char *const names[] = {"auto", "curve", "scatter", "map"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *kind = i;
            return UB_OK;
        }
    return ub_fail(err, errlen, UB_EINVAL, "--plot must be auto, curve, scatter or map, got '%s'", s);
}

int sweepplot_resolve(const grid_t *g, int kind, int *out, char *err, size_t errlen)
{
    if (kind == SWEEPPLOT_AUTO) {
        if (g->naxes == 0)
            kind = SWEEPPLOT_SCATTER;
        else if (g->naxes == 2 && g->axis[0].n >= 8 && g->axis[1].n >= 8)
            kind = SWEEPPLOT_MAP;
        else
            kind = SWEEPPLOT_CURVE;
    }
    if (kind == SWEEPPLOT_MAP && g->naxes != 2)
        return ub_fail(err, errlen, UB_EINVAL, "--plot=map needs exactly two --sweep keys, got %d", g->naxes);
    if (kind == SWEEPPLOT_CURVE && g->naxes == 0)
        return ub_fail(err, errlen, UB_EINVAL, "--plot=curve needs a --sweep key (try --plot=scatter)");
    if (g->naxes > 2 && kind != SWEEPPLOT_SCATTER)
        return ub_fail(err, errlen, UB_EINVAL,
                       "plots show at most two swept keys (this sweep has %d); use --no-plot or --plot=scatter",
                       g->naxes);
    *out = kind;
    return UB_OK;
}

bool sweepplot_theory(const params_t *p, double *ratio, double *mis, int *prioritised, int *contributes)
{
    if (p->data != DATA_TOY)
        return false;
    params_t q = *p;
    q.n = 0;                    /* population moments: what the runs' theory uses */
    q.activation = ACT_LINEAR;  /* the linear theory; and no samples to draw */
    q.path = PATH_AUTO;
    dataset_t ds;
    if (data_make(&ds, &q, NULL, 0) != UB_OK)
        return false;
    theory_t th;
    int rc = theory_compute(&th, &q, &ds.pop, NULL, 0);
    data_free(&ds);
    if (rc != UB_OK)
        return false;
    if (ratio)
        *ratio = th.time_ratio;
    if (mis)
        *mis = th.misattribution;
    if (prioritised)
        *prioritised = th.prioritised;
    if (contributes)
        *contributes = th.contributes;
    theory_free(&th);
    return true;
}

void sweepplot_aggregate(const sweep_table_t *t, const sweepcsv_metric_t *m, sweepplot_agg_t *agg)
{
    long np = t->grid.npoints;
    double *sum2 = calloc((size_t)np, sizeof *sum2);
    double *tsum = calloc((size_t)np, sizeof *tsum);
    int *tn = calloc((size_t)np, sizeof *tn);
    for (long i = 0; i < np; i++)
        agg[i] = (sweepplot_agg_t){0, 0, 0, 0, NAN, {0, 0}, MOD_NONE, MOD_NONE};
    if (!sum2 || !tsum || !tn) {
        free(sum2), free(tsum), free(tn);
        return;
    }
    /* two passes over the rows: means, then squared deviations (stable) */
    for (long i = 0; i < t->nrows; i++) {
        const sweep_row_t *r = &t->row[i];
        sweepplot_agg_t *a = &agg[sweep_point(t, r)];
        if (a->runs++ == 0) {
            a->prioritised = r->s.first_modality;
            a->contributes = r->s.contributes;
        }
        if (r->s.learned_first == MOD_A || r->s.learned_first == MOD_B)
            a->learned[r->s.learned_first]++;
        double v = sweepcsv_measured(m, r), th = sweepcsv_theory(m, r);
        if (isfinite(v)) {
            a->n++;
            a->mean += v;
        }
        if (isfinite(th)) {
            tsum[sweep_point(t, r)] += th;
            tn[sweep_point(t, r)]++;
        }
    }
    for (long p = 0; p < np; p++) {
        if (agg[p].n)
            agg[p].mean /= agg[p].n;
        else
            agg[p].mean = NAN;
        if (tn[p])
            agg[p].theory = tsum[p] / tn[p];
    }
    for (long i = 0; i < t->nrows; i++) {
        long p = sweep_point(t, &t->row[i]);
        double v = sweepcsv_measured(m, &t->row[i]);
        if (isfinite(v))
            sum2[p] += (v - agg[p].mean) * (v - agg[p].mean);
    }
    for (long p = 0; p < np; p++)
        agg[p].sd = agg[p].n > 1 ? sqrt(sum2[p] / (agg[p].n - 1)) : 0.0;
    free(sum2), free(tsum), free(tn);
}

int sweepplot_cols(int width)
{
    int c = width - TEXTPLOT_LABEL_W - 10; /* room for the "(log)" note */
    return c < 20 ? 20 : c > 110 ? 110 : c;
}

/* Log scale when every value is positive and they span a decade or more. */
static bool want_log(const double *v, int n)
{
    double lo = INFINITY, hi = -INFINITY;
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        if (v[i] <= 0)
            return false;
        lo = fmin(lo, v[i]);
        hi = fmax(hi, v[i]);
        k++;
    }
    return k > 1 && hi >= 10 * lo;
}

bool sweepplot_axis_log(const spec_t *s)
{
    if (s->log)
        return true;
    if (!s->pi->log_scale || s->n < 2)
        return false;
    return want_log(s->num, s->n) && s->num[0] > 0;
}

/* Grid indices of an axis sorted by value, for polylines. */
static void sort_by_value(const spec_t *s, int *ord)
{
    for (int i = 0; i < s->n; i++)
        ord[i] = i;
    for (int i = 1; i < s->n; i++) /* insertion sort: axes are short */
        for (int j = i; j > 0 && s->num[ord[j - 1]] > s->num[ord[j]]; j--) {
            int k = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = k;
        }
}

/* The theory curve of one series between the grid points. */
static bool dense_theory(textplot_t *tp, const sweep_table_t *t, const sweepcsv_metric_t *m, int xa, long point0)
{
    const spec_t *xs = &t->grid.axis[xa];
    bool ratio = strcmp(m->name, "time_ratio") == 0;
    if (!m->theory || !(ratio || strcmp(m->name, "misattribution") == 0) || t->base.data != DATA_TOY ||
        xs->pi->type != PT_DOUBLE)
        return false;
    params_t p;
    if (grid_params(&t->grid, &t->base, point0, &p, NULL, 0) != UB_OK)
        return false;
    /* with samples each run's theory uses its own sample moments: the curve
     * then joins the points' values instead of drawing the population's */
    if (params_samples(&p) != 0)
        return false;
    double lo = xs->num[0], hi = xs->num[0];
    for (int i = 1; i < xs->n; i++)
        lo = fmin(lo, xs->num[i]), hi = fmax(hi, xs->num[i]);
    double px = NAN, py = NAN;
    int w = canvas_width(&tp->cv);
    for (int d = 0; d <= w; d++) {
        double x = d == w ? hi : axis_value(&tp->ax, d);
        if (x < lo)
            continue;
        if (x > hi)
            x = hi;
        char v[40];
        snprintf(v, sizeof v, "%.17g", x);
        double r = NAN, mis = NAN;
        if (params_set(&p, xs->pi->key, v, NULL, 0) != UB_OK || !sweepplot_theory(&p, &r, &mis, NULL, NULL))
            r = mis = NAN;
        double y = ratio ? r : mis;
        if (isfinite(y) && isfinite(py))
            textplot_line(tp, px, py, x, y);
        else if (isfinite(y))
            textplot_line(tp, x, y, x, y);
        px = x, py = y;
        if (x >= hi)
            break;
    }
    return true;
}

static void plot_curves(FILE *out, const sweep_table_t *t, const sweepplot_agg_t *agg, const sweepplot_opts_t *o)
{
    const grid_t *g = &t->grid;
    int xa = g->naxes == 1 ? 0 : g->axis[0].n > g->axis[1].n ? 0 : 1;
    int sa = g->naxes == 2 ? 1 - xa : -1;
    int nser = sa >= 0 ? g->axis[sa].n : 1;
    const spec_t *xs = &g->axis[xa];
    bool logx = sweepplot_axis_log(xs);
    /* y values that must be in view: means +- sd and the theory at the points */
    long np = g->npoints;
    double *vals = calloc((size_t)(4 * np), sizeof *vals);
    int *ord = malloc(sizeof *ord * (size_t)xs->n);
    if (!vals || !ord) {
        free(vals), free(ord);
        return;
    }
    int nv = 0;
    for (long p = 0; p < np; p++) {
        vals[nv++] = agg[p].mean;
        vals[nv++] = agg[p].theory;
    }
    bool logy = want_log(vals, nv);
    for (long p = 0; p < np; p++) {
        vals[nv++] = agg[p].mean + agg[p].sd;
        if (!logy || agg[p].mean - agg[p].sd > 0)
            vals[nv++] = agg[p].mean - agg[p].sd;
    }
    range_t rx, ry;
    range_reset(&rx);
    range_reset(&ry);
    for (int i = 0; i < xs->n; i++)
        range_add(&rx, xs->num[i], logx);
    for (int i = 0; i < nv; i++)
        range_add(&ry, vals[i], logy);
    range_finish(&rx, 0.03, logx);
    range_finish(&ry, 0.06, logy);
    textplot_t tp;
    if (textplot_init(&tp, sweepplot_cols(o->width), PLOT_ROWS, o->ascii, &rx, logx, &ry, logy) != 0) {
        free(vals), free(ord);
        return;
    }
    sort_by_value(xs, ord);
    bool dense = false;
    int idx[GRID_MAX_AXES] = {0};
    for (int s = 0; s < nser; s++) {
        if (sa >= 0)
            idx[sa] = s;
        idx[xa] = 0;
        dense = dense_theory(&tp, t, o->metric, xa, grid_point(g, idx));
        double px = NAN, py = NAN;
        for (int k = 0; k < xs->n; k++) {
            idx[xa] = ord[k];
            const sweepplot_agg_t *a = &agg[grid_point(g, idx)];
            double x = xs->num[ord[k]];
            if (!dense && isfinite(a->theory)) { /* theory as a polyline through the points */
                if (isfinite(py))
                    textplot_line(&tp, px, py, x, a->theory);
                px = x, py = a->theory;
            }
            if (a->n == 0)
                continue;
            if (a->sd > 0)
                textplot_line(&tp, x, a->mean - a->sd, x, a->mean + a->sd);
            textplot_mark(&tp, x, a->mean, (uint32_t)series_glyph[s % (int)(sizeof series_glyph - 1)]);
        }
    }
    const char *pm = o->ascii ? "+-" : "\u00b1";
    fprintf(out, "%s against %s%s: theory = line%s, measured = mean %s sd over %d repeat%s\n", o->metric->name,
            xs->pi->key, logy ? " (log y)" : "", o->metric->theory ? "" : " (none for this quantity)", pm, g->repeat,
            g->repeat > 1 ? "s" : "");
    textplot_print(out, &tp, xs->pi->key);
    if (sa >= 0) {
        fprintf(out, "%*s", TEXTPLOT_LABEL_W, "");
        for (int s = 0; s < nser; s++)
            fprintf(out, "%c %s=%s  ", series_glyph[s % (int)(sizeof series_glyph - 1)], g->axis[sa].pi->key,
                    g->axis[sa].val[s]);
        fputc('\n', out);
    }
    textplot_free(&tp);
    free(vals), free(ord);
}

static void plot_scatter(FILE *out, const sweep_table_t *t, const sweepplot_opts_t *o)
{
    const sweepcsv_metric_t *m = o->metric;
    if (!m->theory) {
        fprintf(out, "(no scatter: %s has no theory column)\n", m->name);
        return;
    }
    long n = t->nrows;
    double *v = calloc((size_t)(2 * (n ? n : 1)), sizeof *v);
    if (!v)
        return;
    int k = 0;
    for (long i = 0; i < n; i++) {
        double th = sweepcsv_theory(m, &t->row[i]), me = sweepcsv_measured(m, &t->row[i]);
        if (isfinite(th) && isfinite(me)) {
            v[k++] = th;
            v[k++] = me;
        }
    }
    bool lg = want_log(v, k);
    range_t r;
    range_reset(&r);
    for (int i = 0; i < k; i++)
        range_add(&r, v[i], lg);
    range_finish(&r, 0.05, lg);
    textplot_t tp;
    if (textplot_init(&tp, sweepplot_cols(o->width), PLOT_ROWS, o->ascii, &r, lg, &r, lg) != 0) {
        free(v);
        return;
    }
    textplot_line(&tp, r.lo, r.lo, r.hi, r.hi); /* measured = theory */
    double *q = malloc(sizeof *q * (size_t)(k / 2 + 1));
    for (int i = 0; i < k; i += 2) {
        textplot_mark(&tp, v[i], v[i + 1], 'o');
        if (q)
            q[i / 2] = v[i + 1] / v[i];
    }
    fprintf(out, "%s measured (y) against theory (x)%s, one o per run; the line is y = x\n", m->name,
            lg ? ", log-log" : "");
    char xname[64];
    snprintf(xname, sizeof xname, "%s", m->theory);
    textplot_print(out, &tp, xname);
    if (q && k > 0) {
        int nq = k / 2, within = 0;
        for (int i = 1; i < nq; i++) /* insertion sort for the median */
            for (int j = i; j > 0 && q[j - 1] > q[j]; j--) {
                double s = q[j];
                q[j] = q[j - 1];
                q[j - 1] = s;
            }
        for (int i = 0; i < nq; i++)
            within += fabs(q[i] - 1) <= 0.1;
        double med = nq % 2 ? q[nq / 2] : 0.5 * (q[nq / 2 - 1] + q[nq / 2]);
        fprintf(out, "%d runs with both values: median measured/theory %.3g, %d within 10%%\n", nq, med, within);
    } else {
        fprintf(out, "no run has both a measured and a theory value\n");
    }
    free(q);
    textplot_free(&tp);
    free(v);
}

static const char *mod_text(int m) { return m == MOD_A ? "A" : m == MOD_B ? "B" : "-"; }

static void print_table(FILE *out, const sweep_table_t *t, const sweepplot_agg_t *agg, const sweepcsv_metric_t *m)
{
    const grid_t *g = &t->grid;
    if (g->npoints > TABLE_MAX_POINTS)
        return;
    int w[GRID_MAX_AXES];
    for (int i = 0; i < g->naxes; i++) {
        w[i] = (int)strlen(g->axis[i].pi->key);
        for (int j = 0; j < g->axis[i].n; j++)
            if ((int)strlen(g->axis[i].val[j]) > w[i])
                w[i] = (int)strlen(g->axis[i].val[j]);
        fprintf(out, "%-*s ", w[i], g->axis[i].pi->key);
    }
    fprintf(out, "%4s  %-14s %-10s %s\n", "runs", m->name, g->repeat > 1 ? "sd" : "", m->theory ? "theory" : "");
    for (long p = 0; p < g->npoints; p++) {
        const sweepplot_agg_t *a = &agg[p];
        int idx[GRID_MAX_AXES];
        grid_coords(g, p, idx);
        for (int i = 0; i < g->naxes; i++)
            fprintf(out, "%-*s ", w[i], g->axis[i].val[idx[i]]);
        char mean[32], sd[32] = "", th[32] = "";
        fmt_num(mean, sizeof mean, a->n ? a->mean : NAN, 4);
        if (g->repeat > 1)
            fmt_num(sd, sizeof sd, a->n ? a->sd : NAN, 2);
        if (m->theory)
            fmt_num(th, sizeof th, a->theory, 4);
        fprintf(out, "%4d  %-14s %-10s %-8s", a->runs, mean, sd, th);
        if (a->runs)
            fprintf(out, "  learned first %s (%d A, %d B), theory %s\n",
                    a->learned[MOD_A] >= a->learned[MOD_B] ? (a->learned[MOD_A] ? "A" : "-") : "B",
                    a->learned[MOD_A], a->learned[MOD_B], mod_text(a->prioritised));
        else
            fputs("  (no runs here)\n", out);
    }
}

void sweepplot_print(FILE *out, const sweep_table_t *t, const sweepplot_opts_t *o)
{
    int kind;
    if (sweepplot_resolve(&t->grid, o->kind, &kind, NULL, 0) != UB_OK)
        return;
    if (t->nrows == 0) { /* e.g. a shard with more shards than runs */
        fprintf(out, "no runs to plot\n");
        return;
    }
    sweepplot_agg_t *agg = malloc(sizeof *agg * (size_t)t->grid.npoints);
    if (!agg)
        return;
    sweepplot_aggregate(t, o->metric, agg);
    if (kind == SWEEPPLOT_CURVE)
        plot_curves(out, t, agg, o);
    else if (kind == SWEEPPLOT_SCATTER)
        plot_scatter(out, t, o);
    else
        sweepmap_print(out, t, agg, o);
    if (kind != SWEEPPLOT_MAP && t->grid.naxes > 0) {
        fputc('\n', out);
        print_table(out, t, agg, o->metric);
    }
    free(agg);
}
