/* sweep.c - the run table and the thread pool that fills it. Each run is a
 * plain runner_run (the engine keeps OpenBLAS on one thread per run), so
 * threads share nothing but the table and a counter. */
#define _GNU_SOURCE /* sched_getaffinity: honour the CPUs Slurm or taskset give us */
#include "cli/sweep.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/sweepcsv.h"
#include "unibias/ub.h"

int sweep_table_init(sweep_table_t *t, const params_t *base, const char *const *specs, int nspecs, int repeat,
                     const shard_t *shard, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->base = *base;
    t->shard = shard ? *shard : (shard_t){1, 1};
    int rc = grid_init(&t->grid, specs, nspecs, repeat, err, errlen);
    if (rc)
        return rc;
    params_t p;
    for (long pt = 0; pt < t->grid.npoints; pt++)
        if ((rc = grid_params(&t->grid, base, pt, &p, err, errlen)) != UB_OK) {
            sweep_table_free(t);
            return rc;
        }
    long n = shard_count(&t->shard, t->grid.nruns);
    t->row = calloc(n ? (size_t)n : 1, sizeof *t->row);
    if (!t->row) {
        sweep_table_free(t);
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory for %ld sweep rows", n);
    }
    t->nrows = n;
    for (long i = 0; i < n; i++) {
        t->row[i].run = t->shard.k - 1 + i * t->shard.n;
        params_t rp;
        sweep_run_params(t, t->row[i].run, &rp, NULL, 0);
        t->row[i].seed = rp.seed;
    }
    return UB_OK;
}

void sweep_table_free(sweep_table_t *t)
{
    grid_free(&t->grid);
    free(t->row);
    memset(t, 0, sizeof *t);
}

int sweep_run_params(const sweep_table_t *t, long run, params_t *out, char *err, size_t errlen)
{
    long point = run / t->grid.repeat;
    int rc = grid_params(&t->grid, &t->base, point, out, err, errlen);
    if (rc)
        return rc;
    char label[512];
    grid_label(&t->grid, point, label, sizeof label);
    out->seed = grid_seed(out->seed, label, (int)(run % t->grid.repeat));
    return UB_OK;
}

int sweep_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

typedef struct pool {
    sweep_table_t *t;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    long next;             /* next row to start */
    long done;             /* rows finished */
    unsigned char *ready;  /* per row: finished */
    int active;            /* workers still running */
    int failed;            /* first error code, 0 = none */
    char err[1024];
} pool_t;

static void *worker(void *arg)
{
    pool_t *pl = arg;
    for (;;) {
        pthread_mutex_lock(&pl->mu);
        long i = pl->failed ? pl->t->nrows : pl->next++;
        pthread_mutex_unlock(&pl->mu);
        if (i >= pl->t->nrows)
            break;
        sweep_row_t *r = &pl->t->row[i];
        params_t p;
        run_summary_t s;
        char msg[512];
        int rc = sweep_run_params(pl->t, r->run, &p, msg, sizeof msg);
        if (rc == UB_OK)
            rc = runner_run(&p, NULL, 1, &s, msg, sizeof msg);
        pthread_mutex_lock(&pl->mu);
        if (rc == UB_OK) {
            r->s = s;
            pl->ready[i] = 1;
            pl->done++;
        } else if (!pl->failed) {
            char label[256];
            grid_label(&pl->t->grid, r->run / pl->t->grid.repeat, label, sizeof label);
            pl->failed = rc;
            snprintf(pl->err, sizeof pl->err, "run %ld (%.200s%srepeat %ld): %.500s", r->run, label, *label ? ", " : "",
                     r->run % pl->t->grid.repeat, msg);
        }
        pthread_cond_signal(&pl->cv);
        pthread_mutex_unlock(&pl->mu);
    }
    pthread_mutex_lock(&pl->mu);
    pl->active--;
    pthread_cond_signal(&pl->cv);
    pthread_mutex_unlock(&pl->mu);
    return NULL;
}

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void show_progress(long done, long total, double elapsed)
{
    char eta[32] = "?";
    if (done > 0) {
        double left = elapsed / (double)done * (double)(total - done);
        if (left < 100)
            snprintf(eta, sizeof eta, "%.1f s", left);
        else
            snprintf(eta, sizeof eta, "%ld:%02ld", (long)left / 60, (long)left % 60);
    }
    fprintf(stderr, "\r\033[Ksweep: %ld/%ld runs (%.0f%%)  %.1f s  ETA %s", done, total,
            total ? 100.0 * (double)done / (double)total : 100.0, elapsed, eta);
    fflush(stderr);
}

int sweep_exec(sweep_table_t *t, int jobs, bool progress, FILE *csv, char *err, size_t errlen)
{
    if (jobs <= 0)
        jobs = sweep_cores();
    if (jobs > t->nrows)
        jobs = t->nrows > 0 ? (int)t->nrows : 1;
    pool_t pl;
    memset(&pl, 0, sizeof pl);
    pl.t = t;
    pl.ready = calloc(t->nrows ? (size_t)t->nrows : 1, 1);
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    if (!pl.ready || !th) {
        free(pl.ready);
        free(th);
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory for the sweep");
    }
    pthread_mutex_init(&pl.mu, NULL);
    pthread_cond_init(&pl.cv, NULL);
    if (csv)
        sweepcsv_head(csv, t);
    double t0 = now_sec();
    int started = 0;
    for (int i = 0; i < jobs; i++) {
        pthread_mutex_lock(&pl.mu);
        pl.active++;
        pthread_mutex_unlock(&pl.mu);
        if (pthread_create(&th[i], NULL, worker, &pl) != 0) {
            pthread_mutex_lock(&pl.mu);
            pl.active--;
            pthread_mutex_unlock(&pl.mu);
            break;
        }
        started++;
    }
    if (started == 0) {
        /* no threads at all: run on this one */
        pl.active = 1;
        worker(&pl);
    }
    long written = 0;
    double last_shown = -1;
    bool clear_first = progress && csv && isatty(fileno(csv));
    pthread_mutex_lock(&pl.mu);
    for (;;) {
        long upto = written;
        while (upto < t->nrows && pl.ready[upto])
            upto++;
        bool finished = pl.active == 0;
        bool failed = pl.failed != 0;
        long done = pl.done;
        if (upto == written && !finished) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 200000000L; /* wake up to refresh the ETA */
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&pl.cv, &pl.mu, &ts);
        }
        pthread_mutex_unlock(&pl.mu);
        /* rows below `upto` are final: their workers published them under the lock */
        if (csv && !failed) {
            if (clear_first && upto > written) { /* rows and the status line share the terminal */
                fputs("\r\033[K", stderr);
                fflush(stderr);
                last_shown = -1;
            }
            for (; written < upto; written++)
                sweepcsv_row(csv, t, &t->row[written]);
            if (upto > 0)
                fflush(csv);
        }
        double now = now_sec();
        if (progress && (now - last_shown >= 0.2 || finished)) {
            show_progress(done, t->nrows, now - t0);
            last_shown = now;
        }
        pthread_mutex_lock(&pl.mu);
        if (finished)
            break;
    }
    pthread_mutex_unlock(&pl.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    if (progress)
        fputs("\r\033[K", stderr);
    int rc = pl.failed;
    if (rc)
        ub_fail(err, errlen, rc, "%s", pl.err);
    else if (csv && ferror(csv))
        rc = ub_fail(err, errlen, UB_ERUNTIME, "error writing the CSV");
    pthread_cond_destroy(&pl.cv);
    pthread_mutex_destroy(&pl.mu);
    free(pl.ready);
    free(th);
    return rc;
}
