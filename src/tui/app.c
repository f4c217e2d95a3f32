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
#include "tui/speed.h"
#include "tui/term.h"
#include "tui/theme.h"
#include "tui/worker.h"
#include "unibias/phase.h"
#include "unibias/theory.h"
#include "unibias/ub.h"

#define FRAME_INTERVAL (1.0 / 30)
#define MSG_SECONDS 6.0
#define MAX_PARAMS 64

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
    bool ascii, logy, carry, help, editing, quit;
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
    const char *preset;
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
};
#define NNOTES (sizeof help_notes / sizeof help_notes[0])

static void draw_help(const app_t *a)
{
    size_t n = keys_help_lines() + NNOTES;
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
        if (i < keys_help_lines())
            keys_help_line(i, a->ascii, buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "%s", help_notes[i - keys_help_lines()]);
        draw_text(win, 1 + (int)i, 2, w - 4, buf, i == 0 ? ROLE_INFO : ROLE_NONE);
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
        .carry = a->carry, .preset = a->preset, .editing = a->editing, .edit = &a->edit,
        .msg = a->msg[0] ? a->msg : NULL, .msg_role = a->msg_role,
    };
    for (int i = 0; i < PANEL_COUNT; i++) {
        slot_t *s = &a->slot[i];
        if (!s->win)
            continue;
        werase(s->win);
        s->panel->draw(s->win, &v, s->state);
        wnoutrefresh(s->win);
    }
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
    a->editing = false;
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
        a->editing = true;
        a->msg[0] = '\0';
        break;
    }
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
    if (a->editing) {
        switch (edit_key(&a->edit, ch)) {
        case EDIT_ACCEPT: edit_done(a); break;
        case EDIT_CANCEL: a->editing = false; break;
        default: break;
        }
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
    a->preset = opts->preset;
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
    worker_stop(a->w);
    if (fd[0] >= 0)
        close(fd[0]);
    if (fd[1] >= 0)
        close(fd[1]);
    wsnap_free(&a->snap);
    free(a);
    return rc;
}
