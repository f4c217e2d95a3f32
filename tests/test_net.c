/* test_net.c - gradients against central finite differences for every shape,
 * the fused step against the gradient, and the moment path against the
 * per-sample path. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "unibias/data.h"
#include "unibias/net.h"
#include "util.h"

static double loss_at(net_t *net, const dataset_t *ds, int samples)
{
    return samples ? net_step_samples(net, ds, 0.0, 0.0, NULL, NULL)
                   : net_step_moments(net, &ds->train, 0.0, 0.0, NULL, NULL);
}

/* Checks d loss / d theta for one configuration; returns the worst relative error. */
static double fd_check(const params_t *p, int samples)
{
    dataset_t ds;
    net_t net;
    char err[256];
    ck_assert_msg(data_make(&ds, p, err, sizeof err) == UB_OK, "%s", err);
    ck_assert_msg(net_init(&net, p, ds.da, ds.db, samples ? ds.n : 0, err, sizeof err) == UB_OK, "%s", err);
    double *g = malloc(sizeof *g * net.nparams);
    ck_assert_ptr_nonnull(g);
    if (samples)
        net_step_samples(&net, &ds, 0.0, 0.0, NULL, g);
    else
        net_step_moments(&net, &ds.train, 0.0, 0.0, NULL, g);
    double worst = 0.0;
    for (size_t i = 0; i < net.nparams; i++) {
        double th = net.theta[i], h = 1e-6 * fmax(1.0, fabs(th));
        net.theta[i] = th + h;
        double lp = loss_at(&net, &ds, samples);
        net.theta[i] = th - h;
        double lm = loss_at(&net, &ds, samples);
        net.theta[i] = th;
        double fd = (lp - lm) / (2 * h);
        double rel = fabs(fd - g[i]) / (1e-7 + fabs(fd) + fabs(g[i]));
        if (fabs(fd - g[i]) > 1e-9 && rel > worst)
            worst = rel;
    }
    free(g);
    net_free(&net);
    data_free(&ds);
    return worst;
}

static void fd_all(const char *data, const char *act, int samples)
{
    char buf[8][64];
    for (int L = 1; L <= 5; L++)
        for (int Lf = 1; Lf <= L; Lf++) {
            snprintf(buf[0], 64, "depth=%d", L);
            snprintf(buf[1], 64, "fuse=%d", Lf);
            snprintf(buf[2], 64, "data=%s", data);
            snprintf(buf[3], 64, "activation=%s", act);
            snprintf(buf[4], 64, "path=%s", samples ? "samples" : "moments");
            params_t p = util_params(buf[0], buf[1], buf[2], buf[3], buf[4], "width=3", "init=0.6",
                                     "dim_a=2", "dim_b=3", "n=24", "rho=0.3", "noise=0.1", "seed=7", NULL);
            double worst = fd_check(&p, samples);
            ck_assert_msg(worst < 1e-5, "%s %s L=%d Lf=%d %s: gradient off by %g", data, act, L, Lf,
                          samples ? "samples" : "moments", worst);
        }
}

START_TEST(grad_linear_moments_scalar) { fd_all("toy", "linear", 0); }
END_TEST
START_TEST(grad_linear_moments_vector) { fd_all("multi", "linear", 0); }
END_TEST
START_TEST(grad_linear_samples_scalar) { fd_all("toy", "linear", 1); }
END_TEST
START_TEST(grad_linear_samples_vector) { fd_all("multi", "linear", 1); }
END_TEST
START_TEST(grad_relu_scalar) { fd_all("toy", "relu", 1); }
END_TEST
START_TEST(grad_relu_vector) { fd_all("multi", "relu", 1); }
END_TEST
START_TEST(grad_leaky_xor) { fd_all("xor", "leaky", 1); }
END_TEST

