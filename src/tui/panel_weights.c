/* panel_weights.c - W_A^tot and W_B^tot against steps (the paper's Fig. 3a
 * view) with the first modality's unimodal solution w^uni and the targets w*
 * dotted, t_A and t_B marked. Norms for vector inputs. */
#include <math.h>
#include <stdio.h>

#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/panel.h"
#include "tui/plot.h"
#include "tui/theme.h"
#include "unibias/theory.h"

#define LABEL_W 7

typedef struct weights_state {
    canvas_t cv;
} weights_state_t;

static void weights_free(void *state)
{
    canvas_free(&((weights_state_t *)state)->cv);
}

/* Letter at the newest point of a curve, so A and B differ without colour. */
static void tag_end(canvas_t *cv, const axis_t *ax, const axis_t *ay, double x, double y,
                    const char *tag, int role)
{
    double px = axis_map(ax, x), py = axis_map(ay, y);
    if (!isfinite(px) || !isfinite(py))
        return;
    int col, row;
    canvas_cell_of(cv, (int)lround(px), (int)lround(py), &col, &row);
    if (col >= cv->cols - 1)
        col = cv->cols - 2;
    canvas_text(cv, col + 1, row, tag, role);
}

static void weights_draw(WINDOW *w, const view_t *v, void *state)
{
    weights_state_t *st = state;
    const wsnap_t *s = v->s;
    const tsummary_t *th = &s->th;
    bool xor = s->p.data == DATA_XOR;
    const char *title = xor ? "Read-out: XOR term, x_B" : s->signed_w ? "W_A, W_B over steps"
                                                                       : "|W_A|, |W_B| (norms)";
    draw_box(w, v->ascii, title, xor ? "targets dotted" : "uni = w^uni, A* B* = w*");
    plot_area_t a;
    if (!plot_begin(w, &st->cv, v->ascii, LABEL_W, 1, &a))
        return;

    int first = th->prioritised == MOD_B ? MOD_B : MOD_A;
    double uni = first == MOD_A ? th->uni_a : th->uni_b;
    range_t rx, ry;
    range_reset(&rx);
    range_add(&rx, 0, false);
    range_add(&rx, (double)(s->step > 1 ? s->step : 1), false);
    range_reset(&ry);
    range_add(&ry, 0, false);
    plot_range_add(&ry, s, plot_get_wa, false);
    plot_range_add(&ry, s, plot_get_wb, false);
    range_add(&ry, th->star_a, false);
    range_add(&ry, th->star_b, false);
    if (!xor)
        range_add(&ry, uni, false);
    range_finish(&ry, 0.06, false);
    axis_t ax, ay;
    axis_set(&ax, &rx, false, false, canvas_width(&st->cv));
    axis_set(&ay, &ry, false, true, canvas_height(&st->cv));

    plot_hline(&st->cv, &ay, 0, 6, ROLE_DIM, NULL);
    if (!xor)
        plot_hline(&st->cv, &ay, uni, 2, first == MOD_A ? ROLE_A : ROLE_B, "uni");
    plot_hline(&st->cv, &ay, th->star_a, 3, ROLE_THEORY, "A*");
    plot_hline(&st->cv, &ay, th->star_b, 3, ROLE_THEORY, "B*");
    if (s->res.t_a >= 0)
        plot_vline(&st->cv, &ax, (double)s->res.t_a, 2, ROLE_A, "tA");
    if (s->res.t_b >= 0)
        plot_vline(&st->cv, &ax, (double)s->res.t_b, 2, ROLE_B, "tB");
    plot_series(&st->cv, &ax, &ay, s, plot_get_step, plot_get_wa, ROLE_A);
    plot_series(&st->cv, &ax, &ay, s, plot_get_step, plot_get_wb, ROLE_B);
    tag_end(&st->cv, &ax, &ay, (double)s->step, s->wa, "A", ROLE_A);
    tag_end(&st->cv, &ax, &ay, (double)s->step, s->wb, "B", ROLE_B);
    draw_canvas(w, a.y, a.x, &st->cv);
    plot_ylabels(w, &a, &ay);

    char buf[96], na[32], nb[32];
    snprintf(buf, sizeof buf, "A %s  B %s", fmt_num(na, sizeof na, s->wa, 2), fmt_num(nb, sizeof nb, s->wb, 2));
    draw_text(w, a.y + a.rows, a.x, a.cols, buf, ROLE_DIM);
}

const panel_t panel_weights = { "weights", sizeof(weights_state_t), weights_draw, weights_free };
