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

int presetpath_dirs(char dirs[][4096], int max)
{
    int n = 0;
    const char *env = getenv("UNIBIAS_PRESET_PATH");
    if (env && *env) {
        const char *s = env;
        while (*s && n < max) {
            const char *c = strchr(s, ':');
            size_t len = c ? (size_t)(c - s) : strlen(s);
            if (len && len < 4096) {
                memcpy(dirs[n], s, len);
                dirs[n++][len] = '\0';
            }
            s += len + (c ? 1 : 0);
        }
    }
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (n < max && xdg && *xdg)
        snprintf(dirs[n++], 4096, "%s/unibias/presets", xdg);
    else if (n < max && home && *home)
        snprintf(dirs[n++], 4096, "%s/.config/unibias/presets", home);
    if (n < max)
        snprintf(dirs[n++], 4096, "%s/presets", UB_DATADIR);
    if (n < max)
        snprintf(dirs[n++], 4096, "presets");
    return n;
}

int presetpath_find(const char *name, char *out, size_t outlen, char *err, size_t errlen)
{
    if (is_file(name)) {
        snprintf(out, outlen, "%s", name);
        return 0;
    }
    if (!strchr(name, '/')) {
        static char dirs[16][4096];
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

typedef struct entry {
    char name[256];
    char text[600];
} entry_t;

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry_t *)a)->name, ((const entry_t *)b)->name);
}

/* Reads one directory's presets into e (skipping names already listed). */
static int list_dir(const char *dir, entry_t *e, int n, int max)
{
    DIR *d = opendir(dir);
    if (!d)
        return n;
    struct dirent *de;
    while ((de = readdir(d)) && n < max) {
        size_t len = strlen(de->d_name);
        if (len <= 7 || len - 7 >= sizeof e[n].name || strcmp(de->d_name + len - 7, ".preset") != 0)
            continue;
        snprintf(e[n].name, sizeof e[n].name, "%.*s", (int)(len - 7), de->d_name);
        int dup = 0;
        for (int k = 0; k < n && !dup; k++)
            dup = strcmp(e[k].name, e[n].name) == 0;
        if (dup)
            continue;
        char path[4400], err[512];
        snprintf(path, sizeof path, "%.4095s/%.255s", dir, de->d_name);
        params_t p;
        params_default(&p);
        preset_meta_t m = {"", ""};
        if (preset_load(&p, path, &m, err, sizeof err) != UB_OK)
            snprintf(e[n].text, sizeof e[n].text, "(invalid: %.500s)", err);
        else if (m.figure[0])
            snprintf(e[n].text, sizeof e[n].text, "%s [%s]", m.description, m.figure);
        else
            snprintf(e[n].text, sizeof e[n].text, "%s", m.description);
        n++;
    }
    closedir(d);
    return n;
}

int presetpath_list(FILE *out)
{
    static char dirs[16][4096];
    enum { MAX_PRESETS = 1024 };
    int nd = presetpath_dirs(dirs, 16);
    entry_t *e = malloc(sizeof *e * MAX_PRESETS);
    if (!e) {
        fprintf(stderr, "unibias: out of memory\n");
        return 1;
    }
    int n = 0;
    for (int i = 0; i < nd; i++) /* first directory wins, as with -p */
        n = list_dir(dirs[i], e, n, MAX_PRESETS);
    qsort(e, (size_t)n, sizeof *e, cmp_entry);
    for (int k = 0; k < n; k++)
        fprintf(out, "%-24s %s\n", e[k].name, e[k].text);
    free(e);
    if (n == 0) {
        fprintf(stderr, "unibias: no presets found; searched:");
        for (int i = 0; i < nd; i++)
            fprintf(stderr, " %s", dirs[i]);
        fputc('\n', stderr);
        return 1;
    }
    return 0;
}
