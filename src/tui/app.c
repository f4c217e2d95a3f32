/* app.c - tui_run: the UI thread's loop. It owns curses, the key handling and
 * the edited parameters; the worker owns the run. One frame = every panel
 * drawn into its window, wnoutrefresh each, one doupdate; frames only when
 * something changed and at most 30 a second; otherwise the loop sleeps in
 * term_wait (stdin, the worker's wake pipe, signals), so a paused screen
 * costs nothing. */
#define _POSIX_C_SOURCE 200809L
#include "tui/tui.h"

#include <curses.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/fmt.h"
#include "tui/keys.h"
#include "tui/layout.h"
#include "tui/panel.h"
#include "tui/picker.h"
#include "tui/save.h"
#include "tui/speed.h"
#include "tui/term.h"
#include "tui/theme.h"
#include "tui/worker.h"
#include "unibias/phase.h"
#include "unibias/preset.h"
#include "unibias/theory.h"
#include "unibias/ub.h"

#define FRAME_INTERVAL (1.0 / 30)
#define MSG_SECONDS 6.0
#define MAX_PARAMS 64
#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

/* What the keys go to: the panels, or one of the modal prompts. */
typedef enum { UI_NORMAL, UI_VALUE, UI_SAVE_NAME, UI_SAVE_CONFIRM, UI_PICKER } ui_mode_t;

typedef struct slot {
    const panel_t *panel;
    WINDOW *win;
    void *state;
} slot_t;

typedef struct app {
    worker_t *w;
    wsnap_t snap;
    params_t p;               /* as edited; the run follows via the worker */
    const char *sel_key;
    bool ascii, logy, carry, help, quit;
    ui_mode_t mode;
    edit_t edit;
    int speed;
    char msg[256];
    int msg_role;
    double msg_until;
    unsigned long params_seq; /* newest parameter command sent */
    unsigned long err_seen;   /* newest refusal shown */
    layout_t lay;
    int lay_nparams;
    slot_t slot[PANEL_COUNT];
    char preset[256];          /* the preset the run came from (any bytes) ... */
    char preset_shown[1024];   /* ... escaped for the screen */
    char preset_prev[256];     /* before the last picker load, for a refusal */
    unsigned long preset_seq;  /* the picker load's parameter command */
    picker_t pick;
    char save_name[SAVE_NAME_MAX + 1];
    char save_dir[PRESETPATH_DIR_MAX];
    char save_path[PRESETPATH_DIR_MAX + 96];
    char ask[512];             /* the overwrite question */
    bool dirty;
} app_t;

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void set_msg(app_t *a, int role, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void set_msg(app_t *a, int role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof a->msg, fmt, ap);
    va_end(ap);
    a->msg_role = role;
    a->msg_until = now_mono() + MSG_SECONDS;
    a->dirty = true;
}

/* A message quoting file names or file text, which may hold escape
 * sequences: made visible, never passed to the terminal. */
static void set_msg_esc(app_t *a, int role, const char *prefix, const char *text)
{
    char esc[sizeof a->msg];
    preset_escape(text, esc, sizeof esc);
    set_msg(a, role, "%s%s", prefix, esc);
}

static void set_preset(app_t *a, const char *name)
{
    snprintf(a->preset, sizeof a->preset, "%s", name ? name : "");
    preset_escape(a->preset, a->preset_shown, sizeof a->preset_shown);
}

/* --- layout and windows ---------------------------------------------------- */

static const panel_t *const panel_of[PANEL_COUNT] = {
    [PANEL_TITLE] = &panel_title,     [PANEL_PARAMS] = &panel_params, [PANEL_THEORY] = &panel_theory,
    [PANEL_LOSS] = &panel_loss,       [PANEL_PORTRAIT] = &panel_portrait,
    [PANEL_WEIGHTS] = &panel_weights, [PANEL_STATUS] = &panel_status, [PANEL_KEYS] = &panel_keys,
};

static size_t visible_params(const app_t *a, const param_info_t **vis)
{
    return panel_params_visible(&a->p, vis, MAX_PARAMS);
}

static void relayout(app_t *a)
{
    const param_info_t *vis[MAX_PARAMS];
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    a->lay_nparams = (int)visible_params(a, vis);
    layout_compute(&a->lay, cols, rows, a->lay_nparams);
    for (int i = 0; i < PANEL_COUNT; i++) {
        slot_t *s = &a->slot[i];
        if (s->win)
            delwin(s->win);
        s->win = NULL;
        const rect_t *r = &a->lay.r[i];
        if (!a->lay.too_small && r->w > 0 && r->h > 0)
            s->win = newwin(r->h, r->w, r->y, r->x);
    }
    clearok(curscr, TRUE);
    a->dirty = true;
}

