/* cli.h - command line: options shared by the TUI, batch and sweep modes. */
#ifndef UNIBIAS_CLI_H
#define UNIBIAS_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include "unibias/params.h"
#include "unibias/preset.h"

enum { CLI_MODE_TUI, CLI_MODE_BATCH, CLI_MODE_HELP, CLI_MODE_VERSION, CLI_MODE_LIST, CLI_MODE_SWEEP, CLI_MODE_MERGE };

/* --sweep options kept (the grid refuses more than it can take, with a message). */
#define CLI_MAX_SWEEPS 8

typedef struct cli_opts {
    int mode;
    params_t p;
    preset_meta_t meta;
    const char *preset;     /* as given to -p */
    const char *csv;        /* --csv FILE ("-" = stdout) */
    long every;             /* CSV row every K steps */
    bool ascii, no_color;
    /* sweep mode (--sweep / --repeat) and --merge */
    const char *sweep[CLI_MAX_SWEEPS]; /* KEY=SPEC as given */
    int nsweep;
    long repeat;            /* 0 = not given (1) */
    long jobs;              /* -j; 0 = one per core */
    const char *shard;      /* --shard K/N, or NULL (then Slurm's variables) */
    int plot;               /* -1 = when stdout is a terminal, 0 = --no-plot, 1 = --plot */
    const char *plot_kind;  /* --plot=KIND, or NULL for auto */
    const char *plot_y;     /* --plot-y COLUMN, or NULL for time_ratio */
    char **merge;           /* --merge FILE... */
    int nmerge;
} cli_opts_t;

/* Parses argv into o (defaults, then the preset, then --set/--seed/--steps in
 * order); returns UB_OK or UB_EINVAL with a one-line message. */
int cli_parse(int argc, char **argv, cli_opts_t *o, char *err, size_t errlen);
/* Usage text, generated from the parameter table. */
void cli_usage(FILE *out);

#endif