/* The fused update must equal theta - lr (grad + wd theta). */
static void step_vs_grad(int samples)
{
    params_t p = util_params("depth=4", "fuse=2", "width=5", "init=0.5", "data=multi", "dim_a=3", "dim_b=2",
                             "n=30", samples ? "activation=relu" : "activation=linear", NULL);
    dataset_t ds;
    net_t net;
    char err[256];
    ck_assert(data_make(&ds, &p, err, sizeof err) == UB_OK);
    ck_assert(net_init(&net, &p, ds.da, ds.db, samples ? ds.n : 0, err, sizeof err) == UB_OK);
    double lr = 0.05, wd = 0.01;
    double *g = malloc(sizeof *g * net.nparams), *th = malloc(sizeof *th * net.nparams);
    memcpy(th, net.theta, sizeof *th * net.nparams);
    double l1 = samples ? net_step_samples(&net, &ds, lr, wd, NULL, g) : net_step_moments(&net, &ds.train, lr, wd, NULL, g);
    double l2 = samples ? net_step_samples(&net, &ds, lr, wd, NULL, NULL)
                        : net_step_moments(&net, &ds.train, lr, wd, NULL, NULL);
    ck_assert_double_eq_tol(l1, l2, 1e-14);
    for (size_t i = 0; i < net.nparams; i++)
        ck_assert_double_eq_tol(net.theta[i], th[i] - lr * g[i], 1e-13);
    free(g);
    free(th);
    net_free(&net);
    data_free(&ds);
}

START_TEST(fused_step_moments) { step_vs_grad(0); }
END_TEST
START_TEST(fused_step_samples) { step_vs_grad(1); }
END_TEST

/* Full-batch descent on the empirical moments is descent on the samples. */
START_TEST(moments_equal_samples)
{
    const char *shapes[][2] = {{"depth=2", "fuse=2"}, {"depth=2", "fuse=1"}, {"depth=4", "fuse=2"},
                               {"depth=3", "fuse=3"}, {"depth=1", "fuse=1"}, {"depth=5", "fuse=3"}};
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        for (int multi = 0; multi < 2; multi++) {
            params_t p = util_params(shapes[k][0], shapes[k][1], "width=6", "init=0.3", "n=40", "lr=0.05",
                                     multi ? "data=multi" : "data=toy", "dim_a=3", "dim_b=4", "rho=-0.4",
                                     "noise=0.2", "weight_decay=0.001", NULL);
            dataset_t ds;
            net_t a, b;
            char err[256];
            ck_assert(data_make(&ds, &p, err, sizeof err) == UB_OK);
            ck_assert(net_init(&a, &p, ds.da, ds.db, 0, err, sizeof err) == UB_OK);
            ck_assert(net_init(&b, &p, ds.da, ds.db, ds.n, err, sizeof err) == UB_OK);
            double wa[16], wb[16];
            for (int s = 0; s < 300; s++) {
                double la = net_step_moments(&a, &ds.train, p.lr, p.weight_decay, wa, NULL);
                double lb = net_step_samples(&b, &ds, p.lr, p.weight_decay, wb, NULL);
                ck_assert_msg(fabs(la - lb) <= 1e-10 * fmax(1.0, fabs(la)), "%s %s step %d: loss %.17g vs %.17g",
                              shapes[k][0], shapes[k][1], s, la, lb);
                for (int i = 0; i < ds.d; i++)
                    ck_assert_msg(fabs(wa[i] - wb[i]) <= 1e-10 * fmax(1.0, fabs(wa[i])), "wtot differs at step %d", s);
            }
            for (size_t i = 0; i < a.nparams; i++)
                ck_assert_msg(fabs(a.theta[i] - b.theta[i]) <= 1e-10 * fmax(1.0, fabs(a.theta[i])),
                              "weight %zu differs: %.17g vs %.17g", i, a.theta[i], b.theta[i]);
            net_free(&a);
            net_free(&b);
            data_free(&ds);
        }
    }
}
END_TEST

