/* keys.c - key bindings (one table) and the texts generated from it. */
#include "tui/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

/* Order = order on the help screen and priority on the hint line. */
static const key_binding_t bindings[] = {
    { KA_UP, { KEY_UP, 'k' }, "\u2191 k", "Up k",
      "\u2191\u2193 select", "jk select", "select the previous parameter" },
    { KA_DOWN, { KEY_DOWN, 'j' }, "\u2193 j", "Down j", NULL, NULL, "select the next parameter" },
    { KA_DEC, { KEY_LEFT, 'h' }, "\u2190 h", "Left h",
      "\u2190\u2192 adjust", "hl adjust", "decrease the value (fine step)" },
    { KA_INC, { KEY_RIGHT, 'l' }, "\u2192 l", "Right l", NULL, NULL, "increase the value (fine step)" },
    { KA_DEC_COARSE, { KEY_SLEFT, 'H' }, "S-\u2190 H", "S-Left H", NULL, NULL, "decrease the value (coarse step)" },
    { KA_INC_COARSE, { KEY_SRIGHT, 'L' }, "S-\u2192 L", "S-Right L", NULL, NULL, "increase the value (coarse step)" },
    { KA_EDIT, { '\n', '\r', KEY_ENTER }, "\u23ce", "Enter",
      "\u23ce type", "Enter type", "type an exact value (Esc cancels)" },
    { KA_PAUSE, { ' ' }, "space", "space", "space pause", "space pause", "pause / resume training" },
    { KA_STEP, { 'n' }, "n", "n", "n step", "n step", "one step (pauses first)" },
    { KA_RESTART, { 'r' }, "r", "r", "r restart", "r restart", "restart from step 0, same seed" },
    { KA_RESEED, { 'R' }, "R", "R", NULL, NULL, "restart with a new seed (seed + 1)" },
    { KA_PRESETS, { 'p' }, "p", "p", "p presets", "p presets", "pick a preset from the search path (Enter loads)" },
    { KA_SAVE, { 's' }, "s", "s", "s save", "s save", "save the parameters as a preset (asks a name)" },
    { KA_SLOWER, { '-', '_' }, "-", "-", "+- speed", "+- speed", "slower (down to 1 step/s)" },
    { KA_FASTER, { '+', '=' }, "+", "+", NULL, NULL, "faster (up to unthrottled)" },
    { KA_LOGY, { 'y' }, "y", "y", "y log", "y log", "loss plot: linear / log y axis" },
    { KA_CARRY, { 'c' }, "c", "c", "c carry", "c carry",
      "data edits keep the weights (carry) / restart" },
    { KA_FIRST, { KEY_HOME, 'g' }, "Home g", "Home g", NULL, NULL, "select the first parameter" },
    { KA_LAST, { KEY_END, 'G' }, "End G", "End G", NULL, NULL, "select the last parameter" },
    { KA_REDRAW, { CTRL('l') }, "^L", "^L", NULL, NULL, "redraw the screen" },
    { KA_HELP, { '?' }, "?", "?", "? help", "? help", "this help (any key closes it)" },
    { KA_QUIT, { 'q', KEY_ESC }, "q Esc", "q Esc", "q quit", "q quit", "quit (prints a summary line)" },
};

#define NBIND (sizeof bindings / sizeof bindings[0])
/* Help line layout: title line, blank, one per binding. */
#define HELP_HEAD 2

size_t keys_count(void)
{
    return NBIND;
}

const key_binding_t *keys_binding(size_t i)
{
    return i < NBIND ? &bindings[i] : NULL;
}

key_action_t keys_lookup(int ch)
{
    if (ch == 0)
        return KA_NONE;
    for (size_t i = 0; i < NBIND; i++)
        for (int k = 0; k < KEYS_PER_BINDING && bindings[i].keys[k]; k++)
            if (bindings[i].keys[k] == ch)
                return bindings[i].action;
    return KA_NONE;
}

int keys_text_width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

size_t keys_help_lines(void)
{
    return HELP_HEAD + NBIND;
}

bool keys_help_line(size_t i, bool ascii, char *buf, size_t len)
{
    if (len == 0)
        return false;
    buf[0] = '\0';
    if (i == 0) {
        snprintf(buf, len, "Keys");
        return true;
    }
    if (i == 1)
        return true;
    if (i >= keys_help_lines())
        return false;
    const key_binding_t *b = &bindings[i - HELP_HEAD];
    const char *label = ascii ? b->label_ascii : b->label;
    int pad = 12 - keys_text_width(label);
    snprintf(buf, len, "  %s%*s%s", label, pad > 1 ? pad : 1, "", b->help);
    return true;
}

/* Hint priority: quit and help always, then table order; shown in table order. */
static int hint_rank(const key_binding_t *b, size_t i)
{
    if (b->action == KA_QUIT)
        return -2;
    if (b->action == KA_HELP)
        return -1;
    return (int)i;
}

int keys_hint_line(bool ascii, int width, char *buf, size_t len)
{
    bool take[NBIND] = { false };
    int w = 0;
    if (len == 0)
        return 0;
    buf[0] = '\0';
    /* choose by rank: quit, help, then the rest while they fit */
    for (int rank = -2; rank < (int)NBIND; rank++) {
        for (size_t i = 0; i < NBIND; i++) {
            const char *h = ascii ? bindings[i].hint_ascii : bindings[i].hint;
            if (!h || hint_rank(&bindings[i], i) != rank)
                continue;
            int hw = keys_text_width(h) + (w ? 2 : 0);
            if (w + hw <= width) {
                take[i] = true;
                w += hw;
            }
        }
    }
    size_t used = 0;
    bool first = true;
    for (size_t i = 0; i < NBIND; i++) {
        if (!take[i])
            continue;
        const char *h = ascii ? bindings[i].hint_ascii : bindings[i].hint;
        int n = snprintf(buf + used, len - used, "%s%s", first ? "" : "  ", h);
        if (n < 0 || (size_t)n >= len - used) {
            buf[used] = '\0';
            break;
        }
        used += (size_t)n;
        first = false;
    }
    return keys_text_width(buf);
}
