/* linalg.h - the little dense linear algebra the engine needs once per data set
 * (row-major, n x n, n at most a few hundred). Not on any hot path. */
#ifndef UNIBIAS_LINALG_H
#define UNIBIAS_LINALG_H

/* In-place lower Cholesky factor of an SPD matrix; returns 0, or -1 if not SPD. */
int linalg_cholesky(double *a, int n);
/* Moore-Penrose pseudo-inverse of a symmetric PSD matrix (Jacobi eigensolver);
 * eigenvalues below tol * largest count as zero. out may not alias a. Returns
 * the numerical rank, or -1 on allocation failure. */
int linalg_pinv_sym(const double *a, int n, double tol, double *out);
/* Symmetric eigen-decomposition: a = V diag(w) V^T, columns of v (row-major).
 * Returns 0, or -1 on allocation failure. */
int linalg_eig_sym(const double *a, int n, double *w, double *v);
/* y = x A for a row vector x (length n) and n x m matrix A. */
void linalg_vecmat(const double *x, const double *a, int n, int m, double *y);
/* x A x^T for a symmetric n x n A. */
double linalg_quad(const double *x, const double *a, int n);
double linalg_dot(const double *x, const double *y, int n);
double linalg_norm(const double *x, int n);
/* How a block of total weights is shown: its signed value when it has one
 * entry, its norm otherwise (the portrait's convention, THEORY.md 9). */
double linalg_view(const double *x, int n);

#endif
