/* history.c - bounded, decimating series: uniform resolution over the whole
 * run in O(cap) memory, whatever the number of steps. */
#include "unibias/history.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unibias/ub.h"

int history_init(history_t *h, size_t cap)
{
    memset(h, 0, sizeof *h);
    if (cap < 4)
        cap = 4;
    cap += cap & 1; /* halving keeps every other point */
    h->pt = malloc(sizeof *h->pt * cap);
    if (!h->pt)
        return UB_ENOMEM;
    h->cap = cap;
    h->stride = 1;
    return UB_OK;
}

void history_free(history_t *h)
{
    free(h->pt);
    memset(h, 0, sizeof *h);
}

void history_clear(history_t *h)
{
    h->len = 0;
    h->stride = 1;
    h->has_last = 0;
}

void history_push(history_t *h, const hpoint_t *p)
{
    h->last = *p;
    h->has_last = 1;
    if (p->step % h->stride != 0)
        return;
    if (h->len > 0 && h->pt[h->len - 1].step >= p->step)
        return; /* already have it (re-evaluation of the same step) */
    if (h->len == h->cap) {
        /* keep the points on the doubled stride: steps are multiples of the
         * old stride, so every other one, starting from the first (step 0) */
        size_t j = 0;
        long ns = h->stride * 2;
        for (size_t i = 0; i < h->len; i++)
            if (h->pt[i].step % ns == 0)
                h->pt[j++] = h->pt[i];
        h->len = j;
        h->stride = ns;
        if (p->step % h->stride != 0)
            return;
    }
    h->pt[h->len++] = *p;
}

void history_copy(history_t *dst, const history_t *src)
{
    size_t n = src->len < dst->cap ? src->len : dst->cap;
    memcpy(dst->pt, src->pt, sizeof *src->pt * n);
    dst->len = n;
    dst->stride = src->stride;
    dst->last = src->last;
    dst->has_last = src->has_last;
}

static double at(const history_t *h, long step, int which)
{
    if (h->len == 0)
        return NAN;
    size_t lo = 0, hi = h->len - 1;
    if (step <= h->pt[0].step)
        return which ? h->pt[0].wb : h->pt[0].wa;
    if (step >= h->pt[hi].step) {
        const hpoint_t *p = (h->has_last && h->last.step >= h->pt[hi].step) ? &h->last : &h->pt[hi];
        if (p != &h->pt[hi] && step < p->step) { /* between the last kept point and the newest */
            double f = (double)(step - h->pt[hi].step) / (double)(p->step - h->pt[hi].step);
            double a = which ? h->pt[hi].wb : h->pt[hi].wa, b = which ? p->wb : p->wa;
            return a + f * (b - a);
        }
        return which ? p->wb : p->wa;
    }
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (h->pt[mid].step <= step)
            lo = mid;
        else
            hi = mid;
    }
    double f = (double)(step - h->pt[lo].step) / (double)(h->pt[hi].step - h->pt[lo].step);
    double a = which ? h->pt[lo].wb : h->pt[lo].wa, b = which ? h->pt[hi].wb : h->pt[hi].wa;
    return a + f * (b - a);
}

double history_wa_at(const history_t *h, long step) { return at(h, step, 0); }
double history_wb_at(const history_t *h, long step) { return at(h, step, 1); }
