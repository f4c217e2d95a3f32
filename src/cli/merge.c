/* merge.c - reading sweep CSVs back (see sweepcsv.h for the format). */
#include "cli/merge.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/sweepcsv.h"
#include "unibias/phase.h"
#include "unibias/theory.h"
#include "unibias/ub.h"

#define LINE_MAX_LEN 8192
#define NCOLS 17 /* columns after the swept keys (SWEEPCSV_COLUMNS) */

void merge_init(merge_t *m)
{
    memset(m, 0, sizeof *m);
}

void merge_free(merge_t *m)
{
    sweep_table_free(&m->t);
    free(m->head);
    free(m->have);
    memset(m, 0, sizeof *m);
}

/* A growing string for a header block. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf_t;

static int sbuf_add(sbuf_t *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 2 > b->cap) {
        size_t cap = (b->len + n + 2) * 2;
        char *p = realloc(b->s, cap);
        if (!p)
            return UB_ENOMEM;
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len++] = '\n';
    b->s[b->len] = '\0';
    return UB_OK;
}

/* Builds the sweep from the first header block (comment lines, then the column header). */
static int parse_head(merge_t *m, const char *block, const char *name, char *err, size_t errlen)
{
    params_t base;
    params_default(&base);
    const char *specs[GRID_MAX_AXES + 1];
    char *copy = malloc(strlen(block) + 1);
    if (!copy)
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory");
    strcpy(copy, block);
    int nspecs = 0;
    long repeat = 0, runs = -1;
    int rc = UB_OK;
    char msg[300];
    const char *header = NULL;
    int lineno = 0;
    for (char *line = copy, *nl; rc == UB_OK && line && *line; line = nl) {
        nl = strchr(line, '\n');
        if (nl)
            *nl++ = '\0';
        lineno++;
        if (lineno == 1) {
            size_t l = strlen(line);
            if (strncmp(line, "# unibias ", 10) != 0 || l < 16 || strcmp(line + l - 6, " sweep") != 0)
                rc = ub_fail(err, errlen, UB_EINVAL, "%s: not a unibias sweep CSV (it should start with '# unibias ... sweep')",
                             name);
            continue;
        }
        if (line[0] != '#') {
            header = line;
            break;
        }
        const char *kv = line + (strncmp(line, "# ", 2) == 0 ? 2 : 1);
        if (strncmp(kv, "sweep=", 6) == 0) {
            if (nspecs == GRID_MAX_AXES)
                rc = ub_fail(err, errlen, UB_EINVAL, "%s: more than %d '# sweep=' lines", name, GRID_MAX_AXES);
            else
                specs[nspecs++] = kv + 6;
        } else if (strncmp(kv, "repeat=", 7) == 0) {
            repeat = strtol(kv + 7, NULL, 10);
        } else if (strncmp(kv, "runs=", 5) == 0) {
            runs = strtol(kv + 5, NULL, 10);
        } else if (params_set_kv(&base, strncmp(kv, "base.", 5) == 0 ? kv + 5 : kv, msg, sizeof msg) != UB_OK) {
            rc = ub_fail(err, errlen, UB_EINVAL, "%s: header line '%s': %s", name, line, msg);
        }
    }
    if (rc == UB_OK && !header)
        rc = ub_fail(err, errlen, UB_EINVAL, "%s: no column header after the '#' lines", name);
    if (rc == UB_OK && (repeat < 1 || repeat > GRID_MAX_RUNS))
        rc = ub_fail(err, errlen, UB_EINVAL, "%s: missing or bad '# repeat=' line", name);
    if (rc == UB_OK) {
        rc = sweep_table_init(&m->t, &base, specs, nspecs, (int)repeat, NULL, msg, sizeof msg);
        if (rc)
            ub_fail(err, errlen, rc, "%s: %s", name, msg);
    }
    if (rc == UB_OK && runs != m->t.grid.nruns)
        rc = ub_fail(err, errlen, UB_EINVAL, "%s: '# runs=%ld' does not match the sweep's %ld runs", name, runs,
                     m->t.grid.nruns);
    char want[1024];
    if (rc == UB_OK && (sweepcsv_header(want, sizeof want, &m->t), strcmp(want, header) != 0))
        rc = ub_fail(err, errlen, UB_EINVAL, "%s: column header '%.80s' is not '%.80s'", name, header, want);
    if (rc == UB_OK) {
        m->have = calloc((size_t)m->t.nrows, 1);
        if (!m->have)
            rc = ub_fail(err, errlen, UB_ENOMEM, "out of memory for %ld runs", m->t.nrows);
    }
    free(copy);
    return rc;
}

