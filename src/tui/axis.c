/* axis.c - data-to-dot mapping. */
#include "tui/axis.h"

#include <math.h>

void range_reset(range_t *r)
{
    r->lo = r->hi = 0;
    r->set = false;
}

void range_add(range_t *r, double v, bool log)
{
    if (!isfinite(v) || (log && !(v > 0)))
        return;
    if (!r->set) {
        r->lo = r->hi = v;
        r->set = true;
        return;
    }
    if (v < r->lo)
        r->lo = v;
    if (v > r->hi)
        r->hi = v;
}

void range_finish(range_t *r, double frac, bool log)
{
    if (!r->set) {
        r->lo = log ? 1e-3 : 0;
        r->hi = 1;
        r->set = true;
        return;
    }
    if (log) {
        double l0 = log10(r->lo), l1 = log10(r->hi);
        if (l1 - l0 < 1e-9) {
            l0 -= 0.5;
            l1 += 0.5;
        }
        double pad = (l1 - l0) * frac;
        r->lo = pow(10, l0 - pad);
        r->hi = pow(10, l1 + pad);
        return;
    }
    double span = r->hi - r->lo;
    if (span <= 1e-12 * fmax(fabs(r->lo), fabs(r->hi)) || span == 0) {
        double m = fabs(r->lo) > 0 ? fabs(r->lo) * 0.5 : 0.5;
        r->lo -= m;
        r->hi += m;
        span = r->hi - r->lo;
    }
    r->lo -= span * frac;
    r->hi += span * frac;
}

void axis_set(axis_t *a, const range_t *r, bool log, bool flip, int ndots)
{
    a->lo = r->lo;
    a->hi = r->hi;
    a->log = log;
    a->flip = flip;
    a->ndots = ndots;
}

double axis_map(const axis_t *a, double v)
{
    double lo = a->lo, hi = a->hi;
    if (!isfinite(v))
        return NAN;
    if (a->log) {
        if (!(v > 0))
            return NAN;
        v = log10(v);
        lo = log10(lo);
        hi = log10(hi);
    }
    if (!(hi > lo) || a->ndots < 1)
        return NAN;
    double f = (v - lo) / (hi - lo) * (a->ndots - 1);
    return a->flip ? (a->ndots - 1) - f : f;
}

double axis_value(const axis_t *a, double dot)
{
    double lo = a->lo, hi = a->hi;
    if (a->ndots < 2)
        return lo;
    double f = a->flip ? (a->ndots - 1) - dot : dot;
    if (a->log) {
        lo = log10(lo);
        hi = log10(hi);
        return pow(10, lo + f / (a->ndots - 1) * (hi - lo));
    }
    return lo + f / (a->ndots - 1) * (hi - lo);
}
