/* history.h - a bounded time series of a run that keeps uniform resolution
 * over the whole run: when full it drops every other point and doubles its
 * stride, so memory never grows with the step count. */
#ifndef UNIBIAS_HISTORY_H
#define UNIBIAS_HISTORY_H

#include <stddef.h>

typedef struct hpoint {
    long step;
    double loss;
    double wa, wb;   /* W_A^tot, W_B^tot: signed for scalar inputs, norms otherwise */
    double eg;       /* generalisation error (nan without samples) */
    int phase;       /* phase_t */
} hpoint_t;

typedef struct history {
    hpoint_t *pt;
    size_t len, cap;
    long stride;     /* steps between kept points */
    hpoint_t last;   /* the newest point pushed, kept or not */
    int has_last;
} history_t;

/* cap >= 4 and even; returns UB_OK or UB_ENOMEM. */
int history_init(history_t *h, size_t cap);
void history_free(history_t *h);
void history_clear(history_t *h);
/* Offers a point; keeps it when its step is a multiple of the stride. */
void history_push(history_t *h, const hpoint_t *p);
/* Copies src into dst (dst must have been initialised with the same cap). */
void history_copy(history_t *dst, const history_t *src);
/* Linear interpolation of wa/wb at a step (clamped to the recorded range). */
double history_wa_at(const history_t *h, long step);
double history_wb_at(const history_t *h, long step);

#endif
