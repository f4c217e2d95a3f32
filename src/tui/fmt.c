/* fmt.c - number formatting for the panels. */
#include "tui/fmt.h"

#include <math.h>
#include <stdio.h>

char *fmt_num(char *buf, size_t len, double v, int sig)
{
    if (isnan(v))
        snprintf(buf, len, "-");
    else if (isinf(v))
        snprintf(buf, len, v > 0 ? "inf" : "-inf");
    else
        snprintf(buf, len, "%.*g", sig, v == 0 ? 0.0 : v);   /* no "-0" */
    return buf;
}

char *fmt_signed(char *buf, size_t len, double v, int sig)
{
    if (!isfinite(v))
        return fmt_num(buf, len, v, sig);
    snprintf(buf, len, "%+.*g", sig, v == 0 ? 0.0 : v);
    return buf;
}

char *fmt_si(char *buf, size_t len, double v)
{
    static const char suffix[] = { 'k', 'M', 'G', 'T' };
    if (!isfinite(v))
        return fmt_num(buf, len, v, 3);
    double a = fabs(v);
    if (a < 999.5) {
        snprintf(buf, len, "%.0f", v);
        return buf;
    }
    int i = -1;
    while (a >= 999.5 && i < 3) {
        a /= 1000;
        v /= 1000;
        i++;
    }
    snprintf(buf, len, a < 9.95 ? "%.1f%c" : "%.0f%c", v, suffix[i]);
    return buf;
}

char *fmt_step(char *buf, size_t len, long step)
{
    if (step < 0)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%ld", step);
    return buf;
}
