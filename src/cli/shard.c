/* shard.c - shard selection from --shard or a Slurm job array. */
#include "cli/shard.h"

#include <stdlib.h>
#include <string.h>

#include "unibias/ub.h"

/* A whole number >= 0 filling the whole string. */
static bool read_count(const char *s, size_t len, long *out)
{
    if (len == 0 || len > 18)
        return false;
    long v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

int shard_parse(const char *s, shard_t *out, char *err, size_t errlen)
{
    const char *slash = strchr(s, '/');
    long k, n;
    if (!slash || !read_count(s, (size_t)(slash - s), &k) || !read_count(slash + 1, strlen(slash + 1), &n))
        return ub_fail(err, errlen, UB_EINVAL, "--shard must be K/N (e.g. 2/8), got '%s'", s);
    if (n < 1 || k < 1 || k > n)
        return ub_fail(err, errlen, UB_EINVAL, "--shard K/N needs 1 <= K <= N, got '%s'", s);
    out->k = k;
    out->n = n;
    return UB_OK;
}

/* Reads an environment variable as a whole number; *set tells whether it exists. */
static int env_count(const char *name, long *out, bool *set, char *err, size_t errlen)
{
    const char *v = getenv(name);
    *set = v != NULL;
    if (!v)
        return UB_OK;
    if (!read_count(v, strlen(v), out))
        return ub_fail(err, errlen, UB_EINVAL, "%s must be a whole number, got '%s'", name, v);
    return UB_OK;
}

int shard_from_env(shard_t *out, bool *found, char *err, size_t errlen)
{
    long id = 0, min = 0, max = 0, step = 1, count = 0;
    bool has_id, has_min, has_max, has_step, has_count;
    if (env_count("SLURM_ARRAY_TASK_ID", &id, &has_id, err, errlen) ||
        env_count("SLURM_ARRAY_TASK_MIN", &min, &has_min, err, errlen) ||
        env_count("SLURM_ARRAY_TASK_MAX", &max, &has_max, err, errlen) ||
        env_count("SLURM_ARRAY_TASK_STEP", &step, &has_step, err, errlen) ||
        env_count("SLURM_ARRAY_TASK_COUNT", &count, &has_count, err, errlen))
        return UB_EINVAL;
    *found = has_id;
    if (!has_id)
        return UB_OK;
    if (!has_step || step < 1)
        step = 1;
    long k, n;
    if (has_min && (has_count || has_max)) {
        if (id < min || (id - min) % step != 0)
            return ub_fail(err, errlen, UB_EINVAL,
                           "SLURM_ARRAY_TASK_ID=%ld is not on the array's grid (min %ld, step %ld); use --shard K/N", id,
                           min, step);
        k = (id - min) / step + 1;
        n = has_count ? count : (max >= min ? (max - min) / step + 1 : 0);
    } else if (has_count) {
        k = id + 1; /* without a minimum the ids are taken as 0..COUNT-1 */
        n = count;
    } else {
        return ub_fail(err, errlen, UB_EINVAL,
                       "SLURM_ARRAY_TASK_ID is set without SLURM_ARRAY_TASK_COUNT or _MIN/_MAX; use --shard K/N");
    }
    if (n < 1 || k > n)
        return ub_fail(err, errlen, UB_EINVAL,
                       "cannot place SLURM_ARRAY_TASK_ID=%ld among %ld array tasks (a list like --array=1,4,7?); "
                       "use --shard K/N",
                       id, n);
    out->k = k;
    out->n = n;
    return UB_OK;
}

bool shard_owns(const shard_t *s, long run)
{
    return run % s->n == s->k - 1;
}

long shard_count(const shard_t *s, long nruns)
{
    return nruns >= s->k ? (nruns - s->k) / s->n + 1 : 0;
}
