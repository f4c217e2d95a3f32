/* spec.h - one sweep axis from `KEY=SPEC`: a list of values (`-0.5,0,0.5`,
 * `linear,relu`) or an inclusive range `a:b:n` (n evenly spaced points from a
 * to b; `a:b:n:log` spaces them geometrically). Every value is checked against
 * the parameter table when parsed, so a bad spec fails before any run. */
#ifndef UNIBIAS_CLI_SPEC_H
#define UNIBIAS_CLI_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "unibias/params.h"

/* More points than this on one axis is a typo, not a sweep. */
#define SPEC_MAX_VALUES 100000

typedef struct spec {
    const param_info_t *pi; /* the swept key */
    char *text;             /* the argument as given ("rho=-0.9:0.9:9") */
    int n;                  /* number of values, >= 1 */
    char **val;             /* canonical text of each value (params_format) */
    double *num;            /* numeric value of each (enums: their index) */
    bool log;               /* geometric range: plot this axis on a log scale */
} spec_t;

/* Parses "KEY=SPEC" into s (zeroed first). Returns UB_OK, or UB_EINVAL /
 * UB_ENOMEM with a one-line message naming the problem; s needs no freeing
 * on error. */
int spec_parse(spec_t *s, const char *arg, char *err, size_t errlen);
void spec_free(spec_t *s);

#endif
