/* theme.h - colour roles. Panels and canvases name what a thing is (modality
 * A, a theory level, an error); the theme decides how it looks: 8-colour
 * pairs when the terminal has colours and colour is wanted, attributes only
 * (bold, dim, reverse) with NO_COLOR / --no-color or a monochrome terminal. */
#ifndef UNIBIAS_TUI_THEME_H
#define UNIBIAS_TUI_THEME_H

#include <stdbool.h>
#include <curses.h>

typedef enum {
    ROLE_NONE,
    ROLE_A,          /* modality A */
    ROLE_B,          /* modality B */
    ROLE_LOSS,
    ROLE_THEORY,     /* predicted levels, targets */
    ROLE_MARK,       /* fixed points */
    ROLE_CUR,        /* the current point */
    ROLE_FLOW,       /* flow-field arrows */
    ROLE_DIM,        /* axes, labels */
    ROLE_TITLE,      /* title bar */
    ROLE_SEL,        /* selected parameter */
    ROLE_ERR,        /* refused input */
    ROLE_INFO,       /* status notes */
    ROLE_PH_PLATEAU,
    ROLE_PH_UNIMODAL,
    ROLE_PH_MULTIMODAL,
    ROLE_PH_CONVERGED,
    ROLE_PH_DIVERGED,
    ROLE_PAUSED,
    ROLE_COUNT
} role_t;

/* Call once after the screen is set up; colour is used only when wanted and
 * available. Returns whether colour is in use. */
bool theme_init(bool want_color);
attr_t theme_attr(int role);
/* Colour pair of a role (0 without colour): for wattr_set / setcchar. */
short theme_pair(int role);

#endif
