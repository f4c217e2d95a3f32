/* presetpath.c - preset lookup, so `-p fig3-late` works from any directory. */
#include "cli/presetpath.h"

#include "unibias/preset.h"
#include "unibias/ub.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef UB_DATADIR
#define UB_DATADIR "/usr/local/share/unibias"
#endif

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int presetpath_user_dir(char *out, size_t len)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && *xdg)
        n = snprintf(out, len, "%s/unibias/presets", xdg);
    else if (home && *home)
        n = snprintf(out, len, "%s/.config/unibias/presets", home);
    else
        return -1;
    return n >= 0 && (size_t)n < len ? 0 : -1;
}

int presetpath_dirs(char dirs[][PRESETPATH_DIR_MAX], int max)
{
    int n = 0;
    const char *env = getenv("UNIBIAS_PRESET_PATH");
    if (env && *env) {
        const char *s = env;
        while (*s && n < max) {
            const char *c = strchr(s, ':');
            size_t len = c ? (size_t)(c - s) : strlen(s);
            if (len && len < PRESETPATH_DIR_MAX) {
                memcpy(dirs[n], s, len);
                dirs[n++][len] = '\0';
            }
            s += len + (c ? 1 : 0);
        }
    }
    if (n < max && presetpath_user_dir(dirs[n], PRESETPATH_DIR_MAX) == 0)
        n++;
    if (n < max)
        snprintf(dirs[n++], PRESETPATH_DIR_MAX, "%s/presets", UB_DATADIR);
    if (n < max)
        snprintf(dirs[n++], PRESETPATH_DIR_MAX, "presets");
    return n;
}

int presetpath_find(const char *name, char *out, size_t outlen, char *err, size_t errlen)
{
    if (is_file(name)) {
        snprintf(out, outlen, "%s", name);
        return 0;
    }
    if (!strchr(name, '/')) {
        static char dirs[16][PRESETPATH_DIR_MAX];
        int n = presetpath_dirs(dirs, 16);
        char cand[4400];
        for (int i = 0; i < n; i++) {
            snprintf(cand, sizeof cand, "%.4095s/%.255s.preset", dirs[i], name);
            if (is_file(cand) && strlen(cand) < outlen) {
                snprintf(out, outlen, "%s", cand);
                return 0;
            }
            snprintf(cand, sizeof cand, "%.4095s/%.255s", dirs[i], name);
            if (is_file(cand) && strlen(cand) < outlen) {
                snprintf(out, outlen, "%s", cand);
                return 0;
            }
        }
    }
    snprintf(err, errlen, "preset '%s' not found (a file path, or a name in $UNIBIAS_PRESET_PATH, "
                          "$XDG_CONFIG_HOME/unibias/presets, %s/presets or ./presets; --list-presets lists them)",
             name, UB_DATADIR);
    return -1;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const presetpath_entry_t *)a)->name, ((const presetpath_entry_t *)b)->name);
}

/* Adds one directory's presets to the list (names already listed skipped:
 * the first directory wins). Returns false when out of memory. */
static bool scan_dir(const char *dir, presetpath_entry_t **e, int *n, int *cap)
{
    DIR *d = opendir(dir);
    if (!d)
        return true;
    bool ok = true;
    struct dirent *de;
    while ((de = readdir(d)) && *n < PRESETPATH_SCAN_MAX) {
        size_t len = strlen(de->d_name);
        if (len <= 7 || len - 7 >= sizeof (*e)->name || strcmp(de->d_name + len - 7, ".preset") != 0)
            continue;
        char name[sizeof (*e)->name];
        snprintf(name, sizeof name, "%.*s", (int)(len - 7), de->d_name);
        int dup = 0;
        for (int k = 0; k < *n && !dup; k++)
            dup = strcmp((*e)[k].name, name) == 0;
        if (dup)
            continue;
        if (*n == *cap) {
            int ncap = *cap ? *cap * 2 : 32;
            presetpath_entry_t *ne = realloc(*e, sizeof *ne * (size_t)ncap);
            if (!ne) {
                ok = false;
                break;
            }
            *e = ne;
            *cap = ncap;
        }
        presetpath_entry_t *x = &(*e)[(*n)++];
        memset(x, 0, sizeof *x);
        memcpy(x->name, name, sizeof name);
        preset_escape(name, x->shown, sizeof x->shown);
        snprintf(x->path, sizeof x->path, "%.*s/%s", PRESETPATH_DIR_MAX - 1, dir, de->d_name);
        params_t p;
        params_default(&p);
        preset_meta_t m = {"", ""};
        char err[sizeof x->err];
        /* a FIFO or device would block the listing: regular files only */
        if (!is_file(x->path))
            snprintf(err, sizeof err, "%.440s: not a regular file", x->path);
        else
            x->ok = preset_load(&p, x->path, &m, err, sizeof err) == UB_OK;
        if (x->ok) {
            memcpy(x->description, m.description, sizeof x->description);
            memcpy(x->figure, m.figure, sizeof x->figure);
        } else {
            /* messages quote the file's text and name: escape them */
            preset_escape(err, x->err, sizeof x->err);
        }
    }
    closedir(d);
    return ok;
}

int presetpath_scan(presetpath_entry_t **out)
{
    static char dirs[16][PRESETPATH_DIR_MAX];
    int nd = presetpath_dirs(dirs, 16);
    presetpath_entry_t *e = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i < nd; i++) {
        if (!scan_dir(dirs[i], &e, &n, &cap)) {
            free(e);
            *out = NULL;
            return -1;
        }
    }
    if (n > 1)
        qsort(e, (size_t)n, sizeof *e, cmp_entry);
    *out = e;
    return n;
}

int presetpath_list(FILE *out)
{
    presetpath_entry_t *e;
    int n = presetpath_scan(&e);
    if (n < 0) {
        fprintf(stderr, "unibias: out of memory\n");
        return 1;
    }
    for (int k = 0; k < n; k++) {
        if (!e[k].ok)
            fprintf(out, "%-24s (invalid: %.500s)\n", e[k].shown, e[k].err);
        else if (e[k].figure[0])
            fprintf(out, "%-24s %s [%s]\n", e[k].shown, e[k].description, e[k].figure);
        else
            fprintf(out, "%-24s %s\n", e[k].shown, e[k].description);
    }
    free(e);
    if (n == 0) {
        static char dirs[16][PRESETPATH_DIR_MAX];
        int nd = presetpath_dirs(dirs, 16);
        fprintf(stderr, "unibias: no presets found; searched:");
        for (int i = 0; i < nd; i++)
            fprintf(stderr, " %s", dirs[i]);
        fputc('\n', stderr);
        return 1;
    }
    return 0;
}
