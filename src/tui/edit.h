/* edit.h - a one-line text field for typing a value. Pure: takes curses key
 * codes, keeps no terminal state. */
#ifndef UNIBIAS_TUI_EDIT_H
#define UNIBIAS_TUI_EDIT_H

#include <stddef.h>

#define EDIT_MAX 95   /* room for a preset name one past its limit of 64 */

typedef enum { EDIT_CONTINUE, EDIT_ACCEPT, EDIT_CANCEL } edit_result_t;

typedef struct edit {
    char buf[EDIT_MAX + 1];
    int len, cur;   /* bytes; only printable ASCII is accepted */
} edit_t;

/* Starts editing with text (truncated to EDIT_MAX), cursor at the end. */
void edit_start(edit_t *e, const char *text);
/* Feeds one key: printable ASCII inserts; Backspace/Delete, Left/Right,
 * Home/End, ^A/^E, ^U (clear) edit; Enter accepts; Esc/^G cancels. */
edit_result_t edit_key(edit_t *e, int ch);

#endif
