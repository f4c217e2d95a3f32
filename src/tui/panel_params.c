/* panel_params.c - the parameters that apply to the current data set and
 * architecture, the selected one highlighted; scrolls when short of rows. */
#include <stdio.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/panel.h"
#include "tui/theme.h"

#define MAX_VISIBLE 64

typedef struct params_state {
    int scroll;
} params_state_t;

static void params_draw(WINDOW *w, const view_t *v, void *state)
{
    params_state_t *st = state;
    const param_info_t *vis[MAX_VISIBLE];
    size_t n = panel_params_visible(v->p, vis, MAX_VISIBLE);
    int h, wd;
    getmaxyx(w, h, wd);
    int rows = h - 2, inner = wd - 2;
    int sel = 0;
    for (size_t i = 0; i < n; i++)
        if (v->sel_key && strcmp(vis[i]->key, v->sel_key) == 0)
            sel = (int)i;
    /* keep the selection in view, one line of context when possible */
    if (sel < st->scroll + (sel > 0))
        st->scroll = sel - (sel > 0);
    if (sel > st->scroll + rows - 1 - (sel + 1 < (int)n))
        st->scroll = sel - rows + 1 + (sel + 1 < (int)n);
    if (st->scroll > (int)n - rows)
        st->scroll = (int)n - rows;
    if (st->scroll < 0)
        st->scroll = 0;

    int kw = 0;
    for (size_t i = 0; i < n; i++)
        if ((int)strlen(vis[i]->key) > kw)
            kw = (int)strlen(vis[i]->key);
    if (kw > inner / 2)
        kw = inner / 2;

    char range[64] = "";
    if (n > 0)
        params_range_text(vis[sel], range, sizeof range);
    draw_box(w, v->ascii, v->carry ? "Parameters (carry)" : "Parameters", range);

    for (int r = 0; r < rows && st->scroll + r < (int)n; r++) {
        const param_info_t *pi = vis[st->scroll + r];
        char val[64], line[160];
        params_format(v->p, pi->key, val, sizeof val);
        bool is_sel = st->scroll + r == sel;
        snprintf(line, sizeof line, "%c%-*.*s %s", is_sel ? '>' : ' ', kw, kw, pi->key, val);
        if (is_sel)
            draw_fill(w, 1 + r, 1, inner, ROLE_SEL);
        draw_text(w, 1 + r, 1, inner, line, is_sel ? ROLE_SEL : ROLE_NONE);
    }
    if (st->scroll > 0)
        draw_text(w, 0, wd - 3, 1, v->ascii ? "^" : "\u25b2", ROLE_DIM);
    if (st->scroll + rows < (int)n)
        draw_text(w, h - 1, 1, 1, v->ascii ? "v" : "\u25bc", ROLE_DIM);
}

const panel_t panel_params = { "params", sizeof(params_state_t), params_draw, NULL };
