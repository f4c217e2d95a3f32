/* layout.h - which panel gets which rectangle for a terminal size. Pure: no
 * curses, so it is unit-tested without a terminal. */
#ifndef UNIBIAS_TUI_LAYOUT_H
#define UNIBIAS_TUI_LAYOUT_H

#include <stdbool.h>

/* Below this the screen says "terminal too small" (and still obeys q). */
#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_ROWS 18
/* Rows the theory panel wants, borders included. */
#define LAYOUT_THEORY_ROWS 12

typedef struct rect {
    int x, y, w, h;
} rect_t;

typedef enum {
    PANEL_TITLE,     /* top bar */
    PANEL_PARAMS,    /* left column, top */
    PANEL_THEORY,    /* left column, bottom */
    PANEL_LOSS,      /* right, top */
    PANEL_PORTRAIT,  /* right, bottom left */
    PANEL_WEIGHTS,   /* right, bottom right */
    PANEL_STATUS,    /* phase line */
    PANEL_KEYS,      /* key hints */
    PANEL_COUNT
} panel_id_t;

typedef struct layout {
    int cols, rows;
    bool too_small;
    rect_t r[PANEL_COUNT];
} layout_t;

/* Fills l for a cols x rows terminal; nparams is how many parameter lines the
 * parameter panel would like (it scrolls when it gets fewer). Panels tile the
 * screen without overlap; when too small every rectangle is empty. */
void layout_compute(layout_t *l, int cols, int rows, int nparams);

/* Whether (x, y) lies inside r. */
bool rect_contains(const rect_t *r, int x, int y);

#endif
