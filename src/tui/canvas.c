/* canvas.c - dot canvas with braille and ASCII cell encodings. */
#include "tui/canvas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Braille dot bits by (x, y) inside a 2x4 cell (Unicode order: the first
 * column is dots 1,2,3,7, the second 4,5,6,8). */
static const uint8_t braille_bit[4][2] = {
    { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 }
};
/* ASCII cells have two dots stacked: top, bottom. */
static const char ascii_cell[4] = { ' ', '\'', '.', ':' };

#define CANVAS_MAX_CELLS (1 << 20)

int canvas_init(canvas_t *c, int cols, int rows, canvas_mode_t mode)
{
    memset(c, 0, sizeof *c);
    if (cols < 1 || rows < 1 || (long)cols * rows > CANVAS_MAX_CELLS)
        return -1;
    size_t n = (size_t)cols * (size_t)rows;
    c->dots = calloc(n, 1);
    c->role = calloc(n, 1);
    c->glyph = calloc(n, sizeof *c->glyph);
    c->grole = calloc(n, 1);
    c->gweak = calloc(n, 1);
    if (!c->dots || !c->role || !c->glyph || !c->grole || !c->gweak) {
        canvas_free(c);
        return -1;
    }
    c->cols = cols;
    c->rows = rows;
    c->mode = mode;
    c->dw = mode == CANVAS_BRAILLE ? 2 : 1;
    c->dh = mode == CANVAS_BRAILLE ? 4 : 2;
    return 0;
}

void canvas_free(canvas_t *c)
{
    free(c->dots);
    free(c->role);
    free(c->glyph);
    free(c->grole);
    free(c->gweak);
    memset(c, 0, sizeof *c);
}

int canvas_resize(canvas_t *c, int cols, int rows, canvas_mode_t mode)
{
    if (c->dots && c->cols == cols && c->rows == rows && c->mode == mode) {
        canvas_clear(c);
        return 0;
    }
    canvas_free(c);
    return canvas_init(c, cols, rows, mode);
}

void canvas_clear(canvas_t *c)
{
    if (!c->dots)
        return;
    size_t n = (size_t)c->cols * (size_t)c->rows;
    memset(c->dots, 0, n);
    memset(c->role, 0, n);
    memset(c->glyph, 0, n * sizeof *c->glyph);
    memset(c->grole, 0, n);
    memset(c->gweak, 0, n);
}

int canvas_width(const canvas_t *c)
{
    return c->cols * c->dw;
}

int canvas_height(const canvas_t *c)
{
    return c->rows * c->dh;
}

void canvas_dot(canvas_t *c, int x, int y, int role)
{
    if (!c->dots || x < 0 || y < 0 || x >= canvas_width(c) || y >= canvas_height(c))
        return;
    size_t i = (size_t)(y / c->dh) * (size_t)c->cols + (size_t)(x / c->dw);
    int dx = x % c->dw, dy = y % c->dh;
    c->dots[i] |= c->mode == CANVAS_BRAILLE ? braille_bit[dy][dx] : (uint8_t)(1u << dy);
    c->role[i] = (uint8_t)role;
}

void canvas_line(canvas_t *c, int x0, int y0, int x1, int y1, int role)
{
    int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
    int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
    int e = dx + dy;
    for (;;) {
        canvas_dot(c, x0, y0, role);
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * e;
        if (e2 >= dy) {
            e += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            e += dx;
            y0 += sy;
        }
    }
}

/* Liang-Barsky: clips the segment to [xmin, xmax] x [ymin, ymax]; false when
 * nothing is left. */
static bool clip(double *x0, double *y0, double *x1, double *y1,
                 double xmin, double ymin, double xmax, double ymax)
{
    double t0 = 0, t1 = 1, dx = *x1 - *x0, dy = *y1 - *y0;
    double p[4] = { -dx, dx, -dy, dy };
    double q[4] = { *x0 - xmin, xmax - *x0, *y0 - ymin, ymax - *y0 };
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        double r = q[i] / p[i];
        if (p[i] < 0) {
            if (r > t1)
                return false;
            if (r > t0)
                t0 = r;
        } else {
            if (r < t0)
                return false;
            if (r < t1)
                t1 = r;
        }
    }
    double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
    *x1 = *x0 + t1 * dx;
    *y1 = *y0 + t1 * dy;
    *x0 = ax;
    *y0 = ay;
    return true;
}

void canvas_segment(canvas_t *c, double x0, double y0, double x1, double y1, int role)
{
    if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
        return;
    if (!clip(&x0, &y0, &x1, &y1, 0, 0, canvas_width(c) - 1, canvas_height(c) - 1))
        return;
    canvas_line(c, (int)lround(x0), (int)lround(y0), (int)lround(x1), (int)lround(y1), role);
}

void canvas_hdots(canvas_t *c, int y, int gap, int role)
{
    if (gap < 1)
        gap = 1;
    for (int x = 0; x < canvas_width(c); x += gap)
        canvas_dot(c, x, y, role);
}

void canvas_vdots(canvas_t *c, int x, int gap, int role)
{
    if (gap < 1)
        gap = 1;
    for (int y = 0; y < canvas_height(c); y += gap)
        canvas_dot(c, x, y, role);
}

void canvas_glyph(canvas_t *c, int col, int row, uint32_t cp, bool weak, int role)
{
    if (!c->dots || col < 0 || row < 0 || col >= c->cols || row >= c->rows)
        return;
    size_t i = (size_t)row * (size_t)c->cols + (size_t)col;
    /* a weak glyph never replaces a strong one */
    if (weak && c->glyph[i] && !c->gweak[i])
        return;
    c->glyph[i] = cp;
    c->grole[i] = (uint8_t)role;
    c->gweak[i] = weak;
}

void canvas_text(canvas_t *c, int col, int row, const char *s, int role)
{
    for (; *s && col < c->cols; s++, col++)
        canvas_glyph(c, col, row, (unsigned char)*s, false, role);
}

void canvas_cell_of(const canvas_t *c, int x, int y, int *col, int *row)
{
    *col = x / c->dw;
    *row = y / c->dh;
}

int canvas_utf8(uint32_t cp, char out[5])
{
    int n;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            return 0;
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else if (cp < 0x110000) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    } else {
        return 0;
    }
    out[n] = '\0';
    return n;
}

bool canvas_cell(const canvas_t *c, int col, int row, char out[8], int *role)
{
    out[0] = ' ';
    out[1] = '\0';
    *role = 0;
    if (!c->dots || col < 0 || row < 0 || col >= c->cols || row >= c->rows)
        return false;
    size_t i = (size_t)row * (size_t)c->cols + (size_t)col;
    uint8_t bits = c->dots[i];
    if (c->glyph[i] && !(c->gweak[i] && bits)) {
        uint32_t cp = c->glyph[i];
        /* in ASCII mode only ASCII leaves the canvas */
        if (c->mode == CANVAS_ASCII && cp >= 0x80)
            cp = '?';
        if (canvas_utf8(cp, out) == 0) {
            out[0] = '?';
            out[1] = '\0';
        }
        *role = c->grole[i];
        return true;
    }
    if (!bits)
        return false;
    *role = c->role[i];
    if (c->mode == CANVAS_BRAILLE)
        canvas_utf8(0x2800u + bits, out);
    else {
        out[0] = ascii_cell[bits & 3];
        out[1] = '\0';
    }
    return true;
}