static bool slots_init(app_t *a)
{
    for (int i = 0; i < PANEL_COUNT; i++) {
        a->slot[i].panel = panel_of[i];
        if (panel_of[i]->state_size) {
            a->slot[i].state = calloc(1, panel_of[i]->state_size);
            if (!a->slot[i].state)
                return false;
        }
    }
    return true;
}

static void slots_free(app_t *a)
{
    for (int i = 0; i < PANEL_COUNT; i++) {
        slot_t *s = &a->slot[i];
        if (s->win)
            delwin(s->win);
        if (s->state && s->panel->free)
            s->panel->free(s->state);
        free(s->state);
        memset(s, 0, sizeof *s);
    }
}

/* --- drawing ----------------------------------------------------------------- */

static void draw_too_small(const app_t *a)
{
    char line[96];
    int rows = a->lay.rows, cols = a->lay.cols;
    werase(stdscr);
    const char *l1 = "terminal too small";
    snprintf(line, sizeof line, "%dx%d, need %dx%d", cols, rows, LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
    const char *l3 = "q quits";
    int y = rows / 2 - 1;
    if (y < 0)
        y = 0;
    const char *lines[3] = { l1, line, l3 };
    for (int i = 0; i < 3 && y + i < rows; i++) {
        int len = (int)strlen(lines[i]);
        int x = (cols - len) / 2;
        draw_text(stdscr, y + i, x < 0 ? 0 : x, cols, lines[i], i == 0 ? ROLE_ERR : ROLE_NONE);
    }
    wnoutrefresh(stdscr);
}

static const char *const help_notes[] = {
    "",
    "Parameters: data edits restart the run from the same seed;",
    "with carry on (c) they keep the current weights instead.",
    "Architecture edits (depth, fuse, width, ...) always restart.",
    "Saved presets go to $XDG_CONFIG_HOME/unibias/presets.",
};
#define NNOTES (sizeof help_notes / sizeof help_notes[0])

/* The help box: every binding, with the title and the notes around them
 * when the terminal has the rows (at 24 rows only the bindings fit). */
static void draw_help(const app_t *a)
{
    size_t nb = keys_help_lines(), first = 0, nnotes = NNOTES;
    if ((int)(nb + nnotes) + 2 > a->lay.rows)
        nnotes = 0;
    if ((int)nb + 2 > a->lay.rows)
        first = 2;   /* the box's title says "Help" already */
    size_t n = nb - first + nnotes;
    int h = (int)n + 2, w = 66;
    if (h > a->lay.rows)
        h = a->lay.rows;
    if (w > a->lay.cols)
        w = a->lay.cols;
    WINDOW *win = newwin(h, w, (a->lay.rows - h) / 2, (a->lay.cols - w) / 2);
    if (!win)
        return;
    werase(win);
    draw_box(win, a->ascii, "Help", "any key closes");
    char buf[160];
    for (size_t i = 0; i < n && (int)i < h - 2; i++) {
        size_t l = first + i;
        if (l < nb)
            keys_help_line(l, a->ascii, buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "%s", help_notes[l - nb]);
        draw_text(win, 1 + (int)i, 2, w - 4, buf, l == 0 ? ROLE_INFO : ROLE_NONE);
    }
    wnoutrefresh(win);
    delwin(win);
}

static void frame(app_t *a)
{
    const param_info_t *vis[MAX_PARAMS];
    if ((int)visible_params(a, vis) != a->lay_nparams)
        relayout(a);   /* e.g. activation=leaky brings in slope */
    if (a->lay.too_small) {
        draw_too_small(a);
        doupdate();
        return;
    }
    view_t v = {
        .s = &a->snap, .p = &a->p, .sel_key = a->sel_key, .ascii = a->ascii, .logy = a->logy,
        .carry = a->carry, .preset = a->preset[0] ? a->preset_shown : NULL,
        .editing = a->mode == UI_VALUE || a->mode == UI_SAVE_NAME, .edit = &a->edit,
        .msg = a->msg[0] ? a->msg : NULL, .msg_role = a->msg_role,
    };
    switch (a->mode) {
    case UI_SAVE_NAME:
        v.prompt = "save preset as:";
        v.hint = a->ascii ? "Enter save  Esc cancel  ^U clear  (letters, digits, - _ .)"
                          : "\u23ce save  Esc cancel  ^U clear  (letters, digits, - _ .)";
        break;
    case UI_SAVE_CONFIRM:
        v.ask = a->ask;
        v.hint = "y overwrite  n keep the existing file";
        break;
    case UI_PICKER:
        v.hint = a->ascii ? "Up/Down jk move  Enter load  Esc q cancel"
                          : "\u2191\u2193 jk move  \u23ce load  Esc q cancel";
        break;
    default: break;
    }
    for (int i = 0; i < PANEL_COUNT; i++) {
        slot_t *s = &a->slot[i];
        if (!s->win)
            continue;
        werase(s->win);
        s->panel->draw(s->win, &v, s->state);
        wnoutrefresh(s->win);
    }
    if (a->mode == UI_PICKER)
        picker_draw(&a->pick, a->lay.rows, a->lay.cols, a->ascii);
    if (a->help)
        draw_help(a);
    doupdate();
}

/* --- keys ------------------------------------------------------------------------ */

static int sel_index(const app_t *a, const param_info_t **vis, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a->sel_key && strcmp(vis[i]->key, a->sel_key) == 0)
            return (int)i;
    return 0;
}

