/* worker.c - the training thread and its mailbox.
 *
 * One mutex guards the mailbox and the published snapshot; the train_t is
 * touched only by the thread (and by worker_start before the thread exists).
 * The thread sleeps on a condition variable (CLOCK_MONOTONIC) while paused,
 * finished, or waiting for the next throttled step, so a paused TUI costs no
 * CPU. Snapshots go out at most 30 times a second plus on every state change. */
#define _POSIX_C_SOURCE 200809L
#include "tui/worker.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui/speed.h"
#include "unibias/linalg.h"
#include "unibias/train.h"
#include "unibias/ub.h"

#define PUBLISH_INTERVAL (1.0 / 30)
#define CHUNK_TARGET 0.004      /* seconds per unthrottled chunk */
#define CHUNK_MAX (1L << 20)
#define STEPS_QUEUE_MAX 1000    /* pending single steps */

enum { PAUSE_NONE = -1 };

typedef struct mailbox {
    bool quit;
    bool has_params;
    params_t p;
    bool carry;
    unsigned long params_seq;
    bool restart;
    int pause;      /* PAUSE_NONE or worker_pause_t */
    int steps;
    int speed;      /* -1: unchanged */
    unsigned long seq;
} mailbox_t;

struct worker {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    int wake_fd;
    mailbox_t box;        /* under mu */
    wsnap_t pub;          /* under mu */

    /* everything below belongs to the thread */
    train_t t;
    bool paused;
    int speed;
    unsigned long run;
    unsigned long seq_done;
    unsigned long err_seq;
    char err[256];
    tsummary_t th;
    bool signed_w, flow_ok;
    double pace_t0;       /* throttle origin ... */
    long pace_n;          /* ... and steps taken since */
    long chunk;           /* unthrottled chunk size, adapted to CHUNK_TARGET */
    double last_pub;
    bool pending_pub;
    double rate, rate_t;
    long rate_step;
    long run_steps;
    double run_secs, acct_t;
    bool was_running;
};

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int wsnap_init(wsnap_t *s)
{
    memset(s, 0, sizeof *s);
    return history_init(&s->hist, TRAIN_HISTORY_CAP) == UB_OK ? 0 : -1;
}

void wsnap_free(wsnap_t *s)
{
    history_free(&s->hist);
    memset(s, 0, sizeof *s);
}

void wsnap_copy(wsnap_t *dst, const wsnap_t *src)
{
    history_t keep = dst->hist;
    *dst = *src;
    dst->hist = keep;
    history_copy(&dst->hist, &src->hist);
}

/* --- theory summary ---------------------------------------------------- */

static double block_value(const double *w, int n, bool signed_w)
{
    if (!w || n <= 0)
        return NAN;
    return signed_w ? linalg_view(w, n) : linalg_norm(w, n);
}

/* Reduces the engine's theory to the scalars the panels show; decides whether
 * the portrait is signed and whether the flow field applies. */
static void summarise(worker_t *w)
{
    const train_t *t = &w->t;
    const theory_t *tt = &t->th_train;
    /* the engine reads nonlinear nets and xor out through features (train.c) */
    int fa = t->view_a, fb = t->view_b;
    w->signed_w = fa == 1 && fb == 1;
    /* the flow field is that of a linear net in the plane of its inputs */
    w->flow_ok = t->ds.da == 1 && t->ds.db == 1 && t->p.activation == ACT_LINEAR && t->p.data == DATA_TOY;
    bool sc = tt->da == 1 && tt->db == 1;
    tsummary_t *s = &w->th;
    s->uni_a = block_value(tt->w_uni_a, tt->da, sc);
    s->uni_b = block_value(tt->w_uni_b, tt->db, sc);
    s->star_a = block_value(tt->w_star, tt->da, sc);
    s->star_b = tt->w_star ? block_value(tt->w_star + tt->da, tt->db, sc) : NAN;
    s->loss_m0 = tt->loss_m0;
    s->loss_ma = tt->loss_ma;
    s->loss_mb = tt->loss_mb;
    s->loss_star = tt->loss_star;
    if (t->p.data == DATA_XOR) {
        /* read-out space: the XOR term and x_B; linear fixed points do not apply */
        s->uni_a = s->star_a = t->p.w_a;
        s->uni_b = s->star_b = t->p.w_b;
        s->loss_ma = s->loss_mb = s->loss_star = NAN;
    }
    /* the same predictions as the headless summary */
    prediction_t pr;
    train_prediction(t, &pr);
    s->prioritised = pr.first;
    s->contributes = pr.contributes;
    s->superficial = pr.superficial;
    s->time_ratio = pr.time_ratio;
    s->eta_t_first = pr.eta_t_first;
    s->misattribution = pr.misattribution;
    s->eg_floor = pr.eg_floor;
}

