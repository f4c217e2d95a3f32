/* edit.c - the value-entry field. */
#include "tui/edit.h"

#include <curses.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

void edit_start(edit_t *e, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n > EDIT_MAX)
        n = EDIT_MAX;
    memcpy(e->buf, text ? text : "", n);
    e->buf[n] = '\0';
    e->len = e->cur = (int)n;
}

static void edit_delete(edit_t *e, int at)
{
    if (at < 0 || at >= e->len)
        return;
    memmove(e->buf + at, e->buf + at + 1, (size_t)(e->len - at));
    e->len--;
}

edit_result_t edit_key(edit_t *e, int ch)
{
    switch (ch) {
    case '\n': case '\r': case KEY_ENTER:
        return EDIT_ACCEPT;
    case 27: case CTRL('g'):
        return EDIT_CANCEL;
    case KEY_BACKSPACE: case 127: case CTRL('h'):
        if (e->cur > 0)
            edit_delete(e, --e->cur);
        return EDIT_CONTINUE;
    case KEY_DC: case CTRL('d'):
        edit_delete(e, e->cur);
        return EDIT_CONTINUE;
    case KEY_LEFT: case CTRL('b'):
        if (e->cur > 0)
            e->cur--;
        return EDIT_CONTINUE;
    case KEY_RIGHT: case CTRL('f'):
        if (e->cur < e->len)
            e->cur++;
        return EDIT_CONTINUE;
    case KEY_HOME: case CTRL('a'):
        e->cur = 0;
        return EDIT_CONTINUE;
    case KEY_END: case CTRL('e'):
        e->cur = e->len;
        return EDIT_CONTINUE;
    case CTRL('u'):
        e->len = e->cur = 0;
        e->buf[0] = '\0';
        return EDIT_CONTINUE;
    default:
        break;
    }
    if (ch >= 0x20 && ch < 0x7f && e->len < EDIT_MAX) {
        memmove(e->buf + e->cur + 1, e->buf + e->cur, (size_t)(e->len - e->cur + 1));
        e->buf[e->cur++] = (char)ch;
        e->len++;
    }
    return EDIT_CONTINUE;
}
