/* hot.h - engine-private: marks the few kernels worth compiling twice, for
 * x86-64-v3 (AVX2+FMA) and for the baseline, with the loader picking one for
 * this CPU by its features. Wide vectors without a -march=native build that
 * would not run elsewhere. Sanitizer builds and other compilers get one copy. */
#ifndef UNIBIAS_HOT_H
#define UNIBIAS_HOT_H

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__) &&             \
    !defined(__SANITIZE_THREAD__)
#define HOT __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define HOT
#endif

#endif
