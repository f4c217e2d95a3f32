/* fmt.h - short number formats for narrow panels. Pure. */
#ifndef UNIBIAS_TUI_FMT_H
#define UNIBIAS_TUI_FMT_H

#include <stddef.h>

/* v with sig significant digits ("%.*g"), "-" for nan, "inf"/"-inf". */
char *fmt_num(char *buf, size_t len, double v, int sig);
/* Like fmt_num with an explicit sign ("+0.25"). */
char *fmt_signed(char *buf, size_t len, double v, int sig);
/* Rates and counts with SI suffixes: 950, 1.2k, 45k, 3.1M. */
char *fmt_si(char *buf, size_t len, double v);
/* A step count or "-" when negative (not reached). */
char *fmt_step(char *buf, size_t len, long step);

#endif
