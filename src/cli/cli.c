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
            "      --csv FILE        with --batch: write the trajectory as CSV ('-' = stdout)\n"
            "      --every K         with --csv: one row every K steps (default 1)\n"
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

int cli_parse(int argc, char **argv, cli_opts_t *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->mode = CLI_MODE_TUI;
    o->every = 1;
    params_default(&o->p);
    char msg[512];
    /* Pass 1: the preset first, so that --set overrides it wherever it stands. */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-p") == 0 || strcmp(argv[i], "--preset") == 0) {
            if (need_arg(i, argc, argv[i], err, errlen))
                return UB_EINVAL;
            if (o->preset)
                return ub_fail(err, errlen, UB_EINVAL, "only one -p/--preset may be given");
            o->preset = argv[++i];
        } else if (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "--set") == 0 || strcmp(argv[i], "--seed") == 0 ||
                   strcmp(argv[i], "--steps") == 0 || strcmp(argv[i], "--csv") == 0 ||
                   strcmp(argv[i], "--every") == 0) {
            i++; /* skip the argument */
        }
    }
    if (o->preset) {
        char path[4400];
        if (presetpath_find(o->preset, path, sizeof path, msg, sizeof msg) != 0)
            return ub_fail(err, errlen, UB_EINVAL, "%s", msg);
        if (preset_load(&o->p, path, &o->meta, msg, sizeof msg) != UB_OK)
            return ub_fail(err, errlen, UB_EINVAL, "%s", msg);
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
        } else if (strncmp(a, "--set=", 6) == 0) {
            if (params_set_kv(&o->p, a + 6, msg, sizeof msg) != UB_OK)
                return ub_fail(err, errlen, UB_EINVAL, "--set: %s", msg);
        } else if (strcmp(a, "--seed") == 0 || strcmp(a, "--steps") == 0) {
            if (need_arg(i, argc, a, err, errlen))
                return UB_EINVAL;
            if (params_set(&o->p, a + 2, argv[++i], msg, sizeof msg) != UB_OK)
                return ub_fail(err, errlen, UB_EINVAL, "%s: %s", a, msg);
        } else if (strcmp(a, "--csv") == 0) {
            if (need_arg(i, argc, a, err, errlen))
                return UB_EINVAL;
            o->csv = argv[++i];
        } else if (strcmp(a, "--every") == 0) {
            if (need_arg(i, argc, a, err, errlen) || parse_count(a, argv[i + 1], 1, &o->every, err, errlen))
                return UB_EINVAL;
            i++;
        } else if (strcmp(a, "--batch") == 0) {
            o->mode = CLI_MODE_BATCH;
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
    if (o->csv && o->mode != CLI_MODE_BATCH)
        return ub_fail(err, errlen, UB_EINVAL, "--csv needs --batch");
    if (params_check(&o->p, msg, sizeof msg) != UB_OK)
        return ub_fail(err, errlen, UB_EINVAL, "%s", msg);
    return UB_OK;
}
