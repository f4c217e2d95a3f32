/* picker.c - the preset picker: list state, keys, and its window. */
#include "tui/picker.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/theme.h"
#include "unibias/preset.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27
#define NAME_COL_MAX 28
#define WIDTH_MAX 160

void picker_set(picker_t *pk, presetpath_entry_t *e, int n, const char *current)
{
    memset(pk, 0, sizeof *pk);
    pk->e = e;
    pk->n = n > 0 ? n : 0;
    for (int i = 0; current && i < pk->n; i++)
        if (strcmp(e[i].name, current) == 0)
            pk->sel = i;
}

int picker_open(picker_t *pk, const char *current)
{
    presetpath_entry_t *e;
    int n = presetpath_scan(&e);
    if (n < 0) {
        memset(pk, 0, sizeof *pk);
        return -1;
    }
    picker_set(pk, e, n, current);
    return n;
}

void picker_close(picker_t *pk)
{
    free(pk->e);
    memset(pk, 0, sizeof *pk);
}

const presetpath_entry_t *picker_selected(const picker_t *pk)
{
    return pk->n > 0 && pk->sel >= 0 && pk->sel < pk->n ? &pk->e[pk->sel] : NULL;
}

void picker_scroll(picker_t *pk, int rows)
{
    if (rows < 1)
        rows = 1;
    if (pk->sel < pk->top)
        pk->top = pk->sel;
    if (pk->sel >= pk->top + rows)
        pk->top = pk->sel - rows + 1;
    if (pk->top > pk->n - rows)
        pk->top = pk->n - rows;   /* no blank rows below the last entry */
    if (pk->top < 0)
        pk->top = 0;
}

pick_result_t picker_key(picker_t *pk, int ch)
{
    int page = pk->rows > 1 ? pk->rows - 1 : 1;
    switch (ch) {
    case KEY_UP: case 'k': pk->sel--; break;
    case KEY_DOWN: case 'j': pk->sel++; break;
    case KEY_PPAGE: case CTRL('b'): pk->sel -= page; break;
    case KEY_NPAGE: case CTRL('f'): pk->sel += page; break;
    case KEY_HOME: case 'g': pk->sel = 0; break;
    case KEY_END: case 'G': pk->sel = pk->n - 1; break;
    case '\n': case '\r': case KEY_ENTER:
        return pk->n > 0 ? PICK_CHOOSE : PICK_CANCEL;
    case KEY_ESC: case 'q': case CTRL('g'):
        return PICK_CANCEL;
    default: break;
    }
    if (pk->sel >= pk->n)
        pk->sel = pk->n - 1;
    if (pk->sel < 0)
        pk->sel = 0;
    picker_scroll(pk, pk->rows > 0 ? pk->rows : 1);
    return PICK_CONTINUE;
}

bool picker_entry_text(const presetpath_entry_t *e, char *buf, size_t len)
{
    if (e->ok) {
        if (e->figure[0])
            snprintf(buf, len, "%s [%s]", e->description, e->figure);
        else
            snprintf(buf, len, "%s", e->description[0] ? e->description : "(no description)");
        return true;
    }
    /* the error starts with the file's path, which the detail line shows */
    const char *msg = e->err;
    size_t pl = strlen(e->path);
    if (pl && strncmp(msg, e->path, pl) == 0 && msg[pl] == ':') {
        msg += pl + 1;
        int line = 0, used = 0;
        if (sscanf(msg, "%d:%n", &line, &used) == 1 && used > 0) {
            snprintf(buf, len, "invalid, line %d:%s", line, msg + used);
            return false;
        }
    }
    snprintf(buf, len, "invalid: %s", msg + (msg[0] == ' ' ? 1 : 0));
    return false;
}

/* The widest name, for the name column. */
static int name_col(const picker_t *pk)
{
    int w = 8;
    for (int i = 0; i < pk->n; i++) {
        int nw = keys_text_width(pk->e[i].shown);
        if (nw > w)
            w = nw;
    }
    return w > NAME_COL_MAX ? NAME_COL_MAX : w;
}

void picker_draw(picker_t *pk, int rows, int cols, bool ascii)
{
    int h = pk->n + 3, w = cols - 4;
    if (h > rows - 3)
        h = rows - 3;   /* title above, status and key lines below stay visible */
    if (h < 4)
        h = rows < 4 ? rows : 4;
    if (w > WIDTH_MAX)
        w = WIDTH_MAX;
    if (w < 20)
        w = cols;
    if (h < 3 || w < 10)
        return;
    int y = 1 + (rows - 3 - h) / 2;
    WINDOW *win = newwin(h, w, y < 0 ? 0 : y, (cols - w) / 2);
    if (!win)
        return;
    werase(win);
    char title[64], buf[1024], text[900];
    snprintf(title, sizeof title, "Presets %d/%d", pk->n ? pk->sel + 1 : 0, pk->n);
    draw_box(win, ascii, title, ascii ? "Enter load  Esc cancel" : "\u23ce load  Esc cancel");
    pk->rows = h - 3;
    picker_scroll(pk, pk->rows);
    int nw = name_col(pk), inner = w - 2;
    if (pk->n == 0)
        draw_text(win, 1, 2, inner - 2, "no presets found (unibias --list-presets shows where it looks)",
                  ROLE_ERR);
    for (int r = 0; r < pk->rows && pk->top + r < pk->n; r++) {
        int i = pk->top + r;
        const presetpath_entry_t *e = &pk->e[i];
        bool sel = i == pk->sel, ok = picker_entry_text(e, text, sizeof text);
        if (sel)
            draw_fill(win, 1 + r, 1, inner, ROLE_SEL);
        int x = 1 + draw_text(win, 1 + r, 1, inner, sel ? ">" : " ", sel ? ROLE_SEL : ROLE_NONE);
        x += 1;
        draw_text(win, 1 + r, x, nw < inner - x ? nw : inner - x, e->shown, sel ? ROLE_SEL : ROLE_INFO);
        x += nw + 2;
        if (x < 1 + inner)
            draw_text(win, 1 + r, x, 1 + inner - x, text, sel ? ROLE_SEL : ok ? ROLE_NONE : ROLE_ERR);
    }
    /* detail line: where the selected preset comes from, or its whole error */
    const presetpath_entry_t *cur = picker_selected(pk);
    if (cur) {
        char path[sizeof cur->path * 4];
        preset_escape(cur->path, path, sizeof path);
        if (cur->ok)
            snprintf(buf, sizeof buf, "%.1000s", path);
        else
            snprintf(buf, sizeof buf, "%.1000s", cur->err);
        draw_text(win, h - 2, 2, inner - 2, buf, cur->ok ? ROLE_DIM : ROLE_ERR);
    }
    wnoutrefresh(win);
    delwin(win);
}