/* --- state helpers (thread only) --------------------------------------- */

static bool finished(const worker_t *w)
{
    return w->t.done || w->t.step >= train_budget(&w->t);
}

static bool running(const worker_t *w)
{
    return !w->paused && !finished(w);
}

static void pace_reset(worker_t *w, double now)
{
    w->pace_t0 = now;
    w->pace_n = 0;
}

/* Charges the time since the last call to the run if it was running. */
static void account(worker_t *w, double now)
{
    if (w->was_running)
        w->run_secs += now - w->acct_t;
    w->acct_t = now;
    bool r = running(w);
    if (r && !w->was_running)
        pace_reset(w, now);
    w->was_running = r;
}

static void run_reset(worker_t *w, double now)
{
    w->run++;
    w->run_steps = 0;
    w->run_secs = 0;
    w->acct_t = now;
    w->rate_t = now;
    w->rate_step = w->t.step;
    pace_reset(w, now);
}

/* Copies the run into the published snapshot; mu held. */
static void publish(worker_t *w, double now)
{
    wsnap_t *s = &w->pub;
    const train_t *t = &w->t;
    bool r = running(w);
    if (!r) {
        w->rate = 0;
        w->rate_t = now;
        w->rate_step = t->step;
    } else if (now - w->rate_t >= 0.5 || t->step < w->rate_step) {
        if (t->step >= w->rate_step)
            w->rate = (double)(t->step - w->rate_step) / (now - w->rate_t);
        w->rate_t = now;
        w->rate_step = t->step;
    }
    s->gen++;
    s->run = w->run;
    s->p = t->p;
    s->signed_w = w->signed_w;
    s->flow_ok = w->flow_ok;
    s->samples = t->samples || t->ds.n > 0;
    s->step = t->step;
    s->loss = t->loss;
    s->wa = t->wa;
    s->wb = t->wb;
    s->eg = t->eg;
    s->phase = (int)t->phase;
    s->done = finished(w);
    s->paused = w->paused;
    s->speed = w->speed;
    s->rate = w->rate;
    s->run_steps = w->run_steps;
    s->run_secs = w->run_secs + (w->was_running ? now - w->acct_t : 0);
    s->th = w->th;
    train_result(t, &s->res);
    history_copy(&s->hist, &t->hist);
    if (w->flow_ok && t->ds.train.sxx && t->ds.train.syx) {
        memcpy(s->m_sxx, t->ds.train.sxx, sizeof s->m_sxx);
        memcpy(s->m_syx, t->ds.train.syx, sizeof s->m_syx);
        s->m_eyy = t->ds.train.eyy;
    }
    s->cmd_seq = w->seq_done;
    s->err_seq = w->err_seq;
    memcpy(s->err, w->err, sizeof s->err);
    w->last_pub = now;
    w->pending_pub = false;
    if (w->wake_fd >= 0) {
        char b = 1;
        /* non-blocking: a full pipe already means "wake up" */
        ssize_t n = write(w->wake_fd, &b, 1);
        (void)n;
    }
}

