/* panel_status.c - the phase line: a PAUSED badge, the phase badge, and what
 * the phase means right now (which modality, for how long, what the theory
 * expects); or the text being typed; or a question; or a transient message. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/panel.h"
#include "tui/theme.h"
#include "unibias/phase.h"
#include "unibias/theory.h"

static int badge(WINDOW *w, int x, int maxw, const char *text, int role)
{
    char buf[64];
    snprintf(buf, sizeof buf, " %s ", text);
    int n = draw_text(w, 0, x, maxw, buf, role);
    return n + 1;
}

/* One sentence about the current phase. */
static void describe(const wsnap_t *s, char *buf, size_t len)
{
    const tsummary_t *th = &s->th;
    const phase_result_t *r = &s->res;
    char a[32], b[32], c[32];
    const char *ratio = th->prioritised == MOD_B ? "t_A/t_B" : "t_B/t_A";
    int first = th->prioritised == MOD_B ? MOD_B : MOD_A;
    switch (s->phase) {
    case PHASE_PLATEAU:
        if (s->p.data == DATA_XOR)
            snprintf(buf, len, "both modalities silent");
        else if (th->prioritised == MOD_NONE || s->p.fuse == 1)
            snprintf(buf, len, "both modalities silent; theory: learned together");
        else
            snprintf(buf, len, "both modalities silent; theory: %s first", panel_mod_name(first));
        break;
    case PHASE_UNIMODAL_A:
    case PHASE_UNIMODAL_B: {
        bool is_a = s->phase == PHASE_UNIMODAL_A;
        long since = is_a ? r->cross_a : r->cross_b;
        double pl = panel_predict_t_late(s);
        int n = snprintf(buf, len, "%s learned, %s silent for %ld steps", is_a ? "A" : "B", is_a ? "B" : "A",
                         since >= 0 ? s->step - since : 0L);
        if (n > 0 && (size_t)n < len && isfinite(pl)) {
            double more = pl - (double)s->step;
            if (more > 0)
                snprintf(buf + n, len - (size_t)n, " (theory: ~%.0f more)", more);
            else
                snprintf(buf + n, len - (size_t)n, " (theory: %s due at ~%.0f)", is_a ? "B" : "A", pl);
        }
        break;
    }
    case PHASE_MULTIMODAL:
        snprintf(buf, len, "both modalities learned; %s %s (theory %s)", ratio,
                 fmt_num(a, sizeof a, r->time_ratio, 3), fmt_num(b, sizeof b, th->time_ratio, 3));
        break;
    case PHASE_CONVERGED:
        snprintf(buf, len, "loss %s at step %ld; %s %s (theory %s)", fmt_num(a, sizeof a, s->loss, 3), s->step,
                 ratio, fmt_num(b, sizeof b, r->time_ratio, 3), fmt_num(c, sizeof c, th->time_ratio, 3));
        break;
    default:
        snprintf(buf, len, "the loss blew up at step %ld: lower lr or init, then r", s->step);
        break;
    }
}

static void status_draw(WINDOW *w, const view_t *v, void *state)
{
    (void)state;
    const wsnap_t *s = v->s;
    int wd = getmaxx(w);
    int x = 0;
    char buf[512];
    draw_fill(w, 0, 0, wd, ROLE_NONE);
    if (v->ask) {
        draw_text(w, 0, 1, wd - 1, v->ask, ROLE_ERR);
        return;
    }
    if (v->editing) {
        if (v->prompt)
            snprintf(buf, sizeof buf, " %s ", v->prompt);
        else
            snprintf(buf, sizeof buf, " %s = ", v->sel_key ? v->sel_key : "?");
        x += draw_text(w, 0, x, wd - x, buf, ROLE_INFO);
        int field = v->edit->len + 1;
        if (field > wd - x - 1)
            field = wd - x - 1;
        draw_fill(w, 0, x, field, ROLE_SEL);
        draw_text(w, 0, x, field, v->edit->buf, ROLE_SEL);
        /* the cursor: a reversed cell, since curses' own cursor stays hidden */
        if (v->edit->cur < field) {
            char ch[2] = { v->edit->cur < v->edit->len ? v->edit->buf[v->edit->cur] : ' ', '\0' };
            draw_text(w, 0, x + v->edit->cur, 1, ch, ROLE_CUR);
        }
        return;
    }
    if (s->paused)
        x += badge(w, x, wd - x, "PAUSED", ROLE_PAUSED);
    x += badge(w, x, wd - x, phase_label((phase_t)s->phase), panel_phase_role(s->phase));
    if (v->msg) {
        draw_text(w, 0, x, wd - x, v->msg, v->msg_role);
        return;
    }
    describe(s, buf, sizeof buf);
    if (s->done && s->phase != PHASE_CONVERGED && s->phase != PHASE_DIVERGED) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, " (step budget reached)");
    }
    draw_text(w, 0, x, wd - x, buf, ROLE_NONE);
}

const panel_t panel_status = { "status", 0, status_draw, NULL };
