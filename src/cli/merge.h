/* merge.h - rebuilding a sweep's table from shard CSVs (in any order, or
 * concatenated into one stream): checks that they belong to the same sweep,
 * drops exact duplicate rows, refuses conflicting ones, and reports runs that
 * no file contains. */
#ifndef UNIBIAS_CLI_MERGE_H
#define UNIBIAS_CLI_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/sweep.h"

typedef struct merge {
    sweep_table_t t;       /* grid and base from the first header; rows filled at merge_finish */
    bool have_head;
    char *head;            /* the first header block without its shard line, to compare others with */
    sweep_row_t *byrun;    /* one slot per run of the whole sweep */
    unsigned char *have;
    long nhave;
} merge_t;

void merge_init(merge_t *m);
/* Reads one CSV stream (name is used in messages: "name:LINE: ..."). */
int merge_read(merge_t *m, FILE *in, const char *name, char *err, size_t errlen);
/* Moves the rows into m->t in run order; *missing gets the number of runs
 * that no input had, *first_missing the first of them (or -1). */
int merge_finish(merge_t *m, long *missing, long *first_missing, char *err, size_t errlen);
void merge_free(merge_t *m);

#endif
