/* draw.h - small curses helpers shared by the panels: boxes with titles,
 * clipped text, canvases. UI thread only. */
#ifndef UNIBIAS_TUI_DRAW_H
#define UNIBIAS_TUI_DRAW_H

#include <stdbool.h>
#include <curses.h>

#include "tui/canvas.h"

/* Border (line drawing, or + - | with ascii) with a title in the top edge
 * and an optional note in the bottom edge. */
void draw_box(WINDOW *w, bool ascii, const char *title, const char *note);
/* Text at (y, x) clipped to maxw columns (UTF-8, one column per character);
 * returns the columns written. */
int draw_text(WINDOW *w, int y, int x, int maxw, const char *s, int role);
/* Right-aligned text ending before column xend. */
void draw_text_right(WINDOW *w, int y, int xend, int maxw, const char *s, int role);
/* Fills cols columns with spaces in a role (bars, badges). */
void draw_fill(WINDOW *w, int y, int x, int cols, int role);
/* Paints a canvas with its top-left cell at (y, x). */
void draw_canvas(WINDOW *w, int y, int x, const canvas_t *c);
/* Byte length of the longest prefix of s that fits in cols columns. */
int draw_prefix_bytes(const char *s, int cols);

#endif
