/* keys.h - the one key table: lookup, the "?" help screen and the key hint
 * line are all generated from it. Adding a binding (e.g. p for presets, s for
 * save) is one action value and one table row in keys.c. */
#ifndef UNIBIAS_TUI_KEYS_H
#define UNIBIAS_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    KA_NONE,
    KA_UP,           /* previous parameter */
    KA_DOWN,         /* next parameter */
    KA_FIRST,        /* first parameter */
    KA_LAST,         /* last parameter */
    KA_DEC,          /* value down, fine */
    KA_INC,          /* value up, fine */
    KA_DEC_COARSE,
    KA_INC_COARSE,
    KA_EDIT,         /* type an exact value */
    KA_PAUSE,        /* pause / resume */
    KA_STEP,         /* one step (pauses first) */
    KA_RESTART,      /* restart, same seed */
    KA_RESEED,       /* restart with the next seed */
    KA_FASTER,
    KA_SLOWER,
    KA_LOGY,         /* loss plot: linear / log y */
    KA_CARRY,        /* data edits keep the weights */
    KA_PRESETS,      /* preset picker */
    KA_SAVE,         /* save the parameters as a preset */
    KA_REDRAW,
    KA_HELP,
    KA_QUIT,
    KA_COUNT
} key_action_t;

#define KEYS_PER_BINDING 4

typedef struct key_binding {
    key_action_t action;
    int keys[KEYS_PER_BINDING];  /* curses codes, 0-terminated */
    const char *label;           /* key names for the help screen (UTF-8) */
    const char *label_ascii;     /* the same in ASCII */
    const char *hint;            /* key line: "keys word" (UTF-8), NULL = not shown */
    const char *hint_ascii;
    const char *help;            /* one line for the help screen */
} key_binding_t;

size_t keys_count(void);
const key_binding_t *keys_binding(size_t i);
/* Action bound to a curses key code, KA_NONE if unbound. */
key_action_t keys_lookup(int ch);
/* Help screen line i (0-based) into buf: a title, then one line per binding
 * with aligned columns. Returns false past the last line. */
bool keys_help_line(size_t i, bool ascii, char *buf, size_t len);
size_t keys_help_lines(void);
/* The hint line: as many hints as fit in width columns, in table order,
 * two spaces apart. Returns its width in columns. */
int keys_hint_line(bool ascii, int width, char *buf, size_t len);
/* Display width of a UTF-8 string whose characters are all one column wide. */
int keys_text_width(const char *s);

#endif