/* Applies the commands taken from the mailbox (mu not held). */
static void apply(worker_t *w, const mailbox_t *c, double now)
{
    if (c->speed >= 0 && c->speed != w->speed) {
        w->speed = speed_clamp(c->speed);
        pace_reset(w, now);
    }
    if (c->has_params) {
        char err[sizeof w->err];
        long before = w->t.step;
        if (train_set_params(&w->t, &c->p, c->carry, err, sizeof err) != UB_OK) {
            w->err_seq = c->params_seq;
            snprintf(w->err, sizeof w->err, "%s", err);
        } else {
            summarise(w);
            bool restarted = w->t.step == 0 || w->t.step < before;
            long rs = w->run_steps;
            double rsec = w->run_secs;
            run_reset(w, now);
            if (!restarted) {   /* carried on: the run's clock goes on too */
                w->run_steps = rs;
                w->run_secs = rsec;
            }
        }
    }
    if (c->restart) {
        train_restart(&w->t);
        run_reset(w, now);
    }
    switch (c->pause) {
    case WORKER_PAUSE: w->paused = true; break;
    case WORKER_RESUME: w->paused = false; break;
    case WORKER_TOGGLE: w->paused = !w->paused; break;
    default: break;
    }
    for (int i = 0; i < c->steps && !finished(w); i++)
        w->run_steps += train_run(&w->t, 1);
    w->seq_done = c->seq;
    account(w, now);
}

/* Runs what the speed setting allows now; returns the time the next step is
 * due (0: as soon as possible, INFINITY: nothing to do). */
static double run_some(worker_t *w, double now)
{
    double rate = speed_rate(w->speed);
    long n, left = train_budget(&w->t) - w->t.step;   /* never past the budget */
    if (rate == 0) {
        double t0 = now_mono();
        long done = train_run(&w->t, w->chunk < left ? w->chunk : left);
        double dt = now_mono() - t0;
        w->run_steps += done;
        if (dt < CHUNK_TARGET / 2 && w->chunk < CHUNK_MAX)
            w->chunk *= 2;
        else if (dt > CHUNK_TARGET * 2 && w->chunk > 1)
            w->chunk /= 2;
        w->pending_pub = true;
        return 0;
    }
    n = (long)floor((now - w->pace_t0) * rate) - w->pace_n;
    /* more than a quarter second behind (a slow step, a suspended
     * process): start over rather than burst */
    if (n > rate * 0.25 + 1) {
        w->pace_t0 = now - 1.0 / rate;
        w->pace_n = 0;
        n = 1;
    }
    if (n > left)
        n = left;
    if (n > 0) {
        w->run_steps += train_run(&w->t, n);
        w->pace_n += n;
        w->pending_pub = true;
    }
    return w->pace_t0 + (double)(w->pace_n + 1) / rate;
}

/* Any command posted since the last one handled (even one that cancelled
 * itself out, like two toggles: its sequence number still gets published). */
static bool box_pending(const worker_t *w)
{
    return w->box.seq != w->seq_done;
}

static void box_clear(mailbox_t *b)
{
    b->has_params = false;
    b->restart = false;
    b->pause = PAUSE_NONE;
    b->steps = 0;
    b->speed = -1;
}

static void wait_until(worker_t *w, double when)
{
    if (isinf(when)) {
        pthread_cond_wait(&w->cv, &w->mu);
        return;
    }
    struct timespec ts;
    ts.tv_sec = (time_t)floor(when);
    ts.tv_nsec = (long)((when - floor(when)) * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&w->cv, &w->mu, &ts);
}

