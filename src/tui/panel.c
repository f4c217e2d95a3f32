/* panel.c - helpers the panels share. */
#include "tui/panel.h"

#include <math.h>

#include "tui/theme.h"
#include "unibias/phase.h"
#include "unibias/theory.h"

size_t panel_params_visible(const params_t *p, const param_info_t **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < params_count() && n < max; i++) {
        const param_info_t *pi = params_info(i);
        if (params_applies(p, pi))
            out[n++] = pi;
    }
    return n;
}

static bool has_extra(const wsnap_t *s)
{
    const history_t *h = &s->hist;
    return h->has_last && (h->len == 0 || h->last.step > h->pt[h->len - 1].step);
}

size_t panel_hist_len(const wsnap_t *s)
{
    return s->hist.len + (has_extra(s) ? 1 : 0);
}

const struct hpoint *panel_hist_at(const wsnap_t *s, size_t i)
{
    return i < s->hist.len ? &s->hist.pt[i] : &s->hist.last;
}

int panel_phase_role(int phase)
{
    switch (phase) {
    case PHASE_PLATEAU: return ROLE_PH_PLATEAU;
    case PHASE_UNIMODAL_A:
    case PHASE_UNIMODAL_B: return ROLE_PH_UNIMODAL;
    case PHASE_MULTIMODAL: return ROLE_PH_MULTIMODAL;
    case PHASE_CONVERGED: return ROLE_PH_CONVERGED;
    default: return ROLE_PH_DIVERGED;
    }
}

const char *panel_mod_name(int mod)
{
    return mod == MOD_A ? "A" : mod == MOD_B ? "B" : "-";
}

double panel_predict_t_first(const wsnap_t *s)
{
    if (isfinite(s->th.eta_t_first) && s->p.lr > 0)
        return s->th.eta_t_first / s->p.lr;
    return NAN;
}

double panel_predict_t_late(const wsnap_t *s)
{
    double ratio = s->th.time_ratio;
    if (!isfinite(ratio))
        return NAN;
    int first = s->th.prioritised == MOD_B ? MOD_B : MOD_A;
    long tf = first == MOD_A ? s->res.t_a : s->res.t_b;
    double t = tf >= 0 ? (double)tf : panel_predict_t_first(s);
    return isfinite(t) ? ratio * t : NAN;
}