/* The first line where two header blocks differ, for the message. */
static void first_diff(const char *a, const char *b, char *out, size_t len)
{
    while (*a && *b) {
        const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
        if (la != lb || memcmp(a, b, la) != 0) {
            snprintf(out, len, "'%.*s' vs '%.*s'", (int)(lb < 80 ? lb : 80), b, (int)(la < 80 ? la : 80), a);
            return;
        }
        a += la + (ea != NULL);
        b += lb + (eb != NULL);
    }
    snprintf(out, len, "one has more lines");
}

static bool read_long(const char *s, long *out)
{
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno)
        return false;
    *out = v;
    return true;
}

static bool read_num(const char *s, double *out)
{
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end)
        return false;
    *out = v;
    return true;
}

static bool read_mod(const char *s, int *out)
{
    *out = strcmp(s, "A") == 0 ? MOD_A : strcmp(s, "B") == 0 ? MOD_B : MOD_NONE;
    return *out != MOD_NONE || strcmp(s, "none") == 0;
}

static bool read_phase(const char *s, const char **out)
{
    for (int ph = PHASE_PLATEAU; ph <= PHASE_DIVERGED; ph++)
        if (strcmp(phase_name((phase_t)ph), s) == 0) {
            *out = phase_name((phase_t)ph);
            return true;
        }
    return false;
}

