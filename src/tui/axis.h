/* axis.h - maps data values to canvas dots (linear or log10) and picks ranges
 * that include what must be seen. Pure. */
#ifndef UNIBIAS_TUI_AXIS_H
#define UNIBIAS_TUI_AXIS_H

#include <stdbool.h>

typedef struct axis {
    double lo, hi;   /* data range (for log axes: positive values) */
    bool log;
    bool flip;       /* true for y: high values at dot 0 (the top) */
    int ndots;       /* dots along the axis */
} axis_t;

/* A range under construction: empty until a finite value is included. */
typedef struct range {
    double lo, hi;
    bool set;
} range_t;

void range_reset(range_t *r);
/* Includes v when it is finite (and, for log ranges, positive). */
void range_add(range_t *r, double v, bool log);
/* Makes the range usable: non-empty, widened by frac of its span on both
 * sides (log ranges in decades), with a sane fallback when nothing was added. */
void range_finish(range_t *r, double frac, bool log);

void axis_set(axis_t *a, const range_t *r, bool log, bool flip, int ndots);
/* Dot coordinate of v (may lie outside [0, ndots) — callers clip); nan for
 * values that cannot be shown (nan, or <= 0 on a log axis). */
double axis_map(const axis_t *a, double v);
/* Data value at the centre of dot i. */
double axis_value(const axis_t *a, double dot);

#endif
