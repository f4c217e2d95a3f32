/* worker.h - the training thread. It owns the engine's train_t, runs steps in
 * chunks at the chosen speed, takes commands from a small mailbox and
 * publishes snapshots under a mutex. The UI thread only posts commands and
 * copies snapshots; it never touches the engine run directly. */
#ifndef UNIBIAS_TUI_WORKER_H
#define UNIBIAS_TUI_WORKER_H

#include <stdbool.h>
#include <stddef.h>

#include "unibias/history.h"
#include "unibias/params.h"
#include "unibias/phase.h"

/* Theory numbers the panels need, reduced to scalars: signed for scalar
 * inputs, norms otherwise. Fixed points, loss levels and the predictions of
 * the dynamics are under the training moments (what the network trains on,
 * as in the headless summary); the E_g floor under the population moments.
 * On xor data the linear theory predicts no order, timing or mis-attribution
 * (MOD_NONE, nan). */
typedef struct tsummary {
    double uni_a, uni_b;     /* w_A^uni, w_B^uni */
    double star_a, star_b;   /* blocks of w* */
    double loss_m0, loss_ma, loss_mb, loss_star;
    int prioritised, contributes;   /* MOD_A / MOD_B / MOD_NONE (a tie, or xor) */
    bool superficial;
    double time_ratio;       /* t_late / t_first, nan where silent */
    double eta_t_first;      /* eta t_first (intermediate fusion), else nan */
    double misattribution;
    double eg_floor;
} tsummary_t;

typedef struct wsnap {
    unsigned long gen;       /* bumps on every publish */
    unsigned long run;       /* bumps when a run restarts or its parameters change */
    params_t p;              /* parameters of the run shown */
    bool signed_w;           /* wa/wb are signed scalars (else norms) */
    bool flow_ok;            /* theory_flow applies (scalar toy data, linear net) */
    bool samples;            /* trained on n samples: E_g is meaningful */
    long step;
    double loss, wa, wb, eg;
    int phase;               /* phase_t */
    bool done;               /* converged, diverged or budget reached */
    bool paused;
    int speed;               /* speed setting index */
    double rate;             /* measured steps per second (0 while paused) */
    long run_steps;          /* steps trained since the run started ... */
    double run_secs;         /* ... and wall time spent running them */
    tsummary_t th;
    phase_result_t res;
    history_t hist;
    /* training moments of scalar data, for the flow field */
    double m_sxx[4], m_syx[2], m_eyy;
    unsigned long cmd_seq;   /* commands handled so far */
    unsigned long err_seq;   /* command whose parameters were refused ... */
    char err[256];           /* ... and why */
} wsnap_t;

int wsnap_init(wsnap_t *s);
void wsnap_free(wsnap_t *s);
/* Deep copy (both initialised). */
void wsnap_copy(wsnap_t *dst, const wsnap_t *src);

typedef struct worker worker_t;

/* Builds the run from p (validated by the engine; err says why not) and
 * starts the thread with every signal blocked. wake_fd >= 0 gets one byte
 * written (non-blocking) after each publish so a sleeping UI wakes up. */
worker_t *worker_start(const params_t *p, int speed, int wake_fd, char *err, size_t errlen);
/* Stops and joins the thread, frees everything. NULL is fine. */
void worker_stop(worker_t *w);

/* Commands: each returns its sequence number (see wsnap.cmd_seq). Rapid
 * parameter changes coalesce: only the newest pending one is applied. */
unsigned long worker_set_params(worker_t *w, const params_t *p, bool carry);
typedef enum { WORKER_RESUME, WORKER_PAUSE, WORKER_TOGGLE } worker_pause_t;
unsigned long worker_pause(worker_t *w, worker_pause_t how);
/* One step; pauses first when running. */
unsigned long worker_step(worker_t *w);
unsigned long worker_restart(worker_t *w);
unsigned long worker_speed(worker_t *w, int speed);

/* Copies the newest snapshot into dst when it is newer than dst->gen;
 * returns whether it copied. */
bool worker_snapshot(worker_t *w, wsnap_t *dst);

#endif
