/* plot.h - the pieces the three plot panels share: an area inside a box
 * with room for y labels, series from the history, reference lines. */
#ifndef UNIBIAS_TUI_PLOT_H
#define UNIBIAS_TUI_PLOT_H

#include <stdbool.h>
#include <curses.h>

#include "tui/axis.h"
#include "tui/canvas.h"
#include "tui/panel.h"

typedef struct plot_area {
    int y, x;          /* window position of the canvas's top-left cell */
    int cols, rows;    /* canvas size in cells */
    int label_w;       /* y-label columns left of the canvas */
} plot_area_t;

/* Lays the canvas out inside w's border, leaving label_w columns on the left
 * and bottom_rows rows below; sizes (and clears) cv. False when there is no
 * room or no memory — the panel then shows its box only. */
bool plot_begin(WINDOW *w, canvas_t *cv, bool ascii, int label_w, int bottom_rows, plot_area_t *a);

typedef double (*plot_get_t)(const struct hpoint *pt);
double plot_get_loss(const struct hpoint *pt);
double plot_get_wa(const struct hpoint *pt);
double plot_get_wb(const struct hpoint *pt);
double plot_get_step(const struct hpoint *pt);

/* Adds every history value of get to r. */
void plot_range_add(range_t *r, const wsnap_t *s, plot_get_t get, bool log);
/* Connects the history points (x = gx, y = gy) with lines. */
void plot_series(canvas_t *cv, const axis_t *ax, const axis_t *ay, const wsnap_t *s,
                 plot_get_t gx, plot_get_t gy, int role);
/* Dotted horizontal line at value v, labelled from the left edge (next to
 * any label already in that row). */
void plot_hline(canvas_t *cv, const axis_t *ay, double v, int gap, int role, const char *label);
/* Dotted vertical line at value v, labelled in the top row (or the first
 * row below with room). */
void plot_vline(canvas_t *cv, const axis_t *ax, double v, int gap, int role, const char *label);
/* The y axis's top and bottom values in the label columns. */
void plot_ylabels(WINDOW *w, const plot_area_t *a, const axis_t *ay);

#endif
