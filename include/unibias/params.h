/* params.h - the parameter vocabulary: one table (key, type, default, range,
 * help) that preset files, --set, the TUI, CSV headers and the man page share. */
#ifndef UNIBIAS_PARAMS_H
#define UNIBIAS_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { DATA_TOY, DATA_MULTI, DATA_XOR } data_kind_t;
typedef enum { ACT_LINEAR, ACT_RELU, ACT_LEAKY } act_t;
typedef enum { INIT_FLAT, INIT_SCALED } init_scheme_t;
typedef enum { COV_DIAG, COV_WISHART } cov_kind_t;
typedef enum { TARGET_CONST, TARGET_UNIFORM } target_kind_t;
typedef enum { PATH_AUTO, PATH_MOMENTS, PATH_SAMPLES } path_kind_t;

/* Samples used by nonlinear nets when n = 0 (they cannot use exact moments). */
#define PARAMS_NONLINEAR_DEFAULT_N 8192

typedef struct params {
    int data;           /* data_kind_t */
    double sigma_a, sigma_b, rho, w_a, w_b, noise;
    int dim_a, dim_b;   /* multi only */
    int cov;            /* cov_kind_t, multi only */
    int target;         /* target_kind_t, multi only */
    long n;             /* 0 = population */
    int depth, fuse, width;
    int activation;     /* act_t */
    double slope;       /* leaky ReLU negative slope */
    double init;
    int init_scheme;    /* init_scheme_t */
    double lr, weight_decay;
    uint64_t seed;
    long steps;         /* 0 = until converged (with a cap) */
    int path;           /* path_kind_t */
} params_t;

typedef enum { PT_DOUBLE, PT_INT, PT_LONG, PT_U64, PT_ENUM } param_type_t;

/* Which part of the screen/man page a key belongs to. */
typedef enum { PG_DATA, PG_ARCH, PG_TRAIN } param_group_t;

typedef struct param_info {
    const char *key;
    param_type_t type;
    size_t offset;              /* into params_t */
    const char *def;            /* default, as text */
    double min, max;            /* numeric range */
    bool min_open, max_open;    /* exclusive bounds */
    const char *const *names;   /* PT_ENUM: NULL-terminated value names */
    param_group_t group;
    unsigned data_mask;         /* bit (1u << data_kind_t): data sets it applies to */
    bool restart;               /* changing it rebuilds the network (architecture) */
    double step_fine, step_coarse; /* TUI nudges; for log keys a factor */
    bool log_scale;             /* nudge multiplies (init, lr, ...) */
    const char *help;           /* one line */
} param_info_t;

void params_default(params_t *p);
size_t params_count(void);
const param_info_t *params_info(size_t i);
const param_info_t *params_find(const char *key);
/* Closest known key to a misspelt one (edit distance), or NULL. */
const char *params_suggest(const char *key);

/* Parses value for key into p after checking type and range; p is unchanged on
 * error, and err names the key, the value and what is allowed. */
int params_set(params_t *p, const char *key, const char *value, char *err, size_t errlen);
/* "key=value" form of params_set. */
int params_set_kv(params_t *p, const char *kv, char *err, size_t errlen);
/* Cross-field rules (fuse <= depth, ...). */
int params_check(const params_t *p, char *err, size_t errlen);
/* The value of key in p as text (shortest form that reads back exactly). */
int params_format(const params_t *p, const char *key, char *buf, size_t len);
/* Human-readable range ("(-1, 1)", "toy|multi|xor", ">= 1"). */
void params_range_text(const param_info_t *pi, char *buf, size_t len);
/* Whether the key matters for p's data set and activation (the TUI shows only these). */
bool params_applies(const params_t *p, const param_info_t *pi);
/* Steps the key by dir (+1/-1), fine or coarse; refuses (keeps p) at the range edge. */
int params_nudge(params_t *p, const char *key, int dir, bool coarse, char *err, size_t errlen);
/* Numeric value of a key (enums: index). */
double params_get(const params_t *p, const param_info_t *pi);
/* Input dimensions of p's data set: x_A (xor: its two points' coordinates), x_B. */
void params_dims(const params_t *p, int *da, int *db);
/* Samples actually drawn: n, or the nonlinear default when n = 0 and the path needs samples. */
long params_samples(const params_t *p);
/* Whether training uses the per-sample path. */
bool params_uses_samples(const params_t *p);
/* "early fusion" / "late fusion" / "intermediate fusion" / "shallow". */
const char *params_fusion_name(const params_t *p);

#endif
