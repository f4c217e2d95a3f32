/* sweepmain.h - the front ends of sweep mode and --merge: where the CSV and
 * the plot go, sharding from the environment, exit statuses. */
#ifndef UNIBIAS_CLI_SWEEPMAIN_H
#define UNIBIAS_CLI_SWEEPMAIN_H

#include "cli/cli.h"

/* Both return the process exit status (0, 1 runtime failure or runs missing
 * from a merge, 2 bad usage or input) after printing any message. */
int sweepmain_sweep(const cli_opts_t *o);
int sweepmain_merge(const cli_opts_t *o);

#endif