/* THEORY.md 1: init schemes. */
START_TEST(init_schemes)
{
    params_t p = util_params("depth=4", "fuse=2", "width=200", "init=0.1", "init_scheme=scaled", NULL);
    net_t net;
    char err[256];
    ck_assert(net_init(&net, &p, 1, 1, 0, err, sizeof err) == UB_OK);
    /* layer 1 of A (200 x 1): s = 0.1/sqrt(200); fusion halves (200 x 200 of 200 x 400): sqrt2 0.1/sqrt(80000) */
    const double expect[] = {0.1 / sqrt(200), sqrt(2) * 0.1 / sqrt(200.0 * 400), 0.1 / sqrt(200),
                             sqrt(2) * 0.1 / sqrt(200.0 * 400), sqrt(2) * 0.1 / sqrt(200.0 * 200),
                             sqrt(2) * 0.1 / sqrt(200.0)};
    ck_assert_int_eq(net.nlayers, 6);
    for (int k = 0; k < net.nlayers; k++) {
        layer_t *ly = &net.layer[k];
        double ss = 0;
        int n = ly->rows * ly->cols;
        for (int i = 0; i < n; i++)
            ss += ly->w[i] * ly->w[i];
        double sd = sqrt(ss / n);
        ck_assert_msg(fabs(sd / expect[k] - 1) < 4.0 / sqrt(n) + 0.02, "layer %d: sd %g, expected %g", k, sd,
                      expect[k]);
    }
    net_free(&net);
    params_t f = util_params("init=1e-9", NULL);
    ck_assert(net_init(&net, &f, 1, 1, 0, err, sizeof err) == UB_OK);
    double ss = 0;
    for (size_t i = 0; i < net.nparams; i++)
        ss += net.theta[i] * net.theta[i];
    ck_assert_double_eq_tol(sqrt(ss / net.nparams), 1e-9, 2e-10);
    net_free(&net);
}
END_TEST

/* Shapes: the chain layout of net.h. */
START_TEST(shapes)
{
    params_t p = util_params("depth=3", "fuse=2", "width=7", "data=multi", "dim_a=4", "dim_b=5", NULL);
    net_t net;
    char err[256];
    ck_assert(net_init(&net, &p, 4, 5, 0, err, sizeof err) == UB_OK);
    ck_assert_int_eq(net.nlayers, 5);
    int rows[] = {7, 7, 7, 7, 1}, cols[] = {4, 7, 5, 7, 7};
    for (int k = 0; k < 5; k++) {
        ck_assert_int_eq(net.layer[k].rows, rows[k]);
        ck_assert_int_eq(net.layer[k].cols, cols[k]);
    }
    ck_assert_uint_eq(net.nparams, 28 + 49 + 35 + 49 + 7);
    net_free(&net);
    p = util_params("depth=1", "fuse=1", NULL);
    ck_assert(net_init(&net, &p, 1, 1, 0, err, sizeof err) == UB_OK);
    ck_assert_int_eq(net.nlayers, 2);
    ck_assert_int_eq(net.layer[0].rows, 1);
    net_free(&net);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("net");
    TCase *tc = tcase_create("net");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, grad_linear_moments_scalar);
    tcase_add_test(tc, grad_linear_moments_vector);
    tcase_add_test(tc, grad_linear_samples_scalar);
    tcase_add_test(tc, grad_linear_samples_vector);
    tcase_add_test(tc, grad_relu_scalar);
    tcase_add_test(tc, grad_relu_vector);
    tcase_add_test(tc, grad_leaky_xor);
    tcase_add_test(tc, fused_step_moments);
    tcase_add_test(tc, fused_step_samples);
    tcase_add_test(tc, moments_equal_samples);
    tcase_add_test(tc, init_schemes);
    tcase_add_test(tc, shapes);
    suite_add_tcase(s, tc);
    return util_run(s);
}
