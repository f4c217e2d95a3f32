/* panel.h - what every panel gets to draw from, and the panel interface: a
 * panel is a const table of {name, private state size, draw, free}; the app
 * owns one window and one state block per panel. */
#ifndef UNIBIAS_TUI_PANEL_H
#define UNIBIAS_TUI_PANEL_H

#include <stdbool.h>
#include <stddef.h>
#include <curses.h>

#include "tui/edit.h"
#include "tui/worker.h"
#include "unibias/params.h"

/* Everything the screen shows, read-only while drawing. */
typedef struct view {
    const wsnap_t *s;        /* the newest snapshot of the run */
    const params_t *p;       /* parameters as edited (may run ahead of s->p) */
    const char *sel_key;     /* selected parameter */
    bool ascii;              /* no braille, no line drawing, no arrows */
    bool logy;               /* loss plot on a log axis */
    bool carry;              /* data edits keep the weights */
    const char *preset;      /* shown in the title, or NULL */
    bool editing;            /* the status line is a text field ... */
    const edit_t *edit;
    const char *prompt;      /* ... after this prompt (NULL: "key = ") */
    const char *ask;         /* a question in the status line (y/n), or NULL */
    const char *hint;        /* replaces the key hints (a modal's keys), or NULL */
    const char *msg;         /* transient note in the status line, or NULL */
    int msg_role;
} view_t;

typedef struct panel {
    const char *name;
    size_t state_size;                                  /* zeroed by the app */
    void (*draw)(WINDOW *w, const view_t *v, void *state);
    void (*free)(void *state);                          /* may be NULL */
} panel_t;

extern const panel_t panel_title, panel_params, panel_theory, panel_loss,
    panel_portrait, panel_weights, panel_status, panel_keys;

/* --- helpers shared by panels ------------------------------------------- */

/* The parameters that apply to p, in table order; returns how many (<= max). */
size_t panel_params_visible(const params_t *p, const param_info_t **out, size_t max);
/* History points of s, oldest first, with the newest unkept point appended. */
size_t panel_hist_len(const wsnap_t *s);
const struct hpoint *panel_hist_at(const wsnap_t *s, size_t i);
/* Colour role of a phase badge. */
int panel_phase_role(int phase);
/* "A", "B" or "-" for MOD_A / MOD_B / anything else. */
const char *panel_mod_name(int mod);
/* Predicted step at which the later modality is learned (nan if unknown):
 * the theory's ratio times the measured (else predicted) first time. */
double panel_predict_t_late(const wsnap_t *s);
/* Predicted step of the first modality (intermediate fusion), else nan. */
double panel_predict_t_first(const wsnap_t *s);

#endif
