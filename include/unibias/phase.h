/* phase.h - online phase detection and the reference code's measurement rule
 * (THEORY.md 7). */
#ifndef UNIBIAS_PHASE_H
#define UNIBIAS_PHASE_H

#include "unibias/history.h"
#include "unibias/theory.h"

typedef enum {
    PHASE_PLATEAU,
    PHASE_UNIMODAL_A,
    PHASE_UNIMODAL_B,
    PHASE_MULTIMODAL,
    PHASE_CONVERGED,
    PHASE_DIVERGED
} phase_t;

/* "PLATEAU", "UNIMODAL", "MULTIMODAL", "CONVERGED", "DIVERGED". */
const char *phase_name(phase_t ph);
/* Like phase_name, with the modality: "UNIMODAL A". */
const char *phase_label(phase_t ph);

/* A modality is "silent" while its total weight is below this fraction of its
 * final value: the unimodal phase is one modality past half its level while
 * the other is still silent. Early fusion briefly leads with one modality by a
 * small margin; this keeps that from counting as a unimodal phase. */
#define PHASE_SILENT_FRACTION 0.1

/* Running "closest to half the maximum" tracker: keeps only the record
 * crossings that can still matter, so memory is bounded whatever the length. */
typedef struct halfmax {
    long *step;
    double *val, *prev;   /* value at step, and at step - 1 */
    int len, cap;
    double max;
    long max_step;
    double last;          /* value at the previous step */
} halfmax_t;

typedef struct phase_tracker {
    int first;              /* prioritised modality by theory (MOD_A/MOD_B/MOD_NONE) */
    double full_a, full_b;  /* live levels: |w_first^uni| for the first, |w*| for the other */
    long cross_a, cross_b;  /* first step at or above half the live level, -1 before */
    /* offline rule: first uses half its unimodal value (argmin), or half max on a tie */
    double target_first;    /* half of |w_first^uni|, or nan for half-max */
    double best_dist;
    long best_step;
    halfmax_t hm_a, hm_b;
    phase_t phase;
    double last_wa, last_wb;
} phase_tracker_t;

typedef struct phase_result {
    long t_a, t_b;          /* offline rule, -1 if not reached */
    long cross_a, cross_b;  /* live first crossings */
    double time_ratio;      /* t_other / t_first (first = theory's prioritised; without one, the measured first) */
    double misattribution;  /* (W_first(t_mid) - W_first(end)) / W_first(end); nan without a prioritised modality */
    int learned_first;      /* MOD_A / MOD_B by live crossings, MOD_NONE if neither */
} phase_result_t;

/* wuni_first_abs: |w^uni| of the prioritised modality under the training
 * moments; wstar_a_abs, wstar_b_abs: |w*| blocks (training moments). */
int phase_init(phase_tracker_t *pt, int first, double wuni_first_abs, double wstar_a_abs, double wstar_b_abs);
void phase_free(phase_tracker_t *pt);
void phase_reset(phase_tracker_t *pt);
/* Feeds the point of one step (signed or norm W_A^tot, W_B^tot); returns the phase. */
phase_t phase_update(phase_tracker_t *pt, long step, double wa, double wb);
/* Marks the end state (CONVERGED/DIVERGED) - sticky until reset. */
void phase_set(phase_tracker_t *pt, phase_t ph);
/* The measurements, using h for W at t_mid. */
void phase_result(const phase_tracker_t *pt, const history_t *h, phase_result_t *out);

#endif