static void move_sel(app_t *a, int to_delta, bool absolute)
{
    const param_info_t *vis[MAX_PARAMS];
    size_t n = visible_params(a, vis);
    if (n == 0)
        return;
    int i = absolute ? to_delta : sel_index(a, vis, n) + to_delta;
    if (i < 0)
        i = absolute ? (int)n - 1 : 0;
    if (i >= (int)n)
        i = (int)n - 1;
    a->sel_key = vis[i]->key;
}

/* Validates np as a whole and hands it to the worker; the old values stay
 * (and the message says why) when it does not pass. */
static void change_params(app_t *a, const params_t *np, const param_info_t *pi)
{
    char err[256], val[64];
    if (params_check(np, err, sizeof err) != UB_OK) {
        set_msg(a, ROLE_ERR, "%s", err);
        return;
    }
    bool carry = a->carry && !pi->restart;
    a->p = *np;
    a->params_seq = worker_set_params(a->w, np, carry);
    params_format(np, pi->key, val, sizeof val);
    set_msg(a, ROLE_INFO, "%s = %s: %s", pi->key, val,
            carry ? "continuing from the current weights" : "restarted");
}

static void nudge(app_t *a, int dir, bool coarse)
{
    const param_info_t *pi = a->sel_key ? params_find(a->sel_key) : NULL;
    if (!pi)
        return;
    params_t np = a->p;
    char err[256];
    if (params_nudge(&np, pi->key, dir, coarse, err, sizeof err) != UB_OK) {
        set_msg(a, ROLE_ERR, "%s", err);
        return;
    }
    change_params(a, &np, pi);
}

static void edit_done(app_t *a)
{
    const param_info_t *pi = a->sel_key ? params_find(a->sel_key) : NULL;
    a->mode = UI_NORMAL;
    if (!pi)
        return;
    params_t np = a->p;
    char err[256];
    if (params_set(&np, pi->key, a->edit.buf, err, sizeof err) != UB_OK) {
        set_msg(a, ROLE_ERR, "%s", err);
        return;
    }
    change_params(a, &np, pi);
}

/* --- presets: the picker and saving ---------------------------------------- */

/* The selection stays on a parameter the new parameters show. */
static void keep_sel(app_t *a)
{
    const param_info_t *vis[MAX_PARAMS];
    size_t n = visible_params(a, vis);
    for (size_t i = 0; i < n; i++)
        if (a->sel_key && strcmp(vis[i]->key, a->sel_key) == 0)
            return;
    a->sel_key = n ? vis[0]->key : NULL;
}

static void picker_start(app_t *a)
{
    int n = picker_open(&a->pick, a->preset);
    if (n <= 0) {
        picker_close(&a->pick);
        set_msg(a, ROLE_ERR, n < 0 ? "out of memory" : "no presets found (unibias --list-presets shows where it looks)");
        return;
    }
    a->mode = UI_PICKER;
}

/* Enter in the picker: loads the preset on the defaults (as -p does) and
 * restarts the run with it; an invalid file keeps the picker open and says
 * why in the status line. */
