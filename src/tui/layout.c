/* layout.c - the screen split: title, left column (parameters over theory),
 * right area (loss over portrait | weights), status and key lines. */
#include "tui/layout.h"

#include <string.h>

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static rect_t mkrect(int x, int y, int w, int h)
{
    rect_t r = { x, y, w, h };
    return r;
}

void layout_compute(layout_t *l, int cols, int rows, int nparams)
{
    memset(l, 0, sizeof *l);
    l->cols = cols;
    l->rows = rows;
    if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS) {
        l->too_small = true;
        return;
    }
    int body_y = 1, body_h = rows - 3;
    /* The left column is wide enough for "key value" lines and the theory
     * table; the plots get everything else. */
    int lw = clampi(cols * 3 / 10, 26, 34);
    /* Parameters get what they need, the theory panel its preferred height;
     * any surplus goes to the theory panel, any shortage makes params scroll. */
    int params_min = 5;
    int want = (nparams > 0 ? nparams : 1) + 2;
    int params_h = clampi(want, params_min, body_h - LAYOUT_THEORY_ROWS);
    if (params_h < params_min)
        params_h = params_min;
    int theory_h = body_h - params_h;

    int rx = lw, rw = cols - lw;
    int loss_h = clampi(body_h * 2 / 5, 6, body_h - 6);
    int bottom_h = body_h - loss_h;
    int port_w = rw / 2;

    l->r[PANEL_TITLE] = mkrect(0, 0, cols, 1);
    l->r[PANEL_PARAMS] = mkrect(0, body_y, lw, params_h);
    l->r[PANEL_THEORY] = mkrect(0, body_y + params_h, lw, theory_h);
    l->r[PANEL_LOSS] = mkrect(rx, body_y, rw, loss_h);
    l->r[PANEL_PORTRAIT] = mkrect(rx, body_y + loss_h, port_w, bottom_h);
    l->r[PANEL_WEIGHTS] = mkrect(rx + port_w, body_y + loss_h, rw - port_w, bottom_h);
    l->r[PANEL_STATUS] = mkrect(0, rows - 2, cols, 1);
    l->r[PANEL_KEYS] = mkrect(0, rows - 1, cols, 1);
}

bool rect_contains(const rect_t *r, int x, int y)
{
    return x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}
