/* main.c - dispatches to the live view, batch mode, sweeps, merges or the informational modes. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/presetpath.h"
#include "cli/runner.h"
#include "cli/sweepmain.h"
#include "tui/tui.h"
#include "unibias/ub.h"

static int run_batch(const cli_opts_t *o)
{
    FILE *csv = NULL;
    if (o->csv) {
        csv = strcmp(o->csv, "-") == 0 ? stdout : fopen(o->csv, "w");
        if (!csv) {
            fprintf(stderr, "unibias: cannot write %s: ", o->csv);
            perror(NULL);
            return 1;
        }
    }
    run_summary_t s;
    char err[512];
    int rc = runner_run(&o->p, csv, o->every, &s, err, sizeof err);
    if (csv && csv != stdout && fclose(csv) != 0 && rc == UB_OK) {
        fprintf(stderr, "unibias: error writing %s\n", o->csv);
        return 1;
    }
    if (rc) {
        fprintf(stderr, "unibias: %s\n", err);
        return rc == UB_EINVAL ? 2 : 1;
    }
    runner_print(&s, csv == stdout ? stderr : stdout);
    return 0;
}

int main(int argc, char **argv)
{
    cli_opts_t o;
    char err[1024];
    if (cli_parse(argc, argv, &o, err, sizeof err) != UB_OK) {
        fprintf(stderr, "unibias: %s\n", err);
        return 2;
    }
    switch (o.mode) {
    case CLI_MODE_HELP:
        cli_usage(stdout);
        return 0;
    case CLI_MODE_VERSION:
        printf("unibias %s\n", UB_VERSION);
        return 0;
    case CLI_MODE_BATCH:
        return run_batch(&o);
    case CLI_MODE_LIST:
        return presetpath_list(stdout);
    case CLI_MODE_SWEEP:
        return sweepmain_sweep(&o);
    case CLI_MODE_MERGE:
        return sweepmain_merge(&o);
    default: {
        tui_opts_t to = {o.ascii, o.no_color, o.preset};
        return tui_run(&o.p, &to);
    }
    }
}
