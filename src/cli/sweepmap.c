/* sweepmap.c - the paper's Fig. 4c as text: over two swept keys (e.g.
 * sigma_a and w_a with sigma_b = w_b = 1), which modality each point learned
 * first and whether it is also the one that contributes more; the theory's
 * boundaries between the grid points; the current configuration marked. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/sweepplot.h"
#include "cli/textplot.h"
#include "unibias/theory.h"

#define MAP_ROWS 20

/* Theory's (prioritised, contributes) at every dot, coded 0..8; -1 where
 * undefined. Both only depend on the data, so a cheap two-layer late-fusion
 * network stands in for the architecture. */
static int *dot_codes(const textplot_t *tp, const sweep_table_t *t)
{
    const grid_t *g = &t->grid;
    const spec_t *xs = &g->axis[0], *ys = &g->axis[1];
    if (t->base.data != DATA_TOY || xs->pi->type != PT_DOUBLE || ys->pi->type != PT_DOUBLE)
        return NULL;
    int w = canvas_width(&tp->cv), h = canvas_height(&tp->cv);
    int *code = malloc(sizeof *code * (size_t)w * (size_t)h);
    if (!code)
        return NULL;
    params_t p;
    int idx[GRID_MAX_AXES] = {0, 0};
    if (grid_params(g, &t->base, grid_point(g, idx), &p, NULL, 0) != 0) {
        free(code);
        return NULL;
    }
    p.depth = p.fuse = 2;
    for (int y = 0; y < h; y++) {
        char v[40];
        snprintf(v, sizeof v, "%.17g", axis_value(&tp->ay, y));
        bool yok = params_set(&p, ys->pi->key, v, NULL, 0) == 0;
        for (int x = 0; x < w; x++) {
            int pr, co;
            snprintf(v, sizeof v, "%.17g", axis_value(&tp->ax, x));
            bool ok = yok && params_set(&p, xs->pi->key, v, NULL, 0) == 0 &&
                      sweepplot_theory(&p, NULL, NULL, &pr, &co);
            code[(size_t)y * (size_t)w + (size_t)x] = ok ? (pr + 1) * 3 + (co + 1) : -1;
        }
    }
    return code;
}

/* Solid dots where the prioritised modality switches, dotted where the one
 * that contributes more switches: the band between is superficial preference. */
static void draw_boundaries(textplot_t *tp, const int *code)
{
    int w = canvas_width(&tp->cv), h = canvas_height(&tp->cv);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int c = code[(size_t)y * (size_t)w + (size_t)x];
            if (c < 0)
                continue;
            int right = x + 1 < w ? code[(size_t)y * (size_t)w + (size_t)x + 1] : c;
            int down = y + 1 < h ? code[(size_t)(y + 1) * (size_t)w + (size_t)x] : c;
            bool prio = (right >= 0 && right / 3 != c / 3) || (down >= 0 && down / 3 != c / 3);
            bool contrib = (right >= 0 && right % 3 != c % 3) || (down >= 0 && down % 3 != c % 3);
            if (prio || (contrib && (x + y) % 2 == 0))
                canvas_dot(&tp->cv, x, y, 1);
        }
}

void sweepmap_print(FILE *out, const sweep_table_t *t, const sweepplot_agg_t *agg, const sweepplot_opts_t *o)
{
    const grid_t *g = &t->grid;
    const spec_t *xs = &g->axis[0], *ys = &g->axis[1];
    bool logx = sweepplot_axis_log(xs), logy = sweepplot_axis_log(ys);
    range_t rx, ry;
    range_reset(&rx);
    range_reset(&ry);
    for (int i = 0; i < xs->n; i++)
        range_add(&rx, xs->num[i], logx);
    for (int i = 0; i < ys->n; i++)
        range_add(&ry, ys->num[i], logy);
    range_finish(&rx, 0.03, logx);
    range_finish(&ry, 0.04, logy);
    textplot_t tp;
    if (textplot_init(&tp, sweepplot_cols(o->width), MAP_ROWS, o->ascii, &rx, logx, &ry, logy) != 0)
        return;
    int *code = dot_codes(&tp, t);
    if (code)
        draw_boundaries(&tp, code);
    int agree = 0, judged = 0;
    for (int i = 0; i < xs->n; i++)
        for (int j = 0; j < ys->n; j++) {
            int idx[GRID_MAX_AXES] = {i, j};
            const sweepplot_agg_t *a = &agg[grid_point(g, idx)];
            if (a->runs == 0)
                continue;
            int nA = a->learned[MOD_A], nB = a->learned[MOD_B];
            int first = nA > nB ? MOD_A : nB > nA ? MOD_B : MOD_NONE;
            uint32_t glyph = '-';
            if (first != MOD_NONE) {
                glyph = (uint32_t)(first == MOD_A ? 'A' : 'B');
                if (a->contributes != MOD_NONE && a->contributes != first)
                    glyph += 'a' - 'A';
                if (a->prioritised != MOD_NONE) {
                    judged++;
                    agree += a->prioritised == first;
                }
            }
            textplot_mark(&tp, xs->num[i], ys->num[j], glyph);
        }
    double cx = params_get(&t->base, xs->pi), cy = params_get(&t->base, ys->pi);
    textplot_mark(&tp, cx, cy, o->ascii ? '@' : 0x25C6u);
    fprintf(out, "modality learned first over %s (x) and %s (y, %s at the top)\n", xs->pi->key, ys->pi->key,
            ys->pi->key);
    textplot_print(out, &tp, xs->pi->key);
    char cxs[32], cys[32];
    params_format(&t->base, xs->pi->key, cxs, sizeof cxs);
    params_format(&t->base, ys->pi->key, cys, sizeof cys);
    bool inside = cx >= rx.lo && cx <= rx.hi && cy >= ry.lo && cy <= ry.hi;
    fprintf(out,
            "A/B  learned first (measured, most repeats) and contributes more (theory)\n"
            "a/b  learned first but contributes less: superficial modality preference\n"
            "-    neither modality learned first (no unimodal phase)\n");
    if (code)
        fprintf(out, "%s  theory: the prioritised modality switches (solid) / the one contributing more (dotted)\n",
                o->ascii ? ":'" : "\u28ff ");
    fprintf(out, "%s    current configuration %s=%s %s=%s%s\n", o->ascii ? "@" : "\u25c6", xs->pi->key, cxs,
            ys->pi->key, cys, inside ? "" : " (outside the map)");
    fprintf(out, "measured first modality = theory's prioritised one at %d of %d points\n", agree, judged);
    free(code);
    textplot_free(&tp);
}