static void picker_load(app_t *a)
{
    const presetpath_entry_t *e = picker_selected(&a->pick);
    if (!e)
        return;
    if (!e->ok) {   /* e->err is escaped already */
        set_msg(a, ROLE_ERR, "cannot load %s: %s", e->shown, e->err);
        return;
    }
    params_t np;
    preset_meta_t m = { "", "" };
    char err[512];
    params_default(&np);
    if (preset_load(&np, e->path, &m, err, sizeof err) != UB_OK) {   /* changed since the scan */
        set_msg_esc(a, ROLE_ERR, "cannot load: ", err);
        return;
    }
    snprintf(a->preset_prev, sizeof a->preset_prev, "%s", a->preset);
    a->p = np;
    a->params_seq = a->preset_seq = worker_set_params(a->w, &np, false);
    set_preset(a, e->name);
    set_msg(a, ROLE_INFO, "preset %s: %s", a->preset_shown, m.description);
    keep_sel(a);
    picker_close(&a->pick);
    a->mode = UI_NORMAL;
}

static void save_commit(app_t *a, bool overwrite)
{
    char desc[256], err[512];
    save_description(desc, sizeof desc, &a->p, a->preset[0] ? a->preset : NULL, time(NULL));
    switch (save_write(a->save_dir, a->save_path, &a->p, desc, overwrite, err, sizeof err)) {
    case SAVE_OK:
        set_preset(a, a->save_name);
        set_msg_esc(a, ROLE_INFO, "saved ", a->save_path);
        break;
    case SAVE_EXISTS: {
        char dir[512];
        preset_escape(a->save_dir, dir, sizeof dir);
        snprintf(a->ask, sizeof a->ask, "%s.preset exists in %.400s: overwrite it? (y/n)", a->save_name, dir);
        a->mode = UI_SAVE_CONFIRM;
        break;
    }
    default: set_msg_esc(a, ROLE_ERR, "", err); break;
    }
}

/* Enter in the name field. */
static void save_named(app_t *a)
{
    char err[512];
    a->mode = UI_NORMAL;
    if (!save_name_check(a->edit.buf, a->save_name, sizeof a->save_name, err, sizeof err) ||
        !save_path(a->save_name, a->save_dir, sizeof a->save_dir, a->save_path, sizeof a->save_path, err,
                   sizeof err)) {
        set_msg_esc(a, ROLE_ERR, "not saved: ", err);
        return;
    }
    save_commit(a, false);
}

/* The overwrite question takes y or n (Esc, q: no); other keys are ignored. */
static void confirm_key(app_t *a, int ch)
{
    if (ch == 'y' || ch == 'Y') {
        a->mode = UI_NORMAL;
        save_commit(a, true);
    } else if (ch == 'n' || ch == 'N' || ch == KEY_ESC || ch == 'q' || ch == CTRL('g')) {
        a->mode = UI_NORMAL;
        set_msg(a, ROLE_INFO, "not saved: kept the existing %s.preset", a->save_name);
    }
}

static void modal_key(app_t *a, int ch)
{
    switch (a->mode) {
    case UI_VALUE:
    case UI_SAVE_NAME:
        switch (edit_key(&a->edit, ch)) {
        case EDIT_ACCEPT:
            if (a->mode == UI_VALUE)
                edit_done(a);
            else
                save_named(a);
            break;
        case EDIT_CANCEL: a->mode = UI_NORMAL; break;
        default: break;
        }
        break;
    case UI_SAVE_CONFIRM: confirm_key(a, ch); break;
    case UI_PICKER:
        switch (picker_key(&a->pick, ch)) {
        case PICK_CHOOSE: picker_load(a); break;
        case PICK_CANCEL:
            picker_close(&a->pick);
            a->mode = UI_NORMAL;
            break;
        default: break;
        }
        break;
    default: break;
    }
}

static void modal_cancel(app_t *a)
{
    if (a->mode == UI_PICKER)
        picker_close(&a->pick);
    a->mode = UI_NORMAL;
}

