/* panel_theory.c - the theory's predictions beside the measurements
 * (THEORY.md 5-8): which modality first, which one matters, superficial
 * preference, t_B/t_A, t_A and t_B, mis-attribution, E_g and its floor. */
#include <math.h>
#include <stdio.h>

#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/panel.h"
#include "tui/theme.h"
#include "unibias/theory.h"

typedef struct row_ctx {
    WINDOW *w;
    int y, rows, lw, cw;
} row_ctx_t;

/* label | theory | measured, numbers right-aligned in their columns */
static void row(row_ctx_t *c, const char *label, const char *th, const char *meas)
{
    if (c->y > c->rows)
        return;
    draw_text(c->w, c->y, 1, c->lw, label, ROLE_NONE);
    draw_text_right(c->w, c->y, 1 + c->lw + c->cw, c->cw - 1, th, ROLE_THEORY);
    draw_text_right(c->w, c->y, 1 + c->lw + 2 * c->cw, c->cw - 1, meas, ROLE_NONE);
    c->y++;
}

static void step_text(char *buf, size_t len, double t, bool approx)
{
    if (!isfinite(t))
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%s%.0f", approx ? "~" : "", t);
}

static void theory_draw(WINDOW *w, const view_t *v, void *state)
{
    (void)state;
    const wsnap_t *s = v->s;
    const tsummary_t *th = &s->th;
    int h, wd;
    getmaxyx(w, h, wd);
    int inner = wd - 2;
    row_ctx_t c = { w, 1, h - 2, 0, 0 };
    c.cw = (inner - 12) / 2;
    if (c.cw > 9)
        c.cw = 9;
    c.lw = inner - 2 * c.cw;
    draw_box(w, v->ascii, "Theory vs measured", NULL);

    char a[32], b[32];
    int first = th->prioritised == MOD_B ? MOD_B : MOD_A;
    row(&c, "", "pred.", "meas.");
    /* xor: the linear theory has no prediction ("-"); elsewhere MOD_NONE is a tie */
    bool xor = s->p.data == DATA_XOR;
    const char *none = xor ? "-" : "tie";
    row(&c, "first", th->prioritised == MOD_NONE ? none : panel_mod_name(th->prioritised),
        panel_mod_name(s->res.learned_first));
    row(&c, "contributes", th->contributes == MOD_NONE ? none : panel_mod_name(th->contributes), "");
    row(&c, "superficial", xor ? "-" : th->superficial ? "yes" : "no", "");
    row(&c, first == MOD_A ? "tB/tA" : "tA/tB", fmt_num(a, sizeof a, th->time_ratio, 3),
        fmt_num(b, sizeof b, s->res.time_ratio, 3));
    double pf = panel_predict_t_first(s), pl = panel_predict_t_late(s);
    step_text(a, sizeof a, first == MOD_A ? pf : pl, true);
    row(&c, "t_A", a, fmt_step(b, sizeof b, s->res.t_a));
    step_text(a, sizeof a, first == MOD_B ? pf : pl, true);
    row(&c, "t_B", a, fmt_step(b, sizeof b, s->res.t_b));
    row(&c, "misattrib.", fmt_signed(a, sizeof a, th->misattribution, 2),
        fmt_signed(b, sizeof b, s->res.misattribution, 2));
    if (s->p.n > 0 && s->p.data != DATA_XOR) {   /* THEORY.md 8: finite samples */
        row(&c, "E_g", "", fmt_num(b, sizeof b, s->eg, 3));
        row(&c, "E_g floor", fmt_num(a, sizeof a, th->eg_floor, 3), "");
    }
}

const panel_t panel_theory = { "theory", 0, theory_draw, NULL };
