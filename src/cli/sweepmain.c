/* sweepmain.c - sweep mode and --merge as commands.
 *
 * Output rules (the same for both): the CSV goes to --csv FILE ('-' = stdout);
 * without --csv it goes to stdout unless a plot does. The plot (and a
 * per-point table) goes to stdout when stdout is a terminal or with --plot.
 * So at a terminal you see the figure; in a pipe you get the CSV. */
#define _GNU_SOURCE /* TIOCGWINSZ, nl_langinfo */
#include "cli/sweepmain.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/merge.h"
#include "cli/sweep.h"
#include "cli/sweepcsv.h"
#include "cli/sweepplot.h"
#include "unibias/ub.h"

static int status_of(int rc)
{
    return rc == UB_OK ? 0 : rc == UB_EINVAL ? 2 : 1;
}

typedef struct output {
    bool plot;
    sweepplot_opts_t po;
    const char *csv_name;  /* NULL = no CSV */
    FILE *csv;
} output_t;

static int terminal_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    int n = c ? atoi(c) : 0;
    return n > 20 ? n : 80;
}

/* Braille needs a UTF-8 locale; anything else gets ASCII dots. */
static bool utf8_locale(void)
{
    if (!setlocale(LC_CTYPE, ""))
        return false;
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

/* Decides where things go; fails (exit 2) on a bad --plot or --plot-y. */
static int output_setup(output_t *out, const cli_opts_t *o, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->plot = o->plot == 1 || (o->plot == -1 && isatty(STDOUT_FILENO));
    out->po.kind = SWEEPPLOT_AUTO;
    if (o->plot_kind && sweepplot_parse_kind(o->plot_kind, &out->po.kind, err, errlen) != UB_OK)
        return UB_EINVAL;
    out->po.metric = sweepcsv_metric(o->plot_y ? o->plot_y : "time_ratio", err, errlen);
    if (!out->po.metric)
        return UB_EINVAL;
    out->csv_name = o->csv ? o->csv : out->plot ? NULL : "-";
    if (out->plot) {
        out->po.ascii = o->ascii || !utf8_locale();
        out->po.width = terminal_width();
    }
    return UB_OK;
}

/* Checks that the plot can show this grid: an explicit --plot fails, an
 * automatic one (a terminal) is dropped with a note. */
static int output_check_grid(output_t *out, const cli_opts_t *o, const grid_t *g, char *err, size_t errlen)
{
    if (!out->plot)
        return UB_OK;
    int kind;
    if (sweepplot_resolve(g, out->po.kind, &kind, err, errlen) == UB_OK)
        return UB_OK;
    if (o->plot == 1)
        return UB_EINVAL;
    out->plot = false;
    if (!o->csv)
        out->csv_name = "-";
    return UB_OK;
}

static int output_open(output_t *out, char *err, size_t errlen)
{
    if (!out->csv_name)
        return UB_OK;
    if (strcmp(out->csv_name, "-") == 0) {
        out->csv = stdout;
        return UB_OK;
    }
    out->csv = fopen(out->csv_name, "w");
    if (!out->csv)
        return ub_fail(err, errlen, UB_ERUNTIME, "cannot write %s: %s", out->csv_name, strerror(errno));
    return UB_OK;
}

static int output_close(output_t *out, int rc, char *err, size_t errlen)
{
    if (!out->csv)
        return rc;
    bool bad = fflush(out->csv) != 0 || ferror(out->csv);
    if (out->csv != stdout)
        bad |= fclose(out->csv) != 0;
    out->csv = NULL;
    if (bad && rc == UB_OK)
        return ub_fail(err, errlen, UB_ERUNTIME, "error writing %s",
                       strcmp(out->csv_name, "-") == 0 ? "the CSV to stdout" : out->csv_name);
    return rc;
}

int sweepmain_sweep(const cli_opts_t *o)
{
    char err[1024];
    shard_t shard = {1, 1};
    bool from_env = false;
    output_t out;
    int rc = output_setup(&out, o, err, sizeof err);
    if (rc == UB_OK && o->shard)
        rc = shard_parse(o->shard, &shard, err, sizeof err);
    else if (rc == UB_OK)
        rc = shard_from_env(&shard, &from_env, err, sizeof err);
    if (rc) {
        fprintf(stderr, "unibias: %s\n", err);
        return status_of(rc);
    }
    sweep_table_t t;
    rc = sweep_table_init(&t, &o->p, o->sweep, o->nsweep, o->repeat > 0 ? (int)o->repeat : 1, &shard, err,
                          sizeof err);
    if (rc) {
        fprintf(stderr, "unibias: %s\n", err);
        return status_of(rc);
    }
    rc = output_check_grid(&out, o, &t.grid, err, sizeof err);
    if (rc == UB_OK)
        rc = output_open(&out, err, sizeof err);
    if (rc == UB_OK) {
        if (from_env)
            fprintf(stderr, "unibias: shard %ld/%ld (from SLURM_ARRAY_TASK_ID): %ld of %ld runs\n", shard.k, shard.n,
                    t.nrows, t.grid.nruns);
        rc = sweep_exec(&t, (int)o->jobs, isatty(STDERR_FILENO) == 1, out.csv, err, sizeof err);
        rc = output_close(&out, rc, err, sizeof err);
    }
    if (rc == UB_OK && out.plot) {
        fflush(stdout);
        sweepplot_print(stdout, &t, &out.po);
    }
    sweep_table_free(&t);
    if (rc)
        fprintf(stderr, "unibias: %s\n", err);
    return status_of(rc);
}

int sweepmain_merge(const cli_opts_t *o)
{
    char err[1024];
    output_t out;
    int rc = output_setup(&out, o, err, sizeof err);
    merge_t m;
    merge_init(&m);
    for (int i = 0; rc == UB_OK && i < o->nmerge; i++) {
        const char *name = o->merge[i];
        bool std = strcmp(name, "-") == 0;
        FILE *f = std ? stdin : fopen(name, "r");
        if (!f) {
            rc = ub_fail(err, sizeof err, UB_EINVAL, "--merge: cannot read %s: %s", name, strerror(errno));
            break;
        }
        rc = merge_read(&m, f, std ? "<stdin>" : name, err, sizeof err);
        if (!std)
            fclose(f);
    }
    long missing = 0, first = -1;
    if (rc == UB_OK)
        rc = merge_finish(&m, &missing, &first, err, sizeof err);
    if (rc == UB_OK)
        rc = output_check_grid(&out, o, &m.t.grid, err, sizeof err);
    if (rc == UB_OK)
        rc = output_open(&out, err, sizeof err);
    if (rc == UB_OK && out.csv) {
        sweepcsv_head(out.csv, &m.t);
        for (long i = 0; i < m.t.nrows; i++)
            sweepcsv_row(out.csv, &m.t, &m.t.row[i]);
    }
    rc = output_close(&out, rc, err, sizeof err);
    if (rc == UB_OK && out.plot) {
        fflush(stdout);
        sweepplot_print(stdout, &m.t, &out.po);
    }
    if (rc == UB_OK && missing > 0) {
        char label[256];
        grid_label(&m.t.grid, first / m.t.grid.repeat, label, sizeof label);
        fprintf(stderr, "unibias: --merge: %ld of %ld runs missing, the first is run %ld (%s%srepeat %ld)\n", missing,
                m.t.grid.nruns, first, label, *label ? ", " : "", first % m.t.grid.repeat);
        merge_free(&m);
        return 1;
    }
    merge_free(&m);
    if (rc)
        fprintf(stderr, "unibias: %s\n", err);
    return status_of(rc);
}
