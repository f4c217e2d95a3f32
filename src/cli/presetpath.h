/* presetpath.h - finding presets by name along the search path. */
#ifndef UNIBIAS_PRESETPATH_H
#define UNIBIAS_PRESETPATH_H

#include <stddef.h>
#include <stdio.h>

/* Directories searched for NAME.preset, in order: $UNIBIAS_PRESET_PATH
 * (colon-separated), $XDG_CONFIG_HOME/unibias/presets (default
 * ~/.config/unibias/presets), the installed DATADIR/presets, ./presets.
 * Writes up to max directory names (each up to 4096 bytes) into dirs. */
int presetpath_dirs(char dirs[][4096], int max);
/* Resolves a -p argument: an existing path as given, else NAME or
 * NAME.preset in the search directories. Returns 0 and fills out, or -1
 * with a message listing where it looked. */
int presetpath_find(const char *name, char *out, size_t outlen, char *err, size_t errlen);

/* Prints "name  description" for every preset on the search path (a name
 * found twice: the first one wins, as -p would). Returns an exit status. */
int presetpath_list(FILE *out);

#endif
