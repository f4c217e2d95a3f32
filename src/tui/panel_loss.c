/* panel_loss.c - loss over steps (linear or log y) with the theory's loss
 * levels L(M_0), L(M_A), L(M_B), L* dotted, and t_A, t_B marked (measured:
 * A/B coloured; predicted: "~"). */
#include <math.h>
#include <stdio.h>

#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/panel.h"
#include "tui/plot.h"
#include "tui/theme.h"

#define LABEL_W 8

typedef struct loss_state {
    canvas_t cv;
} loss_state_t;

static void loss_free(void *state)
{
    canvas_free(&((loss_state_t *)state)->cv);
}

static void loss_draw(WINDOW *w, const view_t *v, void *state)
{
    loss_state_t *st = state;
    const wsnap_t *s = v->s;
    const tsummary_t *th = &s->th;
    bool log = v->logy;
    draw_box(w, v->ascii, log ? "Loss (log y)" : "Loss",
             v->ascii ? "dotted: L at M0 MA MB M*" : "dotted: \u2112 at M0 MA MB M*");
    plot_area_t a;
    if (!plot_begin(w, &st->cv, v->ascii, LABEL_W, 1, &a))
        return;

    range_t rx, ry;
    range_reset(&rx);
    range_add(&rx, 0, false);
    range_add(&rx, (double)(s->step > 1 ? s->step : 1), false);
    /* room for the predicted time of the later modality: the user sees where
     * the theory expects it before it happens */
    double pl = panel_predict_t_late(s), pf = panel_predict_t_first(s);
    if (isfinite(pl) && pl < 4.0 * (double)s->step + 100)
        range_add(&rx, pl * 1.05, false);
    else if (isfinite(pf) && pf < 4.0 * (double)s->step + 100)
        range_add(&rx, pf * 1.05, false);
    range_reset(&ry);
    plot_range_add(&ry, s, plot_get_loss, log);
    double levels[4] = { th->loss_m0, th->loss_ma, th->loss_mb, th->loss_star };
    static const char *const names[4] = { "M0", "MA", "MB", "M*" };
    for (int i = 0; i < 4; i++)
        range_add(&ry, levels[i], log);
    if (!log)
        range_add(&ry, 0, false);
    range_finish(&ry, 0.04, log);
    if (!log && ry.lo < 0)
        ry.lo = 0;   /* a loss is never negative: no padding below 0 */
    axis_t ax, ay;
    axis_set(&ax, &rx, false, false, canvas_width(&st->cv));
    axis_set(&ay, &ry, log, true, canvas_height(&st->cv));

    for (int i = 0; i < 4; i++)
        plot_hline(&st->cv, &ay, levels[i], 3, ROLE_THEORY, names[i]);
    int first = th->prioritised == MOD_B ? 1 : 0;
    if (isfinite(pf))   /* intermediate fusion predicts the first time too */
        plot_vline(&st->cv, &ax, pf, 4, ROLE_THEORY, first ? "~tB" : "~tA");
    if (isfinite(pl))
        plot_vline(&st->cv, &ax, pl, 4, ROLE_THEORY, first ? "~tA" : "~tB");
    if (s->res.t_a >= 0)
        plot_vline(&st->cv, &ax, (double)s->res.t_a, 2, ROLE_A, "tA");
    if (s->res.t_b >= 0)
        plot_vline(&st->cv, &ax, (double)s->res.t_b, 2, ROLE_B, "tB");
    plot_series(&st->cv, &ax, &ay, s, plot_get_step, plot_get_loss, ROLE_LOSS);
    draw_canvas(w, a.y, a.x, &st->cv);
    plot_ylabels(w, &a, &ay);

    char buf[64], num[32];
    int yb = a.y + a.rows;
    snprintf(buf, sizeof buf, "step %ld", s->step);
    draw_text_right(w, yb, a.x + a.cols, a.cols - 2, buf, ROLE_DIM);
    snprintf(buf, sizeof buf, "loss %s", fmt_num(num, sizeof num, s->loss, 4));
    draw_text(w, yb, a.x, a.cols / 2, buf, ROLE_LOSS);
}

const panel_t panel_loss = { "loss", sizeof(loss_state_t), loss_draw, loss_free };
