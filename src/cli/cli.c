/* cli.c - argument parsing shared by every mode; strict, with messages that
 * name the option and what it accepts. */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/presetpath.h"
#include "unibias/ub.h"

void cli_usage(FILE *out)
{
    fprintf(out,
            "usage: unibias [-p PRESET] [--set KEY=VALUE]... [--seed N] [--ascii] [--no-color]\n"
            "       unibias --batch [-p PRESET] [--set KEY=VALUE]... [--steps N] [--csv FILE] [--every K]\n"
            "       unibias --sweep KEY=VALUES [--sweep KEY=VALUES] [--repeat R] [-j N] [--shard K/N]\n"
            "               [-p PRESET] [--set KEY=VALUE]... [--csv FILE] [--plot[=KIND] | --no-plot] [--plot-y COLUMN]\n"
            "       unibias --merge FILE... [--csv FILE] [--plot[=KIND] | --no-plot] [--plot-y COLUMN]\n"
            "       unibias --list-presets | --help | --version\n"
            "\n"
            "Watch a multimodal deep linear network learn one modality before the other\n"
            "(unimodal bias; Zhang, Latham & Saxe, ICML 2024). Without --batch it opens the\n"
            "live view; --batch trains headless and prints key=value results.\n"
            "\n"
            "options:\n"
            "  -p, --preset PRESET   load a preset file or name (see --list-presets)\n"
            "  -s, --set KEY=VALUE   set a parameter (repeatable; applied after the preset)\n"
            "      --seed N          same as --set seed=N\n"
            "      --steps N         run exactly N steps (batch); default: until converged\n"
            "      --batch           train without a terminal and print a summary\n"
            "      --csv FILE        --batch: the trajectory as CSV; --sweep/--merge: one row per run ('-' = stdout)\n"
            "      --every K         with --csv: one row every K steps (default 1)\n"
            "      --sweep KEY=VALUES  sweep a parameter (repeatable, up to 4 keys): a list a,b,c or an\n"
            "                        inclusive range FIRST:LAST:COUNT (FIRST:LAST:COUNT:log for geometric)\n"
            "      --repeat R        runs per sweep point, each with its own seed (default 1)\n"
            "  -j, --jobs N          sweep runs in parallel (default: one per core)\n"
            "      --shard K/N       run only shard K of N of the sweep (default: from a Slurm job array)\n"
            "      --merge FILE...   join shard CSVs ('-' = stdin) into the whole sweep's CSV and plot\n"
            "      --plot[=KIND]     plot the sweep even when stdout is not a terminal; KIND is auto,\n"
            "                        curve, scatter or map\n"
            "      --no-plot         no plot: the sweep's CSV goes to stdout unless --csv is given\n"
            "      --plot-y COLUMN   what to plot: time_ratio (default), misattribution, eg, t_a, t_b,\n"
            "                        final_loss or steps\n"
            "      --list-presets    list the presets found on the search path\n"
            "      --ascii           no braille or line drawing characters\n"
            "      --no-color        no colours (also when NO_COLOR is set)\n"
            "  -h, --help            this help\n"
            "  -V, --version         version\n"
            "\n"
            "parameters (KEY, default, allowed values):\n");
    for (size_t i = 0; i < params_count(); i++) {
        const param_info_t *pi = params_info(i);
        char r[96];
        params_range_text(pi, r, sizeof r);
        fprintf(out, "  %-13s %-7s %-18s %s\n", pi->key, pi->def, r, pi->help);
    }
    fprintf(out, "\nexit status: 0 success, 1 runtime failure, 2 bad usage or input. See unibias(1).\n");
}

static int need_arg(int i, int argc, const char *opt, char *err, size_t errlen)
{
    if (i + 1 >= argc)
        return ub_fail(err, errlen, UB_EINVAL, "%s needs an argument", opt);
    return UB_OK;
}

static int parse_count(const char *opt, const char *s, long min, long *out, char *err, size_t errlen)
{
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v < min)
        return ub_fail(err, errlen, UB_EINVAL, "%s must be a whole number >= %ld, got '%s'", opt, min, s);
    *out = (long)v;
    return UB_OK;
}