static void on_action(app_t *a, key_action_t act)
{
    switch (act) {
    case KA_UP: move_sel(a, -1, false); break;
    case KA_DOWN: move_sel(a, 1, false); break;
    case KA_FIRST: move_sel(a, 0, true); break;
    case KA_LAST: move_sel(a, -1, true); break;
    case KA_DEC: nudge(a, -1, false); break;
    case KA_INC: nudge(a, 1, false); break;
    case KA_DEC_COARSE: nudge(a, -1, true); break;
    case KA_INC_COARSE: nudge(a, 1, true); break;
    case KA_EDIT: {
        char val[64] = "";
        if (a->sel_key)
            params_format(&a->p, a->sel_key, val, sizeof val);
        edit_start(&a->edit, val);
        a->mode = UI_VALUE;
        a->msg[0] = '\0';
        break;
    }
    case KA_PRESETS: picker_start(a); break;
    case KA_SAVE:
        edit_start(&a->edit, "");
        a->mode = UI_SAVE_NAME;
        a->msg[0] = '\0';
        break;
    case KA_PAUSE: worker_pause(a->w, WORKER_TOGGLE); break;
    case KA_STEP: worker_step(a->w); break;
    case KA_RESTART:
        worker_restart(a->w);
        set_msg(a, ROLE_INFO, "restarted (seed %llu)", (unsigned long long)a->p.seed);
        break;
    case KA_RESEED: {
        params_t np = a->p;
        np.seed++;
        change_params(a, &np, params_find("seed"));
        break;
    }
    case KA_FASTER:
    case KA_SLOWER: {
        char buf[32];
        a->speed = speed_clamp(a->speed + (act == KA_FASTER ? 1 : -1));
        worker_speed(a->w, a->speed);
        set_msg(a, ROLE_INFO, "speed %s", speed_name(buf, sizeof buf, a->speed));
        break;
    }
    case KA_LOGY: a->logy = !a->logy; break;
    case KA_CARRY:
        a->carry = !a->carry;
        set_msg(a, ROLE_INFO, a->carry ? "carry on: data edits keep the current weights"
                                       : "carry off: data edits restart the run");
        break;
    case KA_REDRAW: clearok(curscr, TRUE); break;
    case KA_HELP: a->help = true; break;
    case KA_QUIT: a->quit = true; break;
    default: return;
    }
    a->dirty = true;
}

static void on_key(app_t *a, int ch)
{
    if (ch == KEY_RESIZE) {
        relayout(a);
        return;
    }
    a->dirty = true;
    if (a->help) {          /* any key closes the help */
        a->help = false;
        return;
    }
    if (a->lay.too_small)
        modal_cancel(a);   /* the small screen's "q quits" holds in every mode */
    if (a->mode != UI_NORMAL) {
        modal_key(a, ch);
        return;
    }
    key_action_t act = keys_lookup(ch);
    if (act == KA_NONE)
        return;
    if (act != KA_LOGY && act != KA_HELP && act != KA_REDRAW)
        a->msg[0] = '\0';   /* a new action replaces the last note */
    if (a->lay.too_small && act != KA_QUIT && act != KA_REDRAW && act != KA_PAUSE)
        return;
    on_action(a, act);
}

/* A refused parameter change comes back from the worker: say why and show
 * the parameters the run really has. */
static void check_refusal(app_t *a)
{
    if (a->snap.err_seq <= a->err_seen)
        return;
    a->err_seen = a->snap.err_seq;
    set_msg(a, ROLE_ERR, "%s", a->snap.err);
    if (a->snap.err_seq == a->preset_seq)   /* the picker's load was refused */
        set_preset(a, a->preset_prev);
    if (a->snap.cmd_seq >= a->params_seq)
        a->p = a->snap.p;
}

/* --- run ---------------------------------------------------------------------- */

static void print_summary(const wsnap_t *s, FILE *out)
{
    char loss[32], ratio[32], rth[32];
    const char *lbl = s->th.prioritised == MOD_B ? "t_A/t_B" : "t_B/t_A";
    double sps = s->run_secs > 0 ? (double)s->run_steps / s->run_secs : NAN;
    fprintf(out, "unibias: %s L=%d Lf=%d seed %llu: step %ld, loss %s, %s, t_A %ld, t_B %ld, %s %s (theory %s), "
                 "learned first %s, %.0f steps/s\n",
            params_fusion_name(&s->p), s->p.depth, s->p.fuse, (unsigned long long)s->p.seed, s->step,
            fmt_num(loss, sizeof loss, s->loss, 4), phase_label((phase_t)s->phase), s->res.t_a, s->res.t_b, lbl,
            fmt_num(ratio, sizeof ratio, s->res.time_ratio, 3), fmt_num(rth, sizeof rth, s->th.time_ratio, 3),
            panel_mod_name(s->res.learned_first), isfinite(sps) ? sps : 0.0);
    fflush(out);
}

