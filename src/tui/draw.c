/* draw.c - curses helpers. */
#include "tui/draw.h"

#include <string.h>

#include "tui/keys.h"
#include "tui/theme.h"

int draw_prefix_bytes(const char *s, int cols)
{
    int b = 0, c = 0;
    while (s[b]) {
        if (((unsigned char)s[b] & 0xC0) != 0x80) {
            if (c == cols)
                break;
            c++;
        }
        b++;
    }
    return b;
}

int draw_text(WINDOW *w, int y, int x, int maxw, const char *s, int role)
{
    if (maxw <= 0 || !s)
        return 0;
    int n = draw_prefix_bytes(s, maxw);
    wattrset(w, theme_attr(role));
    mvwaddnstr(w, y, x, s, n);
    wattrset(w, A_NORMAL);
    int cols = keys_text_width(s);
    return cols < maxw ? cols : maxw;
}

void draw_text_right(WINDOW *w, int y, int xend, int maxw, const char *s, int role)
{
    int cols = keys_text_width(s);
    if (cols > maxw)
        cols = maxw;
    draw_text(w, y, xend - cols, cols, s, role);
}

void draw_fill(WINDOW *w, int y, int x, int cols, int role)
{
    wattrset(w, theme_attr(role));
    for (int i = 0; i < cols; i++)
        mvwaddch(w, y, x + i, ' ');
    wattrset(w, A_NORMAL);
}

void draw_box(WINDOW *w, bool ascii, const char *title, const char *note)
{
    int h, wd;
    getmaxyx(w, h, wd);
    wattrset(w, theme_attr(ROLE_DIM));
    if (ascii)
        wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
    else
        box(w, 0, 0);
    wattrset(w, A_NORMAL);
    if (title && wd > 4) {
        mvwaddch(w, 0, 1, ' ');
        int n = draw_text(w, 0, 2, wd - 4, title, ROLE_NONE);
        mvwaddch(w, 0, 2 + n, ' ');
    }
    if (note && *note && wd > 6 && h > 1) {
        int cols = keys_text_width(note);
        if (cols > wd - 4)
            cols = wd - 4;
        int x = wd - 2 - cols;
        mvwaddch(w, h - 1, x - 1, ' ');
        draw_text(w, h - 1, x, cols, note, ROLE_DIM);
        if (x + cols < wd - 1)
            mvwaddch(w, h - 1, x + cols, ' ');
    }
}

void draw_canvas(WINDOW *w, int y, int x, const canvas_t *c)
{
    char cell[8];
    int role;
    for (int r = 0; r < c->rows; r++) {
        for (int col = 0; col < c->cols; col++) {
            if (!canvas_cell(c, col, r, cell, &role))
                continue;   /* the window was erased: blanks are already there */
            wattrset(w, theme_attr(role));
            mvwaddstr(w, y + r, x + col, cell);
        }
    }
    wattrset(w, A_NORMAL);
}
