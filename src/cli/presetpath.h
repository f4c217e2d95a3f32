/* presetpath.h - finding presets by name along the search path. */
#ifndef UNIBIAS_PRESETPATH_H
#define UNIBIAS_PRESETPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PRESETPATH_DIR_MAX 4096

/* Directories searched for NAME.preset, in order: $UNIBIAS_PRESET_PATH
 * (colon-separated), $XDG_CONFIG_HOME/unibias/presets (default
 * ~/.config/unibias/presets), the installed DATADIR/presets, ./presets.
 * Writes up to max directory names (each up to 4096 bytes) into dirs. */
int presetpath_dirs(char dirs[][PRESETPATH_DIR_MAX], int max);
/* The user's preset directory (the one presetpath_dirs lists for
 * XDG_CONFIG_HOME / HOME) into out. Returns 0, or -1 when neither variable
 * is set or the name does not fit. */
int presetpath_user_dir(char *out, size_t len);
/* Resolves a -p argument: an existing path as given, else NAME or
 * NAME.preset in the search directories. Returns 0 and fills out, or -1
 * with a message listing where it looked. */
int presetpath_find(const char *name, char *out, size_t outlen, char *err, size_t errlen);

/* One NAME.preset found on the search path. The file name may hold any
 * bytes: name is what -p takes, shown is the same with control characters
 * escaped; every other text is escaped too, safe to print. */
typedef struct presetpath_entry {
    char name[256];
    char shown[1024];
    char path[PRESETPATH_DIR_MAX + 256];
    bool ok;                 /* parsed; else err says why */
    char description[256];
    char figure[64];
    char err[512];
} presetpath_entry_t;

/* Every preset on the search path, sorted by name; a name found in two
 * directories is listed once, from the first (as -p would load it). On
 * success *out (free() it) holds the count returned, which may be 0;
 * returns -1 when out of memory. At most PRESETPATH_SCAN_MAX entries. */
#define PRESETPATH_SCAN_MAX 1024
int presetpath_scan(presetpath_entry_t **out);

/* Prints "name  description" for every preset on the search path (a name
 * found twice: the first one wins, as -p would). Returns an exit status. */
int presetpath_list(FILE *out);

#endif
