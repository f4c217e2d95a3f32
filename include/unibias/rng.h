/* rng.h - small deterministic random source (xoshiro256**), so that a seed
 * reproduces a run bit for bit on every platform. */
#ifndef UNIBIAS_RNG_H
#define UNIBIAS_RNG_H

#include <stdint.h>

typedef struct rng {
    uint64_t s[4];
    int has_spare;  /* Box-Muller makes normals in pairs */
    double spare;
} rng_t;

/* Seeds from one 64-bit value (splitmix64 expansion); stream separates
 * independent uses of the same seed (init weights vs samples). */
void rng_seed(rng_t *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(rng_t *r);
double rng_uniform(rng_t *r);          /* [0, 1) */
double rng_normal(rng_t *r);           /* N(0, 1) */
double rng_chisq(rng_t *r, double df); /* chi-square, df > 0 (via gamma) */

#endif
