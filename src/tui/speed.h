/* speed.h - the speed settings: steps per second, from slow motion to
 * unthrottled. Pure. */
#ifndef UNIBIAS_TUI_SPEED_H
#define UNIBIAS_TUI_SPEED_H

#include <stddef.h>

/* The default shows the default preset's plateau (~4 s), unimodal phase
 * (~12 s) and multimodal phase (~2.5 s) one after the other, converged well
 * within 30 s. */
#define SPEED_DEFAULT_RATE 30.0

int speed_count(void);
/* Index of the default setting. */
int speed_default(void);
/* Steps per second of setting i (clamped), 0 = unthrottled. */
double speed_rate(int i);
/* Clamps a setting index into range. */
int speed_clamp(int i);
/* "40/s", "2k/s", "max". */
char *speed_name(char *buf, size_t len, int i);

#endif
