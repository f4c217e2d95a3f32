/* preset.h - preset files: `key = value` lines with the parameter table's
 * keys, `#` comments, plus `description` and `figure`. */
#ifndef UNIBIAS_PRESET_H
#define UNIBIAS_PRESET_H

#include <stddef.h>
#include "unibias/params.h"

typedef struct preset_meta {
    char description[256]; /* control characters escaped as \xNN at load time */
    char figure[64];
} preset_meta_t;

/* Applies the settings in text (named name in messages) on top of p, which is
 * unchanged on error; err reads "name:LINE: ..." naming the key. meta may be NULL. */
int preset_parse(params_t *p, const char *text, const char *name, preset_meta_t *meta, char *err, size_t errlen);
/* Reads and parses a file (at most 64 KiB). */
int preset_load(params_t *p, const char *path, preset_meta_t *meta, char *err, size_t errlen);
/* Writes p as preset text (every key, defaults too) into buf; returns the length
 * it needs (like snprintf). */
size_t preset_format(const params_t *p, const preset_meta_t *meta, char *buf, size_t len);
/* Copies s into out with control characters and escape sequences made visible
 * (\xNN), UTF-8 text kept. */
void preset_escape(const char *s, char *out, size_t len);

#endif
