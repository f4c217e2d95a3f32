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

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int presetpath_list(FILE *out)
{
    static char dirs[16][4096];
    int nd = presetpath_dirs(dirs, 16);
    char *names[512];
    char *descs[512];
    int n = 0;
    for (int i = 0; i < nd; i++) {
        DIR *d = opendir(dirs[i]);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) && n < 512) {
            size_t len = strlen(e->d_name);
            if (len <= 7 || strcmp(e->d_name + len - 7, ".preset") != 0)
                continue;
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)(len - 7), e->d_name);
            int dup = 0;
            for (int k = 0; k < n && !dup; k++)
                dup = strcmp(names[k], name) == 0;
            if (dup)
                continue;
            char path[4400];
            snprintf(path, sizeof path, "%.4095s/%.255s", dirs[i], e->d_name);
            params_t p;
            params_default(&p);
            preset_meta_t m = {"", ""};
            char err[512];
            char line[600];
            if (preset_load(&p, path, &m, err, sizeof err) != UB_OK)
                snprintf(line, sizeof line, "(invalid: %s)", err);
            else
                snprintf(line, sizeof line, "%s%s%s%s", m.description, m.figure[0] ? " [" : "", m.figure,
                         m.figure[0] ? "]" : "");
            names[n] = strdup(name);
            descs[n] = strdup(line);
            if (!names[n] || !descs[n])
                break;
            /* keep the pair together for sorting */
            char *both = malloc(strlen(name) + strlen(line) + 2);
            if (!both)
                break;
            sprintf(both, "%s%c%s", name, '\x01', line);
            free(names[n]);
            free(descs[n]);
            names[n] = both;
            descs[n] = NULL;
            n++;
        }
        closedir(d);
    }
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int k = 0; k < n; k++) {
        char *sep = strchr(names[k], '\x01');
        *sep = '\0';
        fprintf(out, "%-24s %s\n", names[k], sep + 1);
        free(names[k]);
    }
    if (n == 0) {
        fprintf(stderr, "unibias: no presets found; searched:");
        for (int i = 0; i < nd; i++)
            fprintf(stderr, " %s", dirs[i]);
        fputc('\n', stderr);
        return 1;
    }
    return 0;
}
