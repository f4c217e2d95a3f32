/* save.h - "save the current parameters as a preset" (the s key): the name
 * rules, where the file goes, its description line, and writing it without
 * clobbering an existing preset. No curses: unit-tested without a terminal. */
#ifndef UNIBIAS_TUI_SAVE_H
#define UNIBIAS_TUI_SAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "unibias/params.h"

#define SAVE_NAME_MAX 64

/* Checks a typed preset name: letters, digits, '-', '_' and '.', starting
 * with a letter, digit or '_', at most SAVE_NAME_MAX characters; a trailing
 * ".preset" is dropped. On success writes the name into out (at least
 * SAVE_NAME_MAX + 1 bytes) and returns true; else returns false with a
 * message saying what is wrong. */
bool save_name_check(const char *typed, char *out, size_t outlen, char *err, size_t errlen);

/* The user's preset directory ($XDG_CONFIG_HOME/unibias/presets, else
 * ~/.config/unibias/presets: the one the picker and -p search) and
 * DIR/NAME.preset in it. Returns false with a message when neither variable
 * is set. */
bool save_path(const char *name, char *dir, size_t dirlen, char *path, size_t pathlen, char *err,
               size_t errlen);

/* The description line of a saved preset: "saved from unibias VERSION on
 * DATE: FUSION L=.. Lf=.., data KIND" plus ", from preset NAME" when
 * from is not NULL (escaped: it may be any file name). */
void save_description(char *buf, size_t len, const params_t *p, const char *from, time_t when);

typedef enum { SAVE_OK, SAVE_EXISTS, SAVE_FAILED } save_result_t;

/* Creates dir and its parents (mode 0700, as XDG asks) and writes p as
 * preset text with the description into path. An existing file is refused
 * (SAVE_EXISTS) unless overwrite; an overwrite replaces the file in one
 * rename, so a failed write never leaves half a preset behind. SAVE_FAILED
 * comes with a message (permission denied, disk full, ...). */
save_result_t save_write(const char *dir, const char *path, const params_t *p, const char *description,
                         bool overwrite, char *err, size_t errlen);

#endif
