/* preset.c - preset files, parsed strictly: every problem is reported with
 * file:line and the key, nothing is guessed or clamped. */
#include "unibias/preset.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unibias/ub.h"

#define MAX_FILE (64 * 1024)

void preset_escape(const char *s, char *out, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t j = 0;
    if (!len)
        return;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        /* C0 controls, DEL, and UTF-8-encoded C1 controls (0xc2 0x80..0x9f: CSI etc.) */
        int c1 = c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f;
        if (*c < 0x20 || *c == 0x7f || c1) {
            unsigned v = c1 ? c[1] : *c;
            if (j + 4 >= len)
                break;
            out[j++] = '\\';
            out[j++] = 'x';
            out[j++] = hex[v >> 4];
            out[j++] = hex[v & 15];
            if (c1)
                c++;
            continue;
        }
        if (j + 1 >= len)
            break;
        out[j++] = (char)*c;
    }
    out[j] = '\0';
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

int preset_parse(params_t *p, const char *text, const char *name, preset_meta_t *meta, char *err, size_t errlen)
{
    params_t q = *p;
    preset_meta_t m = {"", ""};
    if (meta)
        m = *meta;
    int seen_line[64] = {0}; /* per parameter index, the line that set it */
    int desc_line = 0, fig_line = 0;
    const char *s = text;
    int lineno = 0;
    char msg[256];
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        lineno++;
        char line[1024];
        if (n >= sizeof line)
            return ub_fail(err, errlen, UB_EINVAL, "%s:%d: line too long (at most %zu characters)", name, lineno,
                           sizeof line - 1);
        memcpy(line, s, n);
        line[n] = '\0';
        s += n + (nl ? 1 : 0);
        char *hash = strchr(line, '#');
        char *l = line;
        /* a '#' starts a comment, except inside a description's text */
        char *eq = strchr(l, '=');
        if (hash && (!eq || hash < eq))
            *hash = '\0';
        l = trim(l);
        if (!*l)
            continue;
        eq = strchr(l, '=');
        if (!eq)
            return ub_fail(err, errlen, UB_EINVAL, "%s:%d: expected 'key = value', got '%.60s'", name, lineno, l);
        *eq = '\0';
        char *key = trim(l), *val = eq + 1;
        if (strcmp(key, "description") == 0 || strcmp(key, "figure") == 0) {
            int *seen = key[0] == 'd' ? &desc_line : &fig_line;
            if (*seen)
                return ub_fail(err, errlen, UB_EINVAL, "%s:%d: duplicate key '%s' (first set on line %d)", name,
                               lineno, key, *seen);
            *seen = lineno;
            val = trim(val);
            if (key[0] == 'd')
                preset_escape(val, m.description, sizeof m.description);
            else
                preset_escape(val, m.figure, sizeof m.figure);
            continue;
        }
        if (hash && hash > eq)
            *hash = '\0';
        val = trim(val);
        const param_info_t *pi = params_find(key);
        if (pi) {
            size_t idx = (size_t)(pi - params_info(0));
            if (idx < 64 && seen_line[idx])
                return ub_fail(err, errlen, UB_EINVAL, "%s:%d: duplicate key '%s' (first set on line %d)", name,
                               lineno, key, seen_line[idx]);
            if (idx < 64)
                seen_line[idx] = lineno;
        }
        if (params_set(&q, key, val, msg, sizeof msg) != UB_OK)
            return ub_fail(err, errlen, UB_EINVAL, "%s:%d: %s", name, lineno, msg);
    }
    if (params_check(&q, msg, sizeof msg) != UB_OK)
        return ub_fail(err, errlen, UB_EINVAL, "%s: %s", name, msg);
    *p = q;
    if (meta)
        *meta = m;
    return UB_OK;
}

int preset_load(params_t *p, const char *path, preset_meta_t *meta, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ub_fail(err, errlen, UB_EINVAL, "%s: cannot open: %s", path, strerror(errno));
    char *buf = malloc(MAX_FILE + 1);
    if (!buf) {
        fclose(f);
        return ub_fail(err, errlen, UB_ENOMEM, "out of memory");
    }
    size_t n = fread(buf, 1, MAX_FILE + 1, f);
    int rerr = ferror(f);
    fclose(f);
    int rc;
    if (rerr)
        rc = ub_fail(err, errlen, UB_EINVAL, "%s: read error", path);
    else if (n > MAX_FILE)
        rc = ub_fail(err, errlen, UB_EINVAL, "%s: too large for a preset (at most 64 KiB)", path);
    else if (memchr(buf, '\0', n))
        rc = ub_fail(err, errlen, UB_EINVAL, "%s: not a text file (contains NUL bytes)", path);
    else {
        buf[n] = '\0';
        rc = preset_parse(p, buf, path, meta, err, errlen);
    }
    free(buf);
    return rc;
}

size_t preset_format(const params_t *p, const preset_meta_t *meta, char *buf, size_t len)
{
    size_t used = 0;
#define ADD(...) used += (size_t)snprintf(buf + (used < len ? used : len), used < len ? len - used : 0, __VA_ARGS__)
    ADD("# unibias preset\n");
    if (meta && meta->description[0])
        ADD("description = %s\n", meta->description);
    if (meta && meta->figure[0])
        ADD("figure = %s\n", meta->figure);
    for (size_t i = 0; i < params_count(); i++) {
        const param_info_t *pi = params_info(i);
        char v[64];
        params_format(p, pi->key, v, sizeof v);
        ADD("%s = %s\n", pi->key, v);
    }
#undef ADD
    return used;
}