static void *worker_main(void *arg)
{
    worker_t *w = arg;
    pthread_mutex_lock(&w->mu);
    while (!w->box.quit) {
        double now = now_mono();
        account(w, now);
        if (box_pending(w)) {
            mailbox_t c = w->box;
            box_clear(&w->box);
            pthread_mutex_unlock(&w->mu);
            apply(w, &c, now);
            pthread_mutex_lock(&w->mu);
            publish(w, now_mono());
            continue;
        }
        double next = INFINITY;
        if (running(w)) {
            pthread_mutex_unlock(&w->mu);
            next = run_some(w, now);
            pthread_mutex_lock(&w->mu);
            now = now_mono();
            account(w, now);
            if (finished(w) && w->pending_pub) {
                publish(w, now);   /* the end of a run goes out at once */
                continue;
            }
            if (!running(w))
                next = INFINITY;
        }
        if (w->pending_pub && now - w->last_pub >= PUBLISH_INTERVAL)
            publish(w, now);
        if (next <= now || box_pending(w) || w->box.quit)
            continue;
        if (w->pending_pub && w->last_pub + PUBLISH_INTERVAL < next)
            next = w->last_pub + PUBLISH_INTERVAL;
        wait_until(w, next);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* --- public API ---------------------------------------------------------- */

worker_t *worker_start(const params_t *p, int speed, int wake_fd, char *err, size_t errlen)
{
    worker_t *w = calloc(1, sizeof *w);
    if (!w) {
        ub_fail(err, errlen, UB_ENOMEM, "out of memory");
        return NULL;
    }
    if (wsnap_init(&w->pub) != 0) {
        free(w);
        ub_fail(err, errlen, UB_ENOMEM, "out of memory");
        return NULL;
    }
    if (train_init(&w->t, p, err, errlen) != UB_OK) {
        wsnap_free(&w->pub);
        free(w);
        return NULL;
    }
    w->wake_fd = wake_fd;
    w->speed = speed_clamp(speed);
    w->chunk = 16;
    box_clear(&w->box);
    summarise(w);
    double now = now_mono();
    run_reset(w, now);
    w->was_running = running(w);
    publish(w, now);

    pthread_condattr_t ca;
    bool ok = pthread_mutex_init(&w->mu, NULL) == 0;
    if (ok && pthread_condattr_init(&ca) == 0) {
        pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
        ok = pthread_cond_init(&w->cv, &ca) == 0;
        pthread_condattr_destroy(&ca);
        if (!ok)
            pthread_mutex_destroy(&w->mu);
    } else if (ok) {
        pthread_mutex_destroy(&w->mu);
        ok = false;
    }
    if (ok) {
        /* the thread inherits this mask: it never runs a signal handler */
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        int rc = pthread_create(&w->thread, NULL, worker_main, w);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (rc != 0) {
            pthread_cond_destroy(&w->cv);
            pthread_mutex_destroy(&w->mu);
            ok = false;
        }
    }
    if (!ok) {
        ub_fail(err, errlen, UB_ERUNTIME, "cannot start the training thread");
        train_free(&w->t);
        wsnap_free(&w->pub);
        free(w);
        return NULL;
    }
    return w;
}

void worker_stop(worker_t *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->box.quit = true;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    train_free(&w->t);
    wsnap_free(&w->pub);
    free(w);
}

/* Commands: lock, fill the mailbox, then post_end numbers the command and
 * wakes the thread. */
static void post_begin(worker_t *w)
{
    pthread_mutex_lock(&w->mu);
}

static unsigned long post_end(worker_t *w)
{
    unsigned long seq = ++w->box.seq;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    return seq;
}

unsigned long worker_set_params(worker_t *w, const params_t *p, bool carry)
{
    post_begin(w);
    w->box.has_params = true;
    w->box.p = *p;
    w->box.carry = carry;
    w->box.params_seq = w->box.seq + 1;
    return post_end(w);
}

unsigned long worker_pause(worker_t *w, worker_pause_t how)
{
    post_begin(w);
    int *cur = &w->box.pause;
    if (how != WORKER_TOGGLE)
        *cur = (int)how;
    else if (*cur == PAUSE_NONE)
        *cur = WORKER_TOGGLE;
    else if (*cur == WORKER_TOGGLE)
        *cur = PAUSE_NONE;          /* two toggles cancel */
    else
        *cur = *cur == WORKER_PAUSE ? WORKER_RESUME : WORKER_PAUSE;
    return post_end(w);
}

unsigned long worker_step(worker_t *w)
{
    post_begin(w);
    w->box.pause = WORKER_PAUSE;
    if (w->box.steps < STEPS_QUEUE_MAX)
        w->box.steps++;
    return post_end(w);
}

unsigned long worker_restart(worker_t *w)
{
    post_begin(w);
    w->box.restart = true;
    return post_end(w);
}

unsigned long worker_speed(worker_t *w, int speed)
{
    post_begin(w);
    w->box.speed = speed_clamp(speed);
    return post_end(w);
}

bool worker_snapshot(worker_t *w, wsnap_t *dst)
{
    bool copied = false;
    pthread_mutex_lock(&w->mu);
    if (dst->gen != w->pub.gen) {
        wsnap_copy(dst, &w->pub);
        copied = true;
    }
    pthread_mutex_unlock(&w->mu);
    return copied;
}
