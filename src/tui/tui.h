/* tui.h - the curses front end: opens the live view on validated parameters. */
#ifndef UNIBIAS_TUI_H
#define UNIBIAS_TUI_H

#include <stdbool.h>
#include "unibias/params.h"

typedef struct tui_opts {
    bool ascii;          /* --ascii: no braille/box drawing (also automatic without UTF-8) */
    bool no_color;       /* --no-color or NO_COLOR set */
    const char *preset;  /* name shown in the title bar, or NULL */
} tui_opts_t;

/* Runs the TUI until the user quits or a signal ends it; restores the
 * terminal on every way out and prints one summary line to stdout.
 * Returns the process exit status (0 on a normal quit, 1 on failure, e.g.
 * no terminal, with a message on stderr). */
int tui_run(const params_t *p, const tui_opts_t *opts);

#endif
