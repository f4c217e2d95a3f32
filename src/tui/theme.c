/* theme.c - roles to curses attributes. Only the eight ANSI colours are used,
 * so 8-colour terminals look the same as 256-colour ones. */
#include "tui/theme.h"

typedef struct role_style {
    short fg, bg;       /* -1 = terminal default */
    attr_t color_attr;  /* extra attributes with colour */
    attr_t mono_attr;   /* attributes without colour */
} role_style_t;

static const role_style_t styles[ROLE_COUNT] = {
    [ROLE_NONE] = { -1, -1, A_NORMAL, A_NORMAL },
    [ROLE_A] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
    [ROLE_B] = { COLOR_MAGENTA, -1, A_BOLD, A_NORMAL },
    [ROLE_LOSS] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
    [ROLE_THEORY] = { COLOR_YELLOW, -1, A_NORMAL, A_DIM },
    [ROLE_MARK] = { COLOR_WHITE, -1, A_BOLD, A_BOLD },
    [ROLE_CUR] = { COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE },
    [ROLE_FLOW] = { COLOR_BLUE, -1, A_NORMAL, A_DIM },
    [ROLE_DIM] = { -1, -1, A_DIM, A_DIM },
    [ROLE_TITLE] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
    [ROLE_SEL] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
    [ROLE_ERR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
    [ROLE_INFO] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
    [ROLE_PH_PLATEAU] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
    [ROLE_PH_UNIMODAL] = { COLOR_BLACK, COLOR_MAGENTA, A_NORMAL, A_REVERSE | A_BOLD },
    [ROLE_PH_MULTIMODAL] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
    [ROLE_PH_CONVERGED] = { COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_REVERSE },
    [ROLE_PH_DIVERGED] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
    [ROLE_PAUSED] = { COLOR_BLACK, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD },
};

static bool use_color;

bool theme_init(bool want_color)
{
    use_color = false;
    if (!want_color || !has_colors() || start_color() == ERR || COLOR_PAIRS < ROLE_COUNT)
        return false;
    /* default background where the terminal allows it, black otherwise */
    bool defaults = use_default_colors() == OK;
    for (int r = 1; r < ROLE_COUNT; r++) {
        short fg = styles[r].fg, bg = styles[r].bg;
        if (!defaults) {
            if (fg < 0)
                fg = COLOR_WHITE;
            if (bg < 0)
                bg = COLOR_BLACK;
        }
        init_pair((short)r, fg, bg);
    }
    use_color = true;
    return true;
}

short theme_pair(int role)
{
    if (!use_color || role <= 0 || role >= ROLE_COUNT)
        return 0;
    return (short)role;
}

attr_t theme_attr(int role)
{
    if (role < 0 || role >= ROLE_COUNT)
        role = ROLE_NONE;
    if (!use_color)
        return styles[role].mono_attr;
    return styles[role].color_attr | (attr_t)COLOR_PAIR(role);
}
