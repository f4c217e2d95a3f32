/* canvas.h - a dot canvas for terminal plots: braille cells (2x4 dots) or an
 * ASCII fallback (1x2 dots: ' ' '\'' '.' ':'), plus a glyph layer for markers,
 * labels and flow arrows. Pure: no curses; the caller turns cells into text
 * with canvas_cell and colours them by role. */
#ifndef UNIBIAS_TUI_CANVAS_H
#define UNIBIAS_TUI_CANVAS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum { CANVAS_BRAILLE, CANVAS_ASCII } canvas_mode_t;

typedef struct canvas {
    int cols, rows;     /* cells */
    int dw, dh;         /* dots per cell */
    canvas_mode_t mode;
    uint8_t *dots;      /* per cell: bit mask of set dots */
    uint8_t *role;      /* per cell: role of the last dot drawn */
    uint32_t *glyph;    /* per cell: code point drawn over the dots, 0 = none */
    uint8_t *grole;     /* per cell: role of the glyph */
    uint8_t *gweak;     /* per cell: weak glyphs only show in cells without dots */
} canvas_t;

/* Allocates a cols x rows canvas (both >= 1); returns 0, or -1 when out of
 * memory or the size is unreasonable. */
int canvas_init(canvas_t *c, int cols, int rows, canvas_mode_t mode);
void canvas_free(canvas_t *c);
/* Reallocates only when the size or mode changed; always clears. */
int canvas_resize(canvas_t *c, int cols, int rows, canvas_mode_t mode);
void canvas_clear(canvas_t *c);

int canvas_width(const canvas_t *c);   /* in dots */
int canvas_height(const canvas_t *c);  /* in dots */

/* Dot (x, y), y = 0 at the top; outside the canvas is ignored. */
void canvas_dot(canvas_t *c, int x, int y, int role);
/* Straight line between two dots (Bresenham), clipped. */
void canvas_line(canvas_t *c, int x0, int y0, int x1, int y1, int role);
/* Line between two points in dot coordinates (doubles), clipped to the
 * canvas first so far-away points cost nothing. */
void canvas_segment(canvas_t *c, double x0, double y0, double x1, double y1, int role);
/* Dotted horizontal / vertical lines: one dot every `gap` dots. */
void canvas_hdots(canvas_t *c, int y, int gap, int role);
void canvas_vdots(canvas_t *c, int x, int gap, int role);

/* Glyph at a cell (code point); weak glyphs yield to dots. */
void canvas_glyph(canvas_t *c, int col, int row, uint32_t cp, bool weak, int role);
/* ASCII text starting at a cell, clipped at the right edge. */
void canvas_text(canvas_t *c, int col, int row, const char *s, int role);
/* Cell holding the dot (x, y). */
void canvas_cell_of(const canvas_t *c, int x, int y, int *col, int *row);

/* The text of a cell as UTF-8 (at most 4 bytes + NUL) and its role; returns
 * false for an empty cell (out gets " "). */
bool canvas_cell(const canvas_t *c, int col, int row, char out[8], int *role);

/* UTF-8 encoding of a code point; returns the byte count (0 if invalid). */
int canvas_utf8(uint32_t cp, char out[5]);

#endif
