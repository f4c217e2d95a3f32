/* panel_keys.c - the key hint line, generated from the key table. */
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/panel.h"
#include "tui/theme.h"

static void keys_draw(WINDOW *w, const view_t *v, void *state)
{
    (void)state;
    char buf[512];
    int wd = getmaxx(w);
    if (v->hint) {
        draw_text(w, 0, 1, wd - 2, v->hint, ROLE_DIM);
        return;
    }
    if (v->editing) {
        draw_text(w, 0, 1, wd - 2, v->ascii ? "Enter apply  Esc cancel  Left/Right move  ^U clear"
                                             : "\u23ce apply  Esc cancel  \u2190\u2192 move  ^U clear",
                  ROLE_DIM);
        return;
    }
    keys_hint_line(v->ascii, wd - 2, buf, sizeof buf);
    draw_text(w, 0, 1, wd - 2, buf, ROLE_DIM);
}

const panel_t panel_keys = { "keys", 0, keys_draw, NULL };
