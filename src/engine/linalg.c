/* linalg.c - dense helpers used once per data set; clarity over speed. */
#include "unibias/linalg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int linalg_cholesky(double *a, int n)
{
    for (int j = 0; j < n; j++) {
        double s = a[j * n + j];
        for (int k = 0; k < j; k++)
            s -= a[j * n + k] * a[j * n + k];
        if (!(s > 0.0))
            return -1;
        double d = sqrt(s);
        a[j * n + j] = d;
        for (int i = j + 1; i < n; i++) {
            double t = a[i * n + j];
            for (int k = 0; k < j; k++)
                t -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = t / d;
        }
        for (int k = j + 1; k < n; k++)
            a[j * n + k] = 0.0;
    }
    return 0;
}

/* Cyclic Jacobi: slow but unconditionally accurate for symmetric matrices. */
int linalg_eig_sym(const double *a0, int n, double *w, double *v)
{
    double *a = malloc(sizeof *a * (size_t)n * (size_t)n);
    if (!a)
        return -1;
    memcpy(a, a0, sizeof *a * (size_t)n * (size_t)n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            v[i * n + j] = (i == j);
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0.0, tot = 0.0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                tot += a[i * n + j] * a[i * n + j];
                if (i != j)
                    off += a[i * n + j] * a[i * n + j];
            }
        if (off <= 1e-30 * tot || off == 0.0)
            break;
        for (int p = 0; p < n; p++)
            for (int q = p + 1; q < n; q++) {
                double apq = a[p * n + q];
                if (fabs(apq) < 1e-300)
                    continue;
                double theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                double t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
                double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (int k = 0; k < n; k++) { /* columns p, q */
                    double akp = a[k * n + p], akq = a[k * n + q];
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for (int k = 0; k < n; k++) { /* rows p, q */
                    double apk = a[p * n + k], aqk = a[q * n + k];
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for (int k = 0; k < n; k++) {
                    double vkp = v[k * n + p], vkq = v[k * n + q];
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
    }
    for (int i = 0; i < n; i++)
        w[i] = a[i * n + i];
    free(a);
    return 0;
}

int linalg_pinv_sym(const double *a, int n, double tol, double *out)
{
    double *w = malloc(sizeof *w * (size_t)n);
    double *v = malloc(sizeof *v * (size_t)n * (size_t)n);
    if (!w || !v || linalg_eig_sym(a, n, w, v) != 0) {
        free(w);
        free(v);
        return -1;
    }
    double wmax = 0.0;
    for (int i = 0; i < n; i++)
        if (fabs(w[i]) > wmax)
            wmax = fabs(w[i]);
    int rank = 0;
    for (int i = 0; i < n; i++) {
        if (w[i] > tol * wmax && w[i] > 0.0) {
            w[i] = 1.0 / w[i];
            rank++;
        } else {
            w[i] = 0.0;
        }
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double s = 0.0;
            for (int k = 0; k < n; k++)
                s += v[i * n + k] * w[k] * v[j * n + k];
            out[i * n + j] = s;
        }
    free(w);
    free(v);
    return rank;
}

void linalg_vecmat(const double *x, const double *a, int n, int m, double *y)
{
    for (int j = 0; j < m; j++)
        y[j] = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            y[j] += x[i] * a[i * m + j];
}

double linalg_quad(const double *x, const double *a, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            s += x[i] * a[i * n + j] * x[j];
    return s;
}

double linalg_dot(const double *x, const double *y, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

double linalg_norm(const double *x, int n)
{
    return sqrt(linalg_dot(x, x, n));
}

double linalg_view(const double *x, int n)
{
    return n == 1 ? x[0] : linalg_norm(x, n);
}
