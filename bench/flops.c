/* flops.c - two numbers for judging the per-sample (ReLU) path: the machine's
 * single-thread dgemm rate on square matrices (what OpenBLAS can reach), and
 * the floating-point work of one full-batch step of a configuration, counted
 * from its layer shapes (forward N x rows x cols per layer; backward the same
 * for each weight gradient and for each back-propagated delta except into the
 * inputs).
 * usage: flops [--set KEY=VALUE]...  prints dgemm_gflops= and flops_per_step= */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unibias/net.h"
#include "unibias/params.h"
#include "unibias/ub.h"

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Best of several 512^3 products: GFLOP/s on one thread. */
static double dgemm_rate(void)
{
    const int n = 512;
    double *a = malloc(sizeof *a * n * n), *b = malloc(sizeof *b * n * n), *c = malloc(sizeof *c * n * n);
    if (!a || !b || !c)
        return 0;
    for (int i = 0; i < n * n; i++) {
        a[i] = (double)(i % 7) * 0.1;
        b[i] = (double)(i % 5) * 0.2;
    }
    openblas_set_num_threads(1);
    double best = 0;
    for (int r = 0; r < 7; r++) {
        double t0 = now_sec();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
        double rate = 2.0 * n * n * n / (now_sec() - t0) / 1e9;
        if (rate > best)
            best = rate;
    }
    free(a), free(b), free(c);
    return best;
}

int main(int argc, char **argv)
{
    params_t p;
    params_default(&p);
    char err[256];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--set") == 0 && i + 1 < argc) {
            if (params_set_kv(&p, argv[++i], err, sizeof err) != UB_OK) {
                fprintf(stderr, "flops: %s\n", err);
                return 2;
            }
        } else {
            fprintf(stderr, "usage: flops [--set KEY=VALUE]...\n");
            return 2;
        }
    }
    long n = params_samples(&p);
    int da = p.data == DATA_MULTI ? p.dim_a : p.data == DATA_XOR ? 2 : 1;
    int db = p.data == DATA_MULTI ? p.dim_b : 1;
    net_t net;
    if (net_init(&net, &p, da, db, n, err, sizeof err) != UB_OK) {
        fprintf(stderr, "flops: %s\n", err);
        return 1;
    }
    double flops = 0;
    for (int k = 0; k < net.nlayers; k++) {
        double rc = (double)net.layer[k].rows * net.layer[k].cols;
        bool first = k == 0 || k == net.Lf; /* a branch's input layer: no delta into the data */
        flops += 2.0 * (double)n * rc * (first ? 2 : 3);
    }
    net_free(&net);
    printf("flops_per_step=%.6g\ndgemm_gflops=%.6g\n", flops, dgemm_rate());
    return 0;
}
