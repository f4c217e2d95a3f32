/* phase.c - which phase a run is in, and t_A / t_B by the reference code's
 * rule (THEORY.md 7), in bounded memory and without knowing the future. */
#include "unibias/phase.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unibias/ub.h"

#define HM_CAP 8192
#define HM_SPACING 1e-4 /* relative growth between kept records */

const char *phase_name(phase_t ph)
{
    switch (ph) {
    case PHASE_PLATEAU: return "PLATEAU";
    case PHASE_UNIMODAL_A:
    case PHASE_UNIMODAL_B: return "UNIMODAL";
    case PHASE_MULTIMODAL: return "MULTIMODAL";
    case PHASE_CONVERGED: return "CONVERGED";
    case PHASE_DIVERGED: return "DIVERGED";
    }
    return "?";
}

const char *phase_label(phase_t ph)
{
    if (ph == PHASE_UNIMODAL_A)
        return "UNIMODAL A";
    if (ph == PHASE_UNIMODAL_B)
        return "UNIMODAL B";
    return phase_name(ph);
}

static int hm_init(halfmax_t *hm)
{
    memset(hm, 0, sizeof *hm);
    hm->step = malloc(sizeof *hm->step * HM_CAP);
    hm->val = malloc(sizeof *hm->val * HM_CAP);
    hm->prev = malloc(sizeof *hm->prev * HM_CAP);
    hm->cap = HM_CAP;
    return (hm->step && hm->val && hm->prev) ? UB_OK : UB_ENOMEM;
}

static void hm_free(halfmax_t *hm)
{
    free(hm->step);
    free(hm->val);
    free(hm->prev);
    memset(hm, 0, sizeof *hm);
}

static void hm_reset(halfmax_t *hm)
{
    hm->len = 0;
    hm->max = 0.0;
    hm->max_step = -1;
    hm->last = 0.0;
}

/* A new running maximum is a candidate for "first step at half the final
 * maximum"; records below half the current maximum can never be that step. */
static void hm_push(halfmax_t *hm, long step, double x)
{
    if (x > hm->max || hm->max_step < 0) {
        hm->max = x;
        hm->max_step = step;
        if (hm->len == 0 || x > hm->val[hm->len - 1] * (1.0 + HM_SPACING)) {
            int drop = 0;
            while (drop < hm->len && hm->val[drop] < 0.5 * x)
                drop++;
            /* keep the last dropped one: its successor's "prev" covers it anyway */
            if (drop) {
                memmove(hm->step, hm->step + drop, sizeof *hm->step * (size_t)(hm->len - drop));
                memmove(hm->val, hm->val + drop, sizeof *hm->val * (size_t)(hm->len - drop));
                memmove(hm->prev, hm->prev + drop, sizeof *hm->prev * (size_t)(hm->len - drop));
                hm->len -= drop;
            }
            if (hm->len == hm->cap) { /* thin out: halve the resolution */
                int j = 0;
                for (int i = 0; i < hm->len; i += 2, j++) {
                    hm->step[j] = hm->step[i];
                    hm->val[j] = hm->val[i];
                    hm->prev[j] = hm->prev[i];
                }
                hm->len = j;
            }
            hm->step[hm->len] = step;
            hm->val[hm->len] = x;
            hm->prev[hm->len] = hm->last;
            hm->len++;
        }
    }
    hm->last = x;
}

/* The step closest to half the maximum: the first record at or above it, or
 * the step before when that one was closer. */
static long hm_result(const halfmax_t *hm)
{
    if (hm->len == 0)
        return -1;
    double target = 0.5 * hm->max;
    for (int i = 0; i < hm->len; i++) {
        if (hm->val[i] >= target) {
            long s = hm->step[i];
            if (s > 0 && fabs(hm->prev[i] - target) < fabs(hm->val[i] - target))
                s--;
            return s;
        }
    }
    return hm->max_step;
}

int phase_init(phase_tracker_t *pt, int first, double wuni_first_abs, double wstar_a_abs, double wstar_b_abs)
{
    memset(pt, 0, sizeof *pt);
    pt->first = first;
    pt->full_a = first == MOD_A ? wuni_first_abs : wstar_a_abs;
    pt->full_b = first == MOD_B ? wuni_first_abs : wstar_b_abs;
    pt->target_first = first == MOD_NONE ? NAN : 0.5 * wuni_first_abs;
    if (hm_init(&pt->hm_a) || hm_init(&pt->hm_b)) {
        phase_free(pt);
        return UB_ENOMEM;
    }
    phase_reset(pt);
    return UB_OK;
}

void phase_free(phase_tracker_t *pt)
{
    hm_free(&pt->hm_a);
    hm_free(&pt->hm_b);
}

