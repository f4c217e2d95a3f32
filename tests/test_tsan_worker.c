/* test_tsan_worker.c - the worker handoff under load, built for
 * ThreadSanitizer by `make check-tsan` (and run plainly and under ASan by
 * `make check`): 1000 rapid parameter changes mixed with pause/resume, single
 * steps, restarts and speed changes, while two threads copy snapshots; then a
 * clean stop. Passes when every command is accounted for, the last
 * parameters win, nothing deadlocks (Check's timeout) and nothing leaks. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/speed.h"
#include "tui/worker.h"
#include "util.h"

#define CHANGES 1000

typedef struct reader {
    worker_t *w;
    atomic_bool stop;
    atomic_long copies;
    bool sane;
} reader_t;

/* A second consumer of snapshots, like a UI thread that never stops. */
static void *read_loop(void *arg)
{
    reader_t *r = arg;
    wsnap_t s;
    if (wsnap_init(&s) != 0)
        return NULL;
    r->sane = true;
    while (!atomic_load(&r->stop)) {
        if (worker_snapshot(r->w, &s)) {
            atomic_fetch_add(&r->copies, 1);
            /* a snapshot is internally consistent: history never runs ahead */
            if (s.hist.len > 0 && s.hist.pt[s.hist.len - 1].step > s.step)
                r->sane = false;
        }
    }
    wsnap_free(&s);
    return NULL;
}

START_TEST(thousand_changes)
{
    params_t p;
    params_default(&p);
    char err[256];
    worker_t *w = worker_start(&p, speed_count() - 1, -1, err, sizeof err);
    ck_assert_msg(w != NULL, "%s", err);
    reader_t rd = { .w = w };
    atomic_init(&rd.stop, false);
    atomic_init(&rd.copies, 0);
    pthread_t th;
    ck_assert_int_eq(pthread_create(&th, NULL, read_loop, &rd), 0);

    wsnap_t s;
    ck_assert_int_eq(wsnap_init(&s), 0);
    params_t q = p;
    unsigned long last = 0;
    for (int i = 0; i < CHANGES; i++) {
        q.rho = -0.5 + (double)(i % 101) / 100.0;
        q.sigma_a = 1.5 + (double)(i % 7) / 7.0;
        if (i % 50 == 0)
            q.fuse = q.fuse == 2 ? 1 : 2;   /* an architecture change now and then */
        last = worker_set_params(w, &q, i % 3 == 0);
        if (i % 5 == 0)
            worker_pause(w, WORKER_TOGGLE);
        if (i % 17 == 0)
            worker_step(w);
        if (i % 97 == 0)
            worker_restart(w);
        if (i % 29 == 0)
            worker_speed(w, i % 2 ? speed_default() : speed_count() - 1);
        worker_snapshot(w, &s);   /* the UI reads between its commands */
    }
    last = worker_pause(w, WORKER_RESUME);

    double t0 = now_s();
    while (s.cmd_seq < last) {
        worker_snapshot(w, &s);
        ck_assert_msg(now_s() - t0 < 30, "worker stuck: handled %lu of %lu", s.cmd_seq, last);
    }
    /* the newest parameters won, and no change was refused */
    ck_assert(s.p.rho == q.rho);
    ck_assert(s.p.sigma_a == q.sigma_a);
    ck_assert_int_eq(s.p.fuse, q.fuse);
    ck_assert_uint_eq(s.err_seq, 0);
    ck_assert(!s.paused);

    /* snapshots are published at most 30 times a second: on a fast machine the
     * changes above can all be over before the reader's first copy */
    t0 = now_s();
    while (atomic_load(&rd.copies) == 0 && now_s() - t0 < 10)
        sleep_ms(10);
    atomic_store(&rd.stop, true);
    pthread_join(th, NULL);
    ck_assert(rd.sane);
    ck_assert_int_gt(atomic_load(&rd.copies), 0);
    worker_stop(w);
    wsnap_free(&s);
}
END_TEST

START_TEST(stop_while_busy)
{
    /* stopping must not wait for a run to finish, at any speed or state */
    for (int k = 0; k < 20; k++) {
        params_t p;
        params_default(&p);
        char err[256];
        worker_t *w = worker_start(&p, k % 2 ? speed_count() - 1 : speed_default(), -1, err, sizeof err);
        ck_assert_ptr_nonnull(w);
        if (k % 3 == 0)
            worker_pause(w, WORKER_PAUSE);
        if (k % 4 == 0) {
            params_t q = p;
            q.width = 50 + k;
            worker_set_params(w, &q, false);
        }
        worker_stop(w);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tsan_worker");
    TCase *tc = tcase_create("handoff");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, thousand_changes);
    tcase_add_test(tc, stop_while_busy);
    suite_add_tcase(s, tc);
    return util_run(s);
}
