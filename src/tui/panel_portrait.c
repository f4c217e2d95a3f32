/* panel_portrait.c - the (W_A^tot, W_B^tot) plane (norms for vector inputs):
 * trajectory, current point, fixed points M_0 M_A M_B M_*, and the flow field
 * of THEORY.md 9 as arrows so the saddles of late fusion show. The arrows are
 * cached: they change only with the run's parameters, the axes or the size. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/panel.h"
#include "tui/plot.h"
#include "tui/theme.h"
#include "unibias/theory.h"

#define GRID_DX 4       /* an arrow every GRID_DX columns ... */
#define GRID_DY 2       /* ... and GRID_DY rows */
#define FLOW_STILL 8    /* direction code of a near-zero velocity */
#define FLOW_NONE 255
#define QUARTER_PI 0.78539816339744830962

typedef struct portrait_state {
    canvas_t cv;
    /* flow cache */
    uint8_t *dir;
    int cols, rows;
    canvas_mode_t mode;
    unsigned long run;
    double alo, ahi, blo, bhi;
    bool valid;
} portrait_state_t;

static void portrait_free(void *state)
{
    portrait_state_t *st = state;
    canvas_free(&st->cv);
    free(st->dir);
    st->dir = NULL;
}

static const uint32_t arrows_utf8[9] = {
    0x2192, 0x2197, 0x2191, 0x2196, 0x2190, 0x2199, 0x2193, 0x2198, 0x00b7
};
static const char arrows_ascii[9] = { '>', '/', '^', '\\', '<', '/', 'v', '\\', '.' };

/* Recomputes the arrow directions for the current axes (UI thread, engine
 * call on the snapshot's own copy of the moments). */
static void flow_update(portrait_state_t *st, const wsnap_t *s, const axis_t *ax, const axis_t *ay)
{
    canvas_t *cv = &st->cv;
    if (st->valid && st->run == s->run && st->cols == cv->cols && st->rows == cv->rows &&
        st->mode == cv->mode && st->alo == ax->lo && st->ahi == ax->hi && st->blo == ay->lo &&
        st->bhi == ay->hi)
        return;
    free(st->dir);
    st->dir = malloc((size_t)cv->cols * (size_t)cv->rows);
    st->valid = false;
    if (!st->dir)
        return;
    memset(st->dir, FLOW_NONE, (size_t)cv->cols * (size_t)cv->rows);
    double sxx[4], syx[2];
    memcpy(sxx, s->m_sxx, sizeof sxx);
    memcpy(syx, s->m_syx, sizeof syx);
    moments_t m = { 1, 1, 2, sxx, syx, s->m_eyy };
    double vmax = 0;
    double *vx = calloc((size_t)cv->cols * (size_t)cv->rows, sizeof *vx);
    double *vy = calloc((size_t)cv->cols * (size_t)cv->rows, sizeof *vy);
    if (!vx || !vy) {
        free(vx);
        free(vy);
        return;
    }
    for (int r = GRID_DY / 2; r < cv->rows; r += GRID_DY) {
        for (int c = GRID_DX / 2; c < cv->cols; c += GRID_DX) {
            double xd = c * cv->dw + cv->dw / 2.0, yd = r * cv->dh + cv->dh / 2.0;
            double a = axis_value(ax, xd), b = axis_value(ay, yd), va, vb;
            if (theory_flow(&s->p, &m, a, b, &va, &vb) != 0 || !isfinite(va) || !isfinite(vb))
                continue;
            /* dots are about square in both encodings, so dots give angles */
            double px = va * (ax->ndots - 1) / (ax->hi - ax->lo);
            double py = vb * (ay->ndots - 1) / (ay->hi - ay->lo);
            size_t i = (size_t)r * (size_t)cv->cols + (size_t)c;
            vx[i] = px;
            vy[i] = py;
            st->dir[i] = FLOW_STILL;
            vmax = fmax(vmax, hypot(px, py));
        }
    }
    for (size_t i = 0; i < (size_t)cv->cols * (size_t)cv->rows; i++) {
        if (st->dir[i] == FLOW_NONE)
            continue;
        double sp = hypot(vx[i], vy[i]);
        if (!(sp > 1e-4 * vmax))
            continue;
        int k = (int)lround(atan2(vy[i], vx[i]) / QUARTER_PI);
        st->dir[i] = (uint8_t)((k % 8 + 8) % 8);
    }
    free(vx);
    free(vy);
    st->run = s->run;
    st->cols = cv->cols;
    st->rows = cv->rows;
    st->mode = cv->mode;
    st->alo = ax->lo;
    st->ahi = ax->hi;
    st->blo = ay->lo;
    st->bhi = ay->hi;
    st->valid = true;
}