/* Options that take one argument: pass 1 skips their argument. */
static bool takes_arg(const char *a)
{
    static const char *const opts[] = {"-s", "--set", "--seed", "--steps", "--csv", "--every", "--sweep",
                                       "--repeat", "-j", "--jobs", "--shard", "--plot-y", NULL};
    for (int i = 0; opts[i]; i++)
        if (strcmp(a, opts[i]) == 0)
            return true;
    return false;
}

/* --merge takes the arguments up to the next option ("-" alone is stdin). */
static bool is_file_arg(const char *a)
{
    return a[0] != '-' || a[1] == '\0';
}

int cli_parse(int argc, char **argv, cli_opts_t *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->mode = CLI_MODE_TUI;
    o->every = 1;
    o->plot = -1;
    params_default(&o->p);
    char msg[512];
    bool batch = false, merge = false, sweep_only = false, plot_opt = false, params_given = false;
    /* Pass 1: the preset first, so that --set overrides it wherever it stands. */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-p") == 0 || strcmp(argv[i], "--preset") == 0) {
            if (need_arg(i, argc, argv[i], err, errlen))
                return UB_EINVAL;
            if (o->preset)
                return ub_fail(err, errlen, UB_EINVAL, "only one -p/--preset may be given");
            o->preset = argv[++i];
        } else if (strcmp(argv[i], "--merge") == 0) {
            while (i + 1 < argc && is_file_arg(argv[i + 1]))
                i++;
        } else if (takes_arg(argv[i])) {
            i++; /* skip the argument */
        }
    }
    if (o->preset) {
        char path[4400];
        if (presetpath_find(o->preset, path, sizeof path, msg, sizeof msg) != 0)
            return ub_fail(err, errlen, UB_EINVAL, "%s", msg);
        if (preset_load(&o->p, path, &o->meta, msg, sizeof msg) != UB_OK)
            return ub_fail(err, errlen, UB_EINVAL, "%s", msg);
        params_given = true;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-p") == 0 || strcmp(a, "--preset") == 0) {
            i++;
        } else if (strcmp(a, "-s") == 0 || strcmp(a, "--set") == 0) {
            if (need_arg(i, argc, a, err, errlen))
                return UB_EINVAL;
            if (params_set_kv(&o->p, argv[++i], msg, sizeof msg) != UB_OK)
                return ub_fail(err, errlen, UB_EINVAL, "--set: %s", msg);
            params_given = true;
        } else if (strncmp(a, "--set=", 6) == 0) {
            if (params_set_kv(&o->p, a + 6, msg, sizeof msg) != UB_OK)
                return ub_fail(err, errlen, UB_EINVAL, "--set: %s", msg);
            params_given = true;
        } else if (strcmp(a, "--seed") == 0 || strcmp(a, "--steps") == 0) {
            if (need_arg(i, argc, a, err, errlen))
                return UB_EINVAL;
            if (params_set(&o->p, a + 2, argv[++i], msg, sizeof msg) != UB_OK)
                return ub_fail(err, errlen, UB_EINVAL, "%s: %s", a, msg);
            params_given = true;
        } else if (strcmp(a, "--csv") == 0) {
            if (need_arg(i, argc, a, err, errlen))
                return UB_EINVAL;
            o->csv = argv[++i];
        } else if (strcmp(a, "--every") == 0) {
            if (need_arg(i, argc, a, err, errlen) || parse_count(a, argv[i + 1], 1, &o->every, err, errlen))
                return UB_EINVAL;
            i++;
        } else if (strcmp(a, "--sweep") == 0 || strncmp(a, "--sweep=", 8) == 0) {
            const char *v = a[7] == '=' ? a + 8 : NULL;
            if (!v) {
                if (need_arg(i, argc, a, err, errlen))
                    return UB_EINVAL;
                v = argv[++i];
            }
            if (o->nsweep == CLI_MAX_SWEEPS)
                return ub_fail(err, errlen, UB_EINVAL, "too many --sweep options (at most 4 keys)");
            o->sweep[o->nsweep++] = v;
        } else if (strcmp(a, "--repeat") == 0) {
            if (need_arg(i, argc, a, err, errlen) || parse_count(a, argv[i + 1], 1, &o->repeat, err, errlen))
                return UB_EINVAL;
            if (o->repeat > 1000000)
                return ub_fail(err, errlen, UB_EINVAL, "--repeat must be at most 1000000, got %ld", o->repeat);
            i++;
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
            if (need_arg(i, argc, a, err, errlen) || parse_count(a, argv[i + 1], 1, &o->jobs, err, errlen))
                return UB_EINVAL;
            if (o->jobs > 1024)
                return ub_fail(err, errlen, UB_EINVAL, "%s must be at most 1024, got %ld", a, o->jobs);
            i++;
            sweep_only = true;
        } else if (strncmp(a, "-j", 2) == 0 && a[2] >= '0' && a[2] <= '9') {
            if (parse_count("-j", a + 2, 1, &o->jobs, err, errlen))
                return UB_EINVAL;
            if (o->jobs > 1024)
                return ub_fail(err, errlen, UB_EINVAL, "-j must be at most 1024, got %ld", o->jobs);
            sweep_only = true;
        } else if (strcmp(a, "--shard") == 0) {
            if (need_arg(i, argc, a, err, errlen))
                return UB_EINVAL;
            o->shard = argv[++i];
            sweep_only = true;
        } else if (strcmp(a, "--plot") == 0) {
            o->plot = 1;
            plot_opt = true;
        } else if (strncmp(a, "--plot=", 7) == 0) {
            o->plot = 1;
            o->plot_kind = a + 7;
            plot_opt = true;
        } else if (strcmp(a, "--no-plot") == 0) {
            o->plot = 0;
            plot_opt = true;
        } else if (strcmp(a, "--plot-y") == 0) {
            if (need_arg(i, argc, a, err, errlen))
                return UB_EINVAL;
            o->plot_y = argv[++i];
            plot_opt = true;
        } else if (strcmp(a, "--merge") == 0) {
            merge = true;
            int first = i + 1;
            while (i + 1 < argc && is_file_arg(argv[i + 1]))
                i++;
            if (i + 1 == first)
                return ub_fail(err, errlen, UB_EINVAL, "--merge needs one or more sweep CSV files");
            o->merge = argv + first;
            o->nmerge = i + 1 - first;
        } else if (strcmp(a, "--batch") == 0) {
            batch = true;
        } else if (strcmp(a, "--list-presets") == 0) {
            o->mode = CLI_MODE_LIST;
        } else if (strcmp(a, "--ascii") == 0) {
            o->ascii = true;
        } else if (strcmp(a, "--no-color") == 0 || strcmp(a, "--no-colour") == 0) {
            o->no_color = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            o->mode = CLI_MODE_HELP;
            return UB_OK;
        } else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            o->mode = CLI_MODE_VERSION;
            return UB_OK;
        } else {
            return ub_fail(err, errlen, UB_EINVAL, "unknown option '%s' (try --help)", a);
        }
    }
    bool sweep = o->nsweep > 0 || o->repeat > 0;
    if (sweep + merge + batch > 1)
        return ub_fail(err, errlen, UB_EINVAL, "choose one of --batch, --sweep/--repeat and --merge");
    if (o->mode != CLI_MODE_LIST) {
        if (batch)
            o->mode = CLI_MODE_BATCH;
        else if (sweep)
            o->mode = CLI_MODE_SWEEP;
        else if (merge)
            o->mode = CLI_MODE_MERGE;
    }
    if (o->csv && o->mode != CLI_MODE_BATCH && o->mode != CLI_MODE_SWEEP && o->mode != CLI_MODE_MERGE)
        return ub_fail(err, errlen, UB_EINVAL, "--csv needs --batch, --sweep or --merge");
    if (sweep_only && o->mode != CLI_MODE_SWEEP)
        return ub_fail(err, errlen, UB_EINVAL, "-j and --shard need --sweep or --repeat");
    if (plot_opt && o->mode != CLI_MODE_SWEEP && o->mode != CLI_MODE_MERGE)
        return ub_fail(err, errlen, UB_EINVAL, "--plot, --no-plot and --plot-y need --sweep, --repeat or --merge");
    if (o->mode == CLI_MODE_MERGE && params_given)
        return ub_fail(err, errlen, UB_EINVAL, "--merge takes the parameters from its files; drop -p/--set/--seed/--steps");
    /* a sweep checks each of its points instead: the base may be invalid on its own
     * (fuse=3 before --sweep depth=3,4) */
    if (o->mode != CLI_MODE_SWEEP && params_check(&o->p, msg, sizeof msg) != UB_OK)
        return ub_fail(err, errlen, UB_EINVAL, "%s", msg);
    return UB_OK;
}
