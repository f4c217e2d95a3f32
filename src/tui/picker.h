/* picker.h - the preset picker (the p key): a modal list of every preset on
 * the search path, from the same scan as --list-presets. The list logic
 * (selection, scrolling, keys) is pure and unit-tested; picker_draw is the
 * only curses part. */
#ifndef UNIBIAS_TUI_PICKER_H
#define UNIBIAS_TUI_PICKER_H

#include <stdbool.h>

#include "cli/presetpath.h"

typedef struct picker {
    presetpath_entry_t *e;   /* owned (free()d by picker_close) */
    int n;
    int sel;                 /* selected entry */
    int top;                 /* first entry shown */
    int rows;                /* list rows at the last draw (page size) */
} picker_t;

typedef enum { PICK_CONTINUE, PICK_CHOOSE, PICK_CANCEL } pick_result_t;

/* Takes ownership of n entries and selects the one named current (or the
 * first). */
void picker_set(picker_t *pk, presetpath_entry_t *e, int n, const char *current);
/* Scans the search path into pk; returns the entry count or -1 when out
 * of memory. */
int picker_open(picker_t *pk, const char *current);
void picker_close(picker_t *pk);
/* Feeds one key: Up/Down and k/j move, PgUp/PgDn and ^B/^F a page,
 * Home/End and g/G to the ends, Enter chooses, Esc/q cancel. */
pick_result_t picker_key(picker_t *pk, int ch);
/* The selected entry, NULL when the list is empty. */
const presetpath_entry_t *picker_selected(const picker_t *pk);
/* Scrolls so that the selection is among rows visible lines. */
void picker_scroll(picker_t *pk, int rows);
/* The list text of an entry in buf: its description (with the figure), or
 * "invalid: ..." with the error (the file's path dropped). Returns whether
 * the entry is loadable. */
bool picker_entry_text(const presetpath_entry_t *e, char *buf, size_t len);

/* Draws the picker centred on a rows x cols screen, keeping the top line and
 * the bottom two (title, status and key lines) visible. UI thread only. */
void picker_draw(picker_t *pk, int rows, int cols, bool ascii);

#endif
