/* spec.c - parsing sweep axes. Values go through params_set, so a spec
 * accepts exactly what --set accepts and fails with the same messages. */
#include "cli/spec.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unibias/ub.h"

static char *dup_range(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

void spec_free(spec_t *s)
{
    if (s->val)
        for (int i = 0; i < s->n; i++)
            free(s->val[i]);
    free(s->val);
    free(s->num);
    free(s->text);
    memset(s, 0, sizeof *s);
}

/* Checks one value through the parameter table and stores its canonical form. */
static int add_value(spec_t *s, int i, const char *v, char *err, size_t errlen)
{
    params_t tmp;
    params_default(&tmp);
    char msg[256];
    if (params_set(&tmp, s->pi->key, v, msg, sizeof msg) != UB_OK)
        return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: %s", s->text, msg);
    char canon[64];
    params_format(&tmp, s->pi->key, canon, sizeof canon);
    for (int j = 0; j < i; j++)
        if (strcmp(s->val[j], canon) == 0)
            return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: the value %s appears twice", s->text, canon);
    s->val[i] = dup_range(canon, strlen(canon));
    if (!s->val[i])
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory");
    s->num[i] = params_get(&tmp, s->pi);
    return UB_OK;
}

static int alloc_values(spec_t *s, int n, char *err, size_t errlen)
{
    s->val = calloc((size_t)n, sizeof *s->val);
    s->num = calloc((size_t)n, sizeof *s->num);
    if (!s->val || !s->num)
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory for %d sweep values", n);
    s->n = n;
    return UB_OK;
}

/* A whole-string finite number. */
static bool read_double(const char *t, double *out)
{
    errno = 0;
    char *end;
    double v = strtod(t, &end);
    if (end == t || *end || errno == ERANGE || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static int parse_range(spec_t *s, const char *body, char *err, size_t errlen)
{
    if (s->pi->type == PT_ENUM)
        return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: %s takes names, not a range; list them (e.g. %s=%s,%s)",
                       s->text, s->pi->key, s->pi->key, s->pi->names[0], s->pi->names[1]);
    char f[4][64];
    int nf = 0;
    const char *p = body;
    for (;;) {
        const char *c = strchr(p, ':');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        if (nf == 4 || len >= sizeof f[0])
            return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: a range is FIRST:LAST:COUNT or FIRST:LAST:COUNT:log",
                           s->text);
        memcpy(f[nf], p, len);
        f[nf++][len] = '\0';
        if (!c)
            break;
        p = c + 1;
    }
    if (nf < 3)
        return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: a range is FIRST:LAST:COUNT (e.g. -0.9:0.9:9)", s->text);
    double a, b;
    if (!read_double(f[0], &a))
        return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: range start '%s' is not a number", s->text, f[0]);
    if (!read_double(f[1], &b))
        return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: range end '%s' is not a number", s->text, f[1]);
    errno = 0;
    char *end;
    long n = strtol(f[2], &end, 10);
    if (end == f[2] || *end || errno || n < 1 || n > SPEC_MAX_VALUES)
        return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: the point count '%s' must be a whole number in 1..%d",
                       s->text, f[2], SPEC_MAX_VALUES);
    if (nf == 4) {
        if (strcmp(f[3], "log") != 0)
            return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: unknown range flag '%s' (only 'log')", s->text, f[3]);
        if (!(a > 0 && b > 0))
            return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: a log range needs positive ends", s->text);
        s->log = true;
    }
    if (n == 1 && a != b)
        return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: one point cannot span %s to %s; give COUNT >= 2",
                       s->text, f[0], f[1]);
    int rc = alloc_values(s, (int)n, err, errlen);
    for (long i = 0; rc == UB_OK && i < n; i++) {
        double t = n > 1 ? (double)i / (double)(n - 1) : 0.0;
        double v = i == n - 1 ? b : s->log ? a * pow(b / a, t) : a + (b - a) * t;
        /* rounding noise at a zero crossing must read as 0, not -1.1e-16 */
        if (!s->log && fabs(v) < 1e-12 * fmax(fabs(a), fabs(b)))
            v = 0.0;
        char txt[40];
        /* %.15g drops the last-bit noise of linear steps; geometric points are
         * irrational anyway, and six digits read better in tables and labels */
        snprintf(txt, sizeof txt, s->log ? "%.6g" : "%.15g", v);
        rc = add_value(s, (int)i, txt, err, errlen);
    }
    return rc;
}

static int parse_list(spec_t *s, const char *body, char *err, size_t errlen)
{
    int n = 1;
    for (const char *p = body; *p; p++)
        n += *p == ',';
    if (n > SPEC_MAX_VALUES)
        return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: more than %d values", s->text, SPEC_MAX_VALUES);
    int rc = alloc_values(s, n, err, errlen);
    const char *p = body;
    for (int i = 0; rc == UB_OK && i < n; i++) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == 0)
            return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: empty value in the list", s->text);
        char v[128];
        if (len >= sizeof v)
            return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: value %d is too long", s->text, i + 1);
        memcpy(v, p, len);
        v[len] = '\0';
        rc = add_value(s, i, v, err, errlen);
        p = c ? c + 1 : p + len;
    }
    return rc;
}

int spec_parse(spec_t *s, const char *arg, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
        return ub_fail(err, errlen, UB_EINVAL, "--sweep needs KEY=VALUES (e.g. rho=-0.9:0.9:9), got '%s'", arg);
    char key[64];
    size_t kl = (size_t)(eq - arg);
    if (kl >= sizeof key)
        return ub_fail(err, errlen, UB_EINVAL, "--sweep: unknown parameter '%.20s...'", arg);
    memcpy(key, arg, kl);
    key[kl] = '\0';
    s->pi = params_find(key);
    if (!s->pi) {
        const char *hint = params_suggest(key);
        if (hint)
            return ub_fail(err, errlen, UB_EINVAL, "--sweep: unknown parameter '%s' (did you mean '%s'?)", key, hint);
        return ub_fail(err, errlen, UB_EINVAL, "--sweep: unknown parameter '%s' (see --help for the list)", key);
    }
    const char *body = eq + 1;
    if (!*body)
        return ub_fail(err, errlen, UB_EINVAL, "--sweep %s: no values after '='", arg);
    s->text = dup_range(arg, strlen(arg));
    if (!s->text)
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory");
    int rc;
    if (strchr(body, ':') && strchr(body, ','))
        rc = ub_fail(err, errlen, UB_EINVAL, "--sweep %s: give either a list (a,b,c) or a range (FIRST:LAST:COUNT)",
                     s->text);
    else if (strchr(body, ':'))
        rc = parse_range(s, body, err, errlen);
    else
        rc = parse_list(s, body, err, errlen);
    if (rc != UB_OK)
        spec_free(s);
    return rc;
}