static void mark(canvas_t *cv, const axis_t *ax, const axis_t *ay, double a, double b, uint32_t cp, int role)
{
    double x = axis_map(ax, a), y = axis_map(ay, b);
    if (!isfinite(x) || !isfinite(y))
        return;
    int col, row;
    canvas_cell_of(cv, (int)lround(x), (int)lround(y), &col, &row);
    canvas_glyph(cv, col, row, cp, false, role);
}

static void portrait_draw(WINDOW *w, const view_t *v, void *state)
{
    portrait_state_t *st = state;
    const wsnap_t *s = v->s;
    const tsummary_t *th = &s->th;
    const char *title = s->signed_w ? (v->ascii ? "Portrait W_A x W_B" : "Portrait W_A \u00d7 W_B")
                                    : (v->ascii ? "Portrait |W_A| x |W_B|" : "Portrait |W_A| \u00d7 |W_B|");
    bool nonlinear = s->p.activation != ACT_LINEAR || s->p.data == DATA_XOR;
    const char *note = s->flow_ok ? "0 A B * = M0 MA MB M*"
                                  : nonlinear ? "no flow field (nonlinear)" : "no flow field (vectors)";
    draw_box(w, v->ascii, title, note);
    plot_area_t a;
    if (!plot_begin(w, &st->cv, v->ascii, 0, 1, &a))
        return;

    range_t ra, rb;
    range_reset(&ra);
    range_reset(&rb);
    range_add(&ra, 0, false);
    range_add(&rb, 0, false);
    range_add(&ra, th->uni_a, false);
    range_add(&ra, th->star_a, false);
    range_add(&rb, th->uni_b, false);
    range_add(&rb, th->star_b, false);
    plot_range_add(&ra, s, plot_get_wa, false);
    plot_range_add(&rb, s, plot_get_wb, false);
    range_finish(&ra, 0.12, false);
    range_finish(&rb, 0.12, false);
    axis_t ax, ay;
    axis_set(&ax, &ra, false, false, canvas_width(&st->cv));
    axis_set(&ay, &rb, false, true, canvas_height(&st->cv));

    canvas_t *cv = &st->cv;
    if (s->flow_ok) {
        flow_update(st, s, &ax, &ay);
        if (st->valid)
            for (int r = 0; r < cv->rows; r++)
                for (int c = 0; c < cv->cols; c++) {
                    uint8_t d = st->dir[(size_t)r * (size_t)cv->cols + (size_t)c];
                    if (d != FLOW_NONE)
                        canvas_glyph(cv, c, r, v->ascii ? (uint32_t)arrows_ascii[d] : arrows_utf8[d], true,
                                     ROLE_FLOW);
                }
    }
    plot_hline(cv, &ay, 0, 4, ROLE_DIM, NULL);
    plot_vline(cv, &ax, 0, 4, ROLE_DIM, NULL);
    plot_series(cv, &ax, &ay, s, plot_get_wa, plot_get_wb, ROLE_LOSS);
    mark(cv, &ax, &ay, 0, 0, '0', ROLE_MARK);
    mark(cv, &ax, &ay, th->uni_a, 0, 'A', ROLE_MARK);
    mark(cv, &ax, &ay, 0, th->uni_b, 'B', ROLE_MARK);
    mark(cv, &ax, &ay, th->star_a, th->star_b, '*', ROLE_MARK);
    mark(cv, &ax, &ay, s->wa, s->wb, v->ascii ? '@' : 0x25cf, ROLE_CUR);
    draw_canvas(w, a.y, a.x, cv);

    char buf[128], l0[24], l1[24], m0[24], m1[24];
    snprintf(buf, sizeof buf, "x %s..%s y %s..%s", fmt_num(l0, sizeof l0, ax.lo, 2),
             fmt_num(l1, sizeof l1, ax.hi, 2), fmt_num(m0, sizeof m0, ay.lo, 2), fmt_num(m1, sizeof m1, ay.hi, 2));
    draw_text(w, a.y + a.rows, a.x, a.cols, buf, ROLE_DIM);
}

const panel_t panel_portrait = { "portrait", sizeof(portrait_state_t), portrait_draw, portrait_free };