static int parse_row(merge_t *m, char *line, const char *name, long lineno, char *err, size_t errlen)
{
    const grid_t *g = &m->t.grid;
    int want = g->naxes + NCOLS;
    char raw[LINE_MAX_LEN];
    strcpy(raw, line);
    char *f[GRID_MAX_AXES + NCOLS];
    int nf = 0;
    for (char *p = line;;) {
        if (nf == want)
            return ub_fail(err, errlen, UB_EINVAL, "%s:%ld: more than %d columns", name, lineno, want);
        f[nf++] = p;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    if (nf != want)
        return ub_fail(err, errlen, UB_EINVAL, "%s:%ld: %d columns, expected %d", name, lineno, nf, want);
    const char *const col[NCOLS] = {"run", "repeat", "seed", "t_a", "t_b", "time_ratio", "time_ratio_theory",
                                    "misattribution", "misattribution_theory", "final_loss", "steps", "eg",
                                    "eg_floor", "first_modality", "learned_first", "contributes", "phase"};
    char **v = f + g->naxes;
    long run, rep;
    if (!read_long(v[0], &run) || run < 0 || run >= g->nruns)
        return ub_fail(err, errlen, UB_EINVAL, "%s:%ld: run '%s' is not in 0..%ld", name, lineno, v[0], g->nruns - 1);
    if (!read_long(v[1], &rep) || rep != run % g->repeat)
        return ub_fail(err, errlen, UB_EINVAL, "%s:%ld: repeat '%s' does not match run %ld", name, lineno, v[1], run);
    sweep_row_t r = m->t.row[run]; /* run and seed as the sweep defines them */
    int idx[GRID_MAX_AXES];
    grid_coords(g, run / g->repeat, idx);
    for (int i = 0; i < g->naxes; i++)
        if (strcmp(f[i], g->axis[i].val[idx[i]]) != 0)
            return ub_fail(err, errlen, UB_EINVAL, "%s:%ld: %s=%s, but run %ld has %s=%s", name, lineno,
                           g->axis[i].pi->key, f[i], run, g->axis[i].pi->key, g->axis[i].val[idx[i]]);
    char seed[32];
    snprintf(seed, sizeof seed, "%" PRIu64, r.seed);
    if (strcmp(seed, v[2]) != 0)
        return ub_fail(err, errlen, UB_EINVAL, "%s:%ld: seed %s, but run %ld of this sweep has seed %s", name, lineno,
                       v[2], run, seed);
    run_summary_t *s = &r.s;
    memset(s, 0, sizeof *s);
    int bad = -1;
    if (!read_long(v[3], &s->t_a))
        bad = 3;
    else if (!read_long(v[4], &s->t_b))
        bad = 4;
    else if (!read_num(v[5], &s->time_ratio))
        bad = 5;
    else if (!read_num(v[6], &s->time_ratio_theory))
        bad = 6;
    else if (!read_num(v[7], &s->misattribution))
        bad = 7;
    else if (!read_num(v[8], &s->misattribution_theory))
        bad = 8;
    else if (!read_num(v[9], &s->final_loss))
        bad = 9;
    else if (!read_long(v[10], &s->steps))
        bad = 10;
    else if (!read_num(v[11], &s->eg))
        bad = 11;
    else if (!read_num(v[12], &s->eg_floor))
        bad = 12;
    else if (!read_mod(v[13], &s->first_modality))
        bad = 13;
    else if (!read_mod(v[14], &s->learned_first))
        bad = 14;
    else if (!read_mod(v[15], &s->contributes))
        bad = 15;
    else if (!read_phase(v[16], &s->phase))
        bad = 16;
    if (bad >= 0)
        return ub_fail(err, errlen, UB_EINVAL, "%s:%ld: bad %s '%.40s'", name, lineno, col[bad], v[bad]);
    s->superficial = s->first_modality != MOD_NONE && s->contributes != MOD_NONE && s->first_modality != s->contributes;
    s->cross_a = s->cross_b = -1;
    s->wa = s->wb = NAN; /* not in the CSV */
    s->loss_star = s->loss_ma = s->loss_mb = NAN;
    s->seconds = s->steps_per_sec = NAN;
    if (m->have[run]) {
        char old[LINE_MAX_LEN];
        sweepcsv_format_row(old, sizeof old, &m->t, &m->t.row[run]);
        if (strcmp(old, raw) != 0)
            return ub_fail(err, errlen, UB_EINVAL, "%s:%ld: run %ld appears twice with different results", name,
                           lineno, run);
        return UB_OK;
    }
    m->t.row[run] = r;
    m->have[run] = 1;
    m->nhave++;
    return UB_OK;
}

int merge_read(merge_t *m, FILE *in, const char *name, char *err, size_t errlen)
{
    char line[LINE_MAX_LEN];
    long lineno = 0;
    sbuf_t block = {0};
    bool in_block = false, rows_ok = false;
    int rc = UB_OK;
    while (rc == UB_OK && fgets(line, sizeof line, in)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            rc = ub_fail(err, errlen, UB_EINVAL, "%s:%ld: line too long", name, lineno);
            break;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        if (line[0] == '#') {
            if (!in_block) {
                block.len = 0;
                in_block = true;
                rows_ok = false;
            }
            if (strncmp(line, "# shard=", 8) != 0 && sbuf_add(&block, line) != UB_OK)
                rc = ub_fail(err, errlen, UB_ENOMEM, "out of memory");
            continue;
        }
        if (in_block) { /* the column header closes a header block */
            in_block = false;
            if (sbuf_add(&block, line) != UB_OK) {
                rc = ub_fail(err, errlen, UB_ENOMEM, "out of memory");
                break;
            }
            if (!m->have_head) {
                rc = parse_head(m, block.s, name, err, errlen);
                if (rc == UB_OK) {
                    m->head = block.s;
                    block = (sbuf_t){0};
                    m->have_head = true;
                }
            } else if (strcmp(block.s, m->head) != 0) {
                char d[200];
                first_diff(m->head, block.s, d, sizeof d);
                rc = ub_fail(err, errlen, UB_EINVAL, "%s:%ld: not the same sweep as the first input (%s)", name, lineno,
                             d);
            }
            rows_ok = true;
            continue;
        }
        if (!rows_ok) {
            rc = ub_fail(err, errlen, UB_EINVAL, "%s:%ld: a row before the '# unibias ... sweep' header", name, lineno);
            break;
        }
        rc = parse_row(m, line, name, lineno, err, errlen);
    }
    if (rc == UB_OK && ferror(in))
        rc = ub_fail(err, errlen, UB_ERUNTIME, "%s: read error", name);
    if (rc == UB_OK && in_block)
        rc = ub_fail(err, errlen, UB_EINVAL, "%s: the '#' header lines are not followed by a column header", name);
    if (rc == UB_OK && lineno == 0)
        rc = ub_fail(err, errlen, UB_EINVAL, "%s: empty file", name);
    free(block.s);
    return rc;
}

int merge_finish(merge_t *m, long *missing, long *first_missing, char *err, size_t errlen)
{
    if (!m->have_head)
        return ub_fail(err, errlen, UB_EINVAL, "--merge: no sweep CSV among the inputs");
    long w = 0;
    *first_missing = -1;
    for (long i = 0; i < m->t.nrows; i++) {
        if (m->have[i])
            m->t.row[w++] = m->t.row[i];
        else if (*first_missing < 0)
            *first_missing = i;
    }
    *missing = m->t.nrows - w;
    m->t.nrows = w;
    return UB_OK;
}
