/* save.c - writing the current parameters as a user preset. */
#define _POSIX_C_SOURCE 200809L
#include "tui/save.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/presetpath.h"
#include "unibias/preset.h"
#include "unibias/ub.h"

#define SUFFIX ".preset"

static bool name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

bool save_name_check(const char *typed, char *out, size_t outlen, char *err, size_t errlen)
{
    size_t n = strlen(typed), sl = strlen(SUFFIX);
    /* "mine.preset" means the preset "mine", not "mine.preset.preset" */
    if (n > sl && strcmp(typed + n - sl, SUFFIX) == 0)
        n -= sl;
    if (n == 0) {
        snprintf(err, errlen, "no name given: type a preset name (letters, digits, '-', '_', '.')");
        return false;
    }
    if (n > SAVE_NAME_MAX) {
        snprintf(err, errlen, "a preset name has at most %d characters, this one has %zu", SAVE_NAME_MAX, n);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)typed[i];
        if (c == '/') {
            snprintf(err, errlen, "a preset name cannot contain '/': it is saved in the preset directory");
            return false;
        }
        if (!name_char(c)) {
            if (c > 0x20 && c < 0x7f)
                snprintf(err, errlen, "'%c' is not allowed in a preset name (letters, digits, '-', '_', '.')", c);
            else
                snprintf(err, errlen, "%s is not allowed in a preset name (letters, digits, '-', '_', '.')",
                         c == ' ' ? "a space" : "a control or non-ASCII character");
            return false;
        }
    }
    /* no hidden files, and nothing -p would take for an option */
    if (typed[0] == '.' || typed[0] == '-') {
        snprintf(err, errlen, "a preset name must start with a letter, a digit or '_', not '%c'", typed[0]);
        return false;
    }
    if (n >= outlen) {
        snprintf(err, errlen, "preset name too long");
        return false;
    }
    memcpy(out, typed, n);
    out[n] = '\0';
    return true;
}

bool save_path(const char *name, char *dir, size_t dirlen, char *path, size_t pathlen, char *err, size_t errlen)
{
    if (presetpath_user_dir(dir, dirlen) != 0) {
        snprintf(err, errlen, "cannot save: neither XDG_CONFIG_HOME nor HOME is set (or the path is too long)");
        return false;
    }
    int n = snprintf(path, pathlen, "%s/%s%s", dir, name, SUFFIX);
    if (n < 0 || (size_t)n >= pathlen) {
        snprintf(err, errlen, "cannot save: the preset path is too long");
        return false;
    }
    return true;
}

void save_description(char *buf, size_t len, const params_t *p, const char *from, time_t when)
{
    char date[32] = "?", act[16] = "", src[128] = "";
    struct tm tm;
    if (localtime_r(&when, &tm))
        strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
    if (p->activation != ACT_LINEAR)
        snprintf(act, sizeof act, " %s", p->activation == ACT_RELU ? "relu" : "leaky");
    if (from && *from) {
        char esc[96];
        preset_escape(from, esc, sizeof esc);
        snprintf(src, sizeof src, ", from preset %s", esc);
    }
    const char *data = p->data == DATA_MULTI ? "multi" : p->data == DATA_XOR ? "xor" : "toy";
    snprintf(buf, len, "saved from unibias %s on %s: %s L=%d Lf=%d%s, data %s%s", UB_VERSION, date,
             params_fusion_name(p), p->depth, p->fuse, act, data, src);
}

/* mkdir -p with mode 0700; true when dir exists as a directory afterwards. */
static bool make_dirs(const char *dir, char *err, size_t errlen)
{
    char buf[PRESETPATH_DIR_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof buf) {
        snprintf(err, errlen, "cannot create the preset directory: bad path");
        return false;
    }
    memcpy(buf, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char keep = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
            snprintf(err, errlen, "cannot create %.300s: %s", buf, strerror(errno));
            return false;
        }
        buf[i] = keep;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "cannot save into %.300s: not a directory", dir);
        return false;
    }
    return true;
}

static bool write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        s += w;
        n -= (size_t)w;
    }
    return true;
}

/* Writes text into fd and closes it; errno set on failure. */
static bool write_close(int fd, const char *text, size_t n, bool sync)
{
    bool ok = write_all(fd, text, n) && (!sync || fsync(fd) == 0);
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    errno = e;
    return ok;
}

save_result_t save_write(const char *dir, const char *path, const params_t *p, const char *description,
                         bool overwrite, char *err, size_t errlen)
{
    preset_meta_t m = { "", "" };
    preset_escape(description ? description : "", m.description, sizeof m.description);
    char probe[1];
    size_t need = preset_format(p, &m, probe, sizeof probe);
    char *text = malloc(need + 1);
    if (!text) {
        snprintf(err, errlen, "cannot save: out of memory");
        return SAVE_FAILED;
    }
    preset_format(p, &m, text, need + 1);
    save_result_t rc = SAVE_FAILED;
    if (!make_dirs(dir, err, errlen))
        goto out;
    if (!overwrite) {
        /* O_EXCL: a file that appears meanwhile is still not clobbered */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) {
            if (errno == EEXIST)
                rc = SAVE_EXISTS;
            else
                snprintf(err, errlen, "cannot write %.300s: %s", path, strerror(errno));
            goto out;
        }
        if (!write_close(fd, text, need, false)) {
            snprintf(err, errlen, "cannot write %.300s: %s", path, strerror(errno));
            unlink(path);
            goto out;
        }
        rc = SAVE_OK;
        goto out;
    }
    /* overwrite: a complete new file takes the old one's place in one rename */
    char tmp[PRESETPATH_DIR_MAX + 320];
    int n = snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        snprintf(err, errlen, "cannot save: the preset path is too long");
        goto out;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write into %.300s: %s", dir, strerror(errno));
        goto out;
    }
    fchmod(fd, 0644);   /* mkstemp makes it 0600; a preset is not secret */
    if (!write_close(fd, text, need, true) || rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot write %.300s: %s", path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    rc = SAVE_OK;
out:
    free(text);
    return rc;
}