static bool locale_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static bool env_no_color(void)
{
    const char *e = getenv("NO_COLOR");
    return e && *e;
}

static int make_pipe(int fd[2])
{
    if (pipe(fd) != 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fd[i], F_SETFL, fcntl(fd[i], F_GETFL) | O_NONBLOCK);
        fcntl(fd[i], F_SETFD, FD_CLOEXEC);
    }
    return 0;
}

/* Readable stdin that yields no key this many times in a row means the
 * terminal is gone (EOF without SIGHUP): stop instead of spinning. */
#define DEAD_INPUT_LIMIT 200

static int loop(app_t *a, int wake_fd)
{
    double last_frame = -1;
    int empty_reads = 0, woke = 0;
    for (;;) {
        int sig = term_take_quit();
        if (sig)
            return 128 + sig;
        if (term_take_suspend()) {
            term_suspend();
            relayout(a);
        }
        if (term_take_resize()) {
            term_resize();
            relayout(a);
        }
        int ch, keys = 0;
        while (!a->quit && (ch = getch()) != ERR) {
            on_key(a, ch);
            keys++;
        }
        if (a->quit)
            return 0;
        empty_reads = (woke & TERM_INPUT) && keys == 0 ? empty_reads + 1 : 0;
        if (empty_reads >= DEAD_INPUT_LIMIT)
            return 1;
        if (worker_snapshot(a->w, &a->snap)) {
            a->dirty = true;
            check_refusal(a);
        }
        double now = now_mono();
        if (a->msg[0] && now >= a->msg_until) {
            a->msg[0] = '\0';
            a->dirty = true;
        }
        if (a->dirty && now - last_frame >= FRAME_INTERVAL) {
            frame(a);
            last_frame = now;
            a->dirty = false;
        }
        /* sleep until input, a new snapshot, a signal, the next frame slot
         * (when a change is waiting) or a message's expiry */
        double until = INFINITY;
        if (a->dirty)
            until = last_frame + FRAME_INTERVAL;
        if (a->msg[0] && a->msg_until < until)
            until = a->msg_until;
        int timeout = -1;
        if (isfinite(until)) {
            double ms = (until - now_mono()) * 1000;
            timeout = ms <= 0 ? 0 : (int)ceil(ms);
        }
        woke = term_wait(wake_fd, timeout);
    }
}

int tui_run(const params_t *p, const tui_opts_t *opts)
{
    char err[512];
    /* the locale decides braille; numbers stay in C notation everywhere */
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");

    app_t *a = calloc(1, sizeof *a);
    if (!a || wsnap_init(&a->snap) != 0) {
        fprintf(stderr, "unibias: out of memory\n");
        free(a);
        return 1;
    }
    a->p = *p;
    a->ascii = opts->ascii || !locale_is_utf8();
    set_preset(a, opts->preset);
    a->speed = speed_default();
    const param_info_t *vis[MAX_PARAMS];
    if (visible_params(a, vis) > 0)
        a->sel_key = vis[0]->key;

    int fd[2] = { -1, -1 };
    int rc = 1;
    if (make_pipe(fd) != 0) {
        fprintf(stderr, "unibias: cannot create a pipe\n");
        goto out;
    }
    a->w = worker_start(p, a->speed, fd[1], err, sizeof err);
    if (!a->w) {
        fprintf(stderr, "unibias: %s\n", err);
        rc = 2;
        goto out;
    }
    if (!slots_init(a)) {
        fprintf(stderr, "unibias: out of memory\n");
        goto out;
    }
    term_signals_install();
    if (!term_open(err, sizeof err)) {
        term_signals_restore();
        fprintf(stderr, "unibias: %s\n", err);
        goto out;
    }
    theme_init(!opts->no_color && !env_no_color());
    worker_snapshot(a->w, &a->snap);
    relayout(a);
    rc = loop(a, fd[0]);
    slots_free(a);
    term_close();
    term_signals_restore();
    worker_snapshot(a->w, &a->snap);
    print_summary(&a->snap, stdout);
out:
    slots_free(a);
    picker_close(&a->pick);
    worker_stop(a->w);
    if (fd[0] >= 0)
        close(fd[0]);
    if (fd[1] >= 0)
        close(fd[1]);
    wsnap_free(&a->snap);
    free(a);
    return rc;
}
