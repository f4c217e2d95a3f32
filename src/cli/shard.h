/* shard.h - splitting a sweep's runs among N independent processes: shard K
 * of N runs the runs with run % N == K - 1 (round robin, so that cheap and
 * expensive corners of a grid spread evenly). Seeds do not depend on N. */
#ifndef UNIBIAS_CLI_SHARD_H
#define UNIBIAS_CLI_SHARD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct shard {
    long k, n; /* 1 <= k <= n; 1/1 = everything */
} shard_t;

/* "K/N" with 1 <= K <= N. */
int shard_parse(const char *s, shard_t *out, char *err, size_t errlen);
/* From a Slurm job array: SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_MIN and
 * SLURM_ARRAY_TASK_MAX (and SLURM_ARRAY_TASK_STEP if set), or with
 * SLURM_ARRAY_TASK_COUNT alone (task ids 0..COUNT-1). Sets *found to whether
 * SLURM_ARRAY_TASK_ID is set; UB_EINVAL names a malformed variable. */
int shard_from_env(shard_t *out, bool *found, char *err, size_t errlen);
bool shard_owns(const shard_t *s, long run);
/* Runs of 0..nruns-1 that the shard owns. */
long shard_count(const shard_t *s, long nruns);

#endif
