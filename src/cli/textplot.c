/* textplot.c - printing a canvas with axes as plain text. */
#include "cli/textplot.h"

#include <math.h>
#include <string.h>

#include "tui/fmt.h"

int textplot_init(textplot_t *tp, int cols, int rows, bool ascii, const range_t *rx, bool logx, const range_t *ry,
                  bool logy)
{
    memset(tp, 0, sizeof *tp);
    if (canvas_init(&tp->cv, cols, rows, ascii ? CANVAS_ASCII : CANVAS_BRAILLE) != 0)
        return -1;
    tp->ascii = ascii;
    axis_set(&tp->ax, rx, logx, false, canvas_width(&tp->cv));
    axis_set(&tp->ay, ry, logy, true, canvas_height(&tp->cv));
    return 0;
}

void textplot_free(textplot_t *tp)
{
    canvas_free(&tp->cv);
}

double textplot_x(const textplot_t *tp, double x) { return axis_map(&tp->ax, x); }
double textplot_y(const textplot_t *tp, double y) { return axis_map(&tp->ay, y); }

void textplot_line(textplot_t *tp, double x0, double y0, double x1, double y1)
{
    double a = textplot_x(tp, x0), b = textplot_y(tp, y0), c = textplot_x(tp, x1), d = textplot_y(tp, y1);
    if (isnan(a) || isnan(b) || isnan(c) || isnan(d))
        return;
    canvas_segment(&tp->cv, a, b, c, d, 1);
}

void textplot_mark(textplot_t *tp, double x, double y, uint32_t glyph)
{
    double dx = textplot_x(tp, x), dy = textplot_y(tp, y);
    if (isnan(dx) || isnan(dy) || dx < 0 || dy < 0 || dx >= canvas_width(&tp->cv) || dy >= canvas_height(&tp->cv))
        return;
    int col, row;
    canvas_cell_of(&tp->cv, (int)lround(dx), (int)lround(dy), &col, &row);
    canvas_glyph(&tp->cv, col, row, glyph, false, 2);
}

/* The value at the middle of a row of cells. */
static double row_value(const textplot_t *tp, int row)
{
    double dot = row * tp->cv.dh + (tp->cv.dh - 1) * 0.5;
    return axis_value(&tp->ay, dot);
}

void textplot_print(FILE *out, const textplot_t *tp, const char *xname)
{
    const canvas_t *c = &tp->cv;
    const char *vbar = tp->ascii ? "|" : "\u2502", *tick = tp->ascii ? "+" : "\u2524";
    const char *hbar = tp->ascii ? "-" : "\u2500", *corner = tp->ascii ? "+" : "\u2514";
    int mid = c->rows / 2;
    for (int row = 0; row < c->rows; row++) {
        char lab[32] = "";
        bool labelled = row == 0 || row == mid || row == c->rows - 1;
        if (labelled)
            fmt_num(lab, sizeof lab, row_value(tp, row), 3);
        fprintf(out, "%*s%s", TEXTPLOT_LABEL_W - 1, lab, labelled ? tick : vbar);
        for (int col = 0; col < c->cols; col++) {
            char cell[8];
            int role;
            canvas_cell(c, col, row, cell, &role);
            fputs(cell, out);
        }
        fputc('\n', out);
    }
    fprintf(out, "%*s%s", TEXTPLOT_LABEL_W - 1, "", corner);
    for (int col = 0; col < c->cols; col++)
        fputs(hbar, out);
    fputc('\n', out);
    char lo[32], hi[32];
    fmt_num(lo, sizeof lo, axis_value(&tp->ax, 0), 3);
    fmt_num(hi, sizeof hi, axis_value(&tp->ax, canvas_width(c) - 1), 3);
    int width = c->cols + 1, nl = (int)strlen(lo), nh = (int)strlen(hi), nx = (int)strlen(xname);
    int gap = width - nl - nh;
    int before = (gap - nx) / 2;
    if (before < 1)
        before = 1;
    int after = gap - nx - before;
    if (after < 1)
        after = 1;
    fprintf(out, "%*s%s%*s%s%*s%s%s\n", TEXTPLOT_LABEL_W - 1, "", lo, before, "", xname, after, "", hi,
            tp->ax.log ? "  (log)" : "");
}
