/* plot.c - shared plot-panel pieces. */
#include "tui/plot.h"

#include <math.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/theme.h"
#include "unibias/history.h"

bool plot_begin(WINDOW *w, canvas_t *cv, bool ascii, int label_w, int bottom_rows, plot_area_t *a)
{
    int h, wd;
    getmaxyx(w, h, wd);
    a->label_w = label_w;
    a->y = 1;
    a->x = 1 + label_w;
    a->cols = wd - 2 - label_w;
    a->rows = h - 2 - bottom_rows;
    if (a->cols < 4 || a->rows < 2)
        return false;
    return canvas_resize(cv, a->cols, a->rows, ascii ? CANVAS_ASCII : CANVAS_BRAILLE) == 0;
}

double plot_get_loss(const struct hpoint *pt) { return pt->loss; }
double plot_get_wa(const struct hpoint *pt) { return pt->wa; }
double plot_get_wb(const struct hpoint *pt) { return pt->wb; }
double plot_get_step(const struct hpoint *pt) { return (double)pt->step; }

void plot_range_add(range_t *r, const wsnap_t *s, plot_get_t get, bool log)
{
    size_t n = panel_hist_len(s);
    for (size_t i = 0; i < n; i++)
        range_add(r, get(panel_hist_at(s, i)), log);
}

void plot_series(canvas_t *cv, const axis_t *ax, const axis_t *ay, const wsnap_t *s,
                 plot_get_t gx, plot_get_t gy, int role)
{
    size_t n = panel_hist_len(s);
    double px = NAN, py = NAN;
    for (size_t i = 0; i < n; i++) {
        const struct hpoint *pt = panel_hist_at(s, i);
        double x = axis_map(ax, gx(pt)), y = axis_map(ay, gy(pt));
        if (!isfinite(x) || !isfinite(y)) {
            px = py = NAN;   /* a gap, not a line to nowhere */
            continue;
        }
        if (isfinite(px))
            canvas_segment(cv, px, py, x, y, role);
        else
            canvas_segment(cv, x, y, x, y, role);
        px = x;
        py = y;
    }
}

/* Whether label fits at (col, row) without touching another label. */
static bool label_fits(const canvas_t *cv, int col, int row, int len)
{
    if (col < 0 || col + len > cv->cols || row < 0 || row >= cv->rows)
        return false;
    for (int k = -1; k <= len; k++) {
        int c = col + k;
        size_t i = (size_t)row * (size_t)cv->cols + (size_t)c;
        if (c >= 0 && c < cv->cols && cv->glyph[i] && !cv->gweak[i])
            return false;
    }
    return true;
}

/* Writes label in row at the first column (from the left) where it fits
 * without covering another label, so coinciding lines read "uni A* B*". */
static void label_free(canvas_t *cv, int row, const char *label, int role)
{
    int len = (int)strlen(label);
    for (int col = 0; col + len <= cv->cols; col++)
        if (label_fits(cv, col, row, len)) {
            canvas_text(cv, col, row, label, role);
            return;
        }
}

void plot_hline(canvas_t *cv, const axis_t *ay, double v, int gap, int role, const char *label)
{
    double y = axis_map(ay, v);
    if (!isfinite(y) || y < -0.5 || y > canvas_height(cv) - 0.5)
        return;
    int yi = (int)lround(y), col, row;
    canvas_hdots(cv, yi, gap, role);
    if (label) {
        canvas_cell_of(cv, 0, yi, &col, &row);
        label_free(cv, row, label, role);
    }
}

void plot_vline(canvas_t *cv, const axis_t *ax, double v, int gap, int role, const char *label)
{
    double x = axis_map(ax, v);
    if (!isfinite(x) || x < -0.5 || x > canvas_width(cv) - 0.5)
        return;
    int xi = (int)lround(x), col, row;
    canvas_vdots(cv, xi, gap, role);
    if (label) {
        canvas_cell_of(cv, xi, 0, &col, &row);
        int len = (int)strlen(label);
        if (col + len > cv->cols)
            col = cv->cols - len;
        /* the top row, or the first row below it with room */
        for (row = 0; row < cv->rows; row++)
            if (label_fits(cv, col, row, len)) {
                canvas_text(cv, col, row, label, role);
                break;
            }
    }
}

/* v in at most width columns: fewer digits until it fits. */
static void fit_num(char *buf, size_t len, double v, int width)
{
    for (int sig = 3; sig >= 1; sig--) {
        fmt_num(buf, len, v, sig);
        if ((int)strlen(buf) <= width)
            return;
    }
}

void plot_ylabels(WINDOW *w, const plot_area_t *a, const axis_t *ay)
{
    char buf[32];
    if (a->label_w < 2)
        return;
    fit_num(buf, sizeof buf, ay->flip ? ay->hi : ay->lo, a->label_w - 1);
    draw_text_right(w, a->y, a->x - 1, a->label_w - 1, buf, ROLE_DIM);
    fit_num(buf, sizeof buf, ay->flip ? ay->lo : ay->hi, a->label_w - 1);
    draw_text_right(w, a->y + a->rows - 1, a->x - 1, a->label_w - 1, buf, ROLE_DIM);
}
