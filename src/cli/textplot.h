/* textplot.h - a plot printed as text (not curses): the TUI's braille canvas
 * (tui/canvas.h) and axes (tui/axis.h) with a frame, y labels on the left and
 * x labels below, written to a FILE. Used by the sweep plots. */
#ifndef UNIBIAS_CLI_TEXTPLOT_H
#define UNIBIAS_CLI_TEXTPLOT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "tui/axis.h"
#include "tui/canvas.h"

#define TEXTPLOT_LABEL_W 9 /* y label columns */

typedef struct textplot {
    canvas_t cv;
    axis_t ax, ay;
    bool ascii;
} textplot_t;

/* A cols x rows canvas over the given (finished) ranges; -1 without memory. */
int textplot_init(textplot_t *tp, int cols, int rows, bool ascii, const range_t *rx, bool logx, const range_t *ry,
                  bool logy);
void textplot_free(textplot_t *tp);
/* Dot coordinates of a data point (nan when it cannot be shown). */
double textplot_x(const textplot_t *tp, double x);
double textplot_y(const textplot_t *tp, double y);
/* A line between two data points, clipped to the canvas. */
void textplot_line(textplot_t *tp, double x0, double y0, double x1, double y1);
/* A glyph in the cell holding a data point (strong: it hides the dots there). */
void textplot_mark(textplot_t *tp, double x, double y, uint32_t glyph);
/* Prints the canvas with its frame and labels: xname centred under the axis,
 * the axis ends' values at the corners. */
void textplot_print(FILE *out, const textplot_t *tp, const char *xname);

#endif