void phase_reset(phase_tracker_t *pt)
{
    pt->cross_a = pt->cross_b = -1;
    pt->best_dist = INFINITY;
    pt->best_step = -1;
    hm_reset(&pt->hm_a);
    hm_reset(&pt->hm_b);
    pt->phase = PHASE_PLATEAU;
    pt->last_wa = pt->last_wb = 0.0;
}

static int rank(phase_t ph)
{
    switch (ph) {
    case PHASE_PLATEAU: return 0;
    case PHASE_UNIMODAL_A:
    case PHASE_UNIMODAL_B: return 1;
    case PHASE_MULTIMODAL: return 2;
    default: return 3;
    }
}

phase_t phase_update(phase_tracker_t *pt, long step, double wa, double wb)
{
    double xa = fabs(wa), xb = fabs(wb);
    pt->last_wa = wa;
    pt->last_wb = wb;
    /* a modality with nothing to learn (target 0) never "crosses" */
    if (pt->cross_a < 0 && pt->full_a > 1e-300 && xa >= 0.5 * pt->full_a)
        pt->cross_a = step;
    if (pt->cross_b < 0 && pt->full_b > 1e-300 && xb >= 0.5 * pt->full_b)
        pt->cross_b = step;
    hm_push(&pt->hm_a, step, xa);
    hm_push(&pt->hm_b, step, xb);
    if (pt->first != MOD_NONE) {
        double d = fabs((pt->first == MOD_A ? xa : xb) - pt->target_first);
        if (d < pt->best_dist) {
            pt->best_dist = d;
            pt->best_step = step;
        }
    }
    if (pt->phase == PHASE_CONVERGED || pt->phase == PHASE_DIVERGED)
        return pt->phase;
    double fa = pt->full_a > 1e-300 ? xa / pt->full_a : 0.0;
    double fb = pt->full_b > 1e-300 ? xb / pt->full_b : 0.0;
    phase_t now;
    if (pt->cross_a >= 0 && pt->cross_b >= 0)
        now = PHASE_MULTIMODAL;
    else if (pt->cross_a >= 0)
        now = fb < PHASE_SILENT_FRACTION ? PHASE_UNIMODAL_A : PHASE_MULTIMODAL;
    else if (pt->cross_b >= 0)
        now = fa < PHASE_SILENT_FRACTION ? PHASE_UNIMODAL_B : PHASE_MULTIMODAL;
    else
        now = PHASE_PLATEAU;
    if (rank(now) > rank(pt->phase)) /* phases only move forward */
        pt->phase = now;
    return pt->phase;
}

void phase_set(phase_tracker_t *pt, phase_t ph) { pt->phase = ph; }

void phase_result(const phase_tracker_t *pt, const history_t *h, phase_result_t *out)
{
    out->cross_a = pt->cross_a;
    out->cross_b = pt->cross_b;
    /* offline rule; a modality that never reached half its level is not learned */
    long ta = pt->cross_a < 0 ? -1 : hm_result(&pt->hm_a);
    long tb = pt->cross_b < 0 ? -1 : hm_result(&pt->hm_b);
    if (pt->first == MOD_A && pt->cross_a >= 0)
        ta = pt->best_step;
    if (pt->first == MOD_B && pt->cross_b >= 0)
        tb = pt->best_step;
    out->t_a = ta;
    out->t_b = tb;
    if (pt->cross_a < 0 && pt->cross_b < 0)
        out->learned_first = MOD_NONE;
    else if (pt->cross_b < 0 || (pt->cross_a >= 0 && pt->cross_a < pt->cross_b))
        out->learned_first = MOD_A;
    else if (pt->cross_a < 0 || pt->cross_b < pt->cross_a)
        out->learned_first = MOD_B;
    else
        out->learned_first = pt->first == MOD_B ? MOD_B : MOD_A;
    /* Without a theory's choice (a tie, or xor), the ratio is taken against
     * whichever modality was measured first; mis-attribution is then undefined. */
    int first = pt->first != MOD_NONE ? pt->first : out->learned_first == MOD_B ? MOD_B : MOD_A;
    long tf = first == MOD_A ? ta : tb, to = first == MOD_A ? tb : ta;
    out->time_ratio = (tf > 0 && to >= 0) ? (double)to / (double)tf : NAN;
    out->misattribution = NAN;
    if (pt->first != MOD_NONE && tf >= 0 && to >= 0 && h && h->len > 0) {
        long tmid = (tf + to) / 2;
        double wmid = first == MOD_A ? history_wa_at(h, tmid) : history_wb_at(h, tmid);
        double wend = first == MOD_A ? pt->last_wa : pt->last_wb;
        if (wend != 0.0)
            out->misattribution = (wmid - wend) / wend;
    }
}
