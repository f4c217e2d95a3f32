/* test_tui_presets.c - presets from the live view without a terminal: the
 * save name rules, where a saved preset goes (XDG_CONFIG_HOME, HOME, neither),
 * its description line, writing it (directories created, an existing file
 * refused unless overwritten, errors reported, reads back exactly), the
 * picker's list logic, and the search-path scan the picker and
 * --list-presets share (first directory wins, invalid files with their
 * error, names and texts escaped, FIFOs skipped). */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <curses.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/presetpath.h"
#include "tui/edit.h"
#include "tui/picker.h"
#include "tui/save.h"
#include "unibias/preset.h"
#include "unibias/ub.h"
#include "util.h"

static char tmpdir[256];

static void tmp_setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/ubtest-presets-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void rm_rf(const char *path)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    ck_assert_int_eq(system(cmd), 0);
}

static void tmp_teardown(void)
{
    rm_rf(tmpdir);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static char *read_file(const char *path)
{
    static char buf[8192];
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static bool has_control(const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return true;
    return false;
}

/* --- names ----------------------------------------------------------------- */

static bool name_ok(const char *typed, const char *want)
{
    char out[SAVE_NAME_MAX + 1] = "", err[256] = "";
    bool ok = save_name_check(typed, out, sizeof out, err, sizeof err);
    if (ok)
        ck_assert_msg(strcmp(out, want) == 0, "'%s' -> '%s', want '%s'", typed, out, want);
    return ok;
}

/* Refused, with a message containing what. */
static void name_bad(const char *typed, const char *what)
{
    char out[SAVE_NAME_MAX + 1] = "", err[256] = "";
    ck_assert_msg(!save_name_check(typed, out, sizeof out, err, sizeof err), "'%s' accepted", typed);
    ck_assert_msg(strstr(err, what) != NULL, "'%s': message '%s' lacks '%s'", typed, err, what);
    ck_assert(!has_control(err));
}

START_TEST(save_names)
{
    ck_assert(name_ok("mine", "mine"));
    ck_assert(name_ok("fig2-early.v2_B", "fig2-early.v2_B"));
    ck_assert(name_ok("_x", "_x"));
    ck_assert(name_ok("7", "7"));
    ck_assert(name_ok("mine.preset", "mine"));   /* the suffix is implied */
    char longest[SAVE_NAME_MAX + 1];
    memset(longest, 'a', SAVE_NAME_MAX);
    longest[SAVE_NAME_MAX] = '\0';
    ck_assert(name_ok(longest, longest));
    char too_long[SAVE_NAME_MAX + 2];
    memset(too_long, 'a', SAVE_NAME_MAX + 1);
    too_long[SAVE_NAME_MAX + 1] = '\0';
    name_bad(too_long, "at most 64 characters");
    /* the name field takes a name one too long, so that the message shows */
    ck_assert_int_gt(EDIT_MAX, SAVE_NAME_MAX);
    name_bad("", "no name given");
    name_bad(".preset", "must start with");
    name_bad("a/b", "cannot contain '/'");
    name_bad("../x", "'/'");
    name_bad(".hidden", "must start with a letter, a digit or '_'");
    name_bad("-p", "must start with");
    name_bad("my name", "a space is not allowed");
    name_bad("a*b", "'*' is not allowed");
    name_bad("a\x1b[31mb", "control or non-ASCII");
    name_bad("caf\xc3\xa9", "control or non-ASCII");
}
END_TEST

/* --- where it goes ------------------------------------------------------- */

START_TEST(save_paths_follow_xdg_then_home)
{
    char dir[PRESETPATH_DIR_MAX], path[PRESETPATH_DIR_MAX + 96], err[256];
    setenv("XDG_CONFIG_HOME", "/x/conf", 1);
    setenv("HOME", "/home/u", 1);
    ck_assert(save_path("mine", dir, sizeof dir, path, sizeof path, err, sizeof err));
    ck_assert_str_eq(dir, "/x/conf/unibias/presets");
    ck_assert_str_eq(path, "/x/conf/unibias/presets/mine.preset");
    setenv("XDG_CONFIG_HOME", "", 1);   /* empty = unset (as the search path reads it) */
    ck_assert(save_path("mine", dir, sizeof dir, path, sizeof path, err, sizeof err));
    ck_assert_str_eq(path, "/home/u/.config/unibias/presets/mine.preset");
    /* the directory saved into is one the search path lists */
    char dirs[16][PRESETPATH_DIR_MAX];
    int nd = presetpath_dirs(dirs, 16), found = 0;
    for (int i = 0; i < nd; i++)
        found += strcmp(dirs[i], dir) == 0;
    ck_assert_int_eq(found, 1);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("HOME");
    ck_assert(!save_path("mine", dir, sizeof dir, path, sizeof path, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "neither XDG_CONFIG_HOME nor HOME is set"));
    /* too long for the buffer: refused, not truncated */
    setenv("HOME", "/home/u", 1);
    char small[24];
    ck_assert(!save_path("mine", dir, sizeof dir, small, sizeof small, err, sizeof err));
}
END_TEST

START_TEST(save_descriptions)
{
    params_t p = util_params("fuse=1", "activation=relu", "data=xor", NULL);
    char d[256];
    save_description(d, sizeof d, &p, NULL, (time_t)1700000000);
    const char *head = "saved from unibias " UB_VERSION " on 2023-11-";   /* any time zone */
    ck_assert_msg(strncmp(d, head, strlen(head)) == 0, "%s", d);
    ck_assert_msg(strstr(d, ": early fusion L=2 Lf=1 relu, data xor") != NULL, "%s", d);
    ck_assert(!strstr(d, "from preset"));
    params_t q = util_params(NULL);
    save_description(d, sizeof d, &q, "evil\x1b]0;title\x07", (time_t)1700000000);
    ck_assert_msg(strstr(d, "late fusion L=2 Lf=2, data toy, from preset evil\\x1b]0;title\\x07") != NULL, "%s",
                  d);
    ck_assert(!has_control(d));
    char tiny[8];
    save_description(tiny, sizeof tiny, &q, "x", 0);
    ck_assert_uint_eq(strlen(tiny), 7);
}
END_TEST

/* --- writing ------------------------------------------------------------- */

static void same_params(const params_t *a, const params_t *b)
{
    for (size_t i = 0; i < params_count(); i++) {
        const char *k = params_info(i)->key;
        char va[64], vb[64];
        params_format(a, k, va, sizeof va);
        params_format(b, k, vb, sizeof vb);
        ck_assert_msg(strcmp(va, vb) == 0, "%s: %s after reading back, %s saved", k, vb, va);
    }
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        n += de->d_name[0] != '.';
    closedir(d);
    return n;
}

START_TEST(save_writes_reads_back_and_refuses_to_clobber)
{
    char dir[512], path[600], err[512] = "";
    snprintf(dir, sizeof dir, "%s/conf/unibias/presets", tmpdir);   /* none of it exists yet */
    snprintf(path, sizeof path, "%s/mine.preset", dir);
    params_t p = util_params("sigma_a=2.1", "rho=0.3", "seed=7", "lr=0.0123456789", "steps=999", NULL);
    ck_assert_int_eq(save_write(dir, path, &p, "saved from a test", false, err, sizeof err), SAVE_OK);
    struct stat st;
    ck_assert_int_eq(stat(dir, &st), 0);
    ck_assert(S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
    /* reads back exactly, description included */
    params_t back;
    params_default(&back);
    preset_meta_t m = { "", "" };
    ck_assert_msg(preset_load(&back, path, &m, err, sizeof err) == UB_OK, "%s", err);
    same_params(&p, &back);
    ck_assert_str_eq(m.description, "saved from a test");
    char *first = strdup(read_file(path));
    ck_assert_ptr_nonnull(strstr(first, "\nsigma_a = 2.1\n"));
    ck_assert_ptr_nonnull(strstr(first, "\nrho = 0.3\n"));
    /* a second save of the name is refused and leaves the file alone */
    params_t q = util_params("rho=-0.5", NULL);
    ck_assert_int_eq(save_write(dir, path, &q, "second", false, err, sizeof err), SAVE_EXISTS);
    ck_assert_str_eq(read_file(path), first);
    /* ... unless confirmed: then replaced whole, with no temporary left */
    ck_assert_int_eq(save_write(dir, path, &q, "second", true, err, sizeof err), SAVE_OK);
    params_default(&back);
    ck_assert(preset_load(&back, path, &m, err, sizeof err) == UB_OK);
    same_params(&q, &back);
    ck_assert_str_eq(m.description, "second");
    ck_assert_int_eq(count_entries(dir), 1);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
    /* a description with a newline or escapes cannot add lines to the file */
    ck_assert_int_eq(save_write(dir, path, &q, "x\nrho = 0.9\x1b[2J", true, err, sizeof err), SAVE_OK);
    params_default(&back);
    ck_assert(preset_load(&back, path, &m, err, sizeof err) == UB_OK);
    same_params(&q, &back);
    const char *text = read_file(path);
    ck_assert(strchr(text, '\x1b') == NULL);
    ck_assert(strstr(text, "\nrho = 0.9") == NULL);
    free(first);
}
END_TEST

START_TEST(save_errors_are_messages)
{
    char dir[600], path[700], err[512] = "";
    params_t p = util_params(NULL);
    /* a directory that cannot exist: its parent is a file */
    char file[512];
    snprintf(file, sizeof file, "%s/file", tmpdir);
    write_file(file, "x");
    snprintf(dir, sizeof dir, "%s/presets", file);
    snprintf(path, sizeof path, "%s/mine.preset", dir);
    ck_assert_int_eq(save_write(dir, path, &p, "d", false, err, sizeof err), SAVE_FAILED);
    ck_assert_msg(strstr(err, "cannot create") && strstr(err, "Not a directory"), "%s", err);
    /* the preset directory is a file */
    snprintf(path, sizeof path, "%s/mine.preset", file);
    ck_assert_int_eq(save_write(file, path, &p, "d", true, err, sizeof err), SAVE_FAILED);
    ck_assert_msg(strstr(err, "not a directory"), "%s", err);
    /* no write permission (root may write anyway) */
    if (geteuid() != 0) {
        snprintf(dir, sizeof dir, "%s/ro", tmpdir);
        ck_assert_int_eq(mkdir(dir, 0500), 0);
        snprintf(path, sizeof path, "%s/mine.preset", dir);
        ck_assert_int_eq(save_write(dir, path, &p, "d", false, err, sizeof err), SAVE_FAILED);
        ck_assert_msg(strstr(err, "Permission denied"), "%s", err);
        ck_assert_int_eq(save_write(dir, path, &p, "d", true, err, sizeof err), SAVE_FAILED);
        ck_assert_msg(strstr(err, "Permission denied"), "%s", err);
        chmod(dir, 0700);
    }
}
END_TEST

/* --- the picker's list ------------------------------------------------------ */

static presetpath_entry_t *entries(int n)
{
    presetpath_entry_t *e = calloc((size_t)n, sizeof *e);
    ck_assert_ptr_nonnull(e);
    for (int i = 0; i < n; i++) {
        snprintf(e[i].name, sizeof e[i].name, "%c", 'a' + i);
        snprintf(e[i].shown, sizeof e[i].shown, "%c", 'a' + i);
        e[i].ok = true;
    }
    return e;
}

START_TEST(picker_moves_and_scrolls)
{
    picker_t pk;
    picker_set(&pk, entries(5), 5, "c");
    ck_assert_int_eq(pk.sel, 2);
    ck_assert_str_eq(picker_selected(&pk)->name, "c");
    pk.rows = 2;   /* as the last draw left it */
    ck_assert_int_eq(picker_key(&pk, 'j'), PICK_CONTINUE);
    ck_assert_int_eq(pk.sel, 3);
    ck_assert_int_eq(pk.top, 2);   /* the selection stays in view */
    picker_key(&pk, KEY_DOWN);
    picker_key(&pk, KEY_DOWN);     /* past the end: stays on the last */
    ck_assert_int_eq(pk.sel, 4);
    ck_assert_int_eq(pk.top, 3);
    picker_key(&pk, 'g');
    ck_assert_int_eq(pk.sel, 0);
    ck_assert_int_eq(pk.top, 0);
    picker_key(&pk, 'k');
    picker_key(&pk, KEY_UP);
    ck_assert_int_eq(pk.sel, 0);
    picker_key(&pk, 'G');
    ck_assert_int_eq(pk.sel, 4);
    picker_key(&pk, KEY_PPAGE);
    ck_assert_int_eq(pk.sel, 3);
    picker_key(&pk, KEY_HOME);
    picker_key(&pk, KEY_NPAGE);
    ck_assert_int_eq(pk.sel, 1);
    ck_assert_int_eq(picker_key(&pk, 'x'), PICK_CONTINUE);
    ck_assert_int_eq(pk.sel, 1);
    ck_assert_int_eq(picker_key(&pk, '\r'), PICK_CHOOSE);
    ck_assert_int_eq(picker_key(&pk, KEY_ENTER), PICK_CHOOSE);
    ck_assert_int_eq(picker_key(&pk, 27), PICK_CANCEL);
    ck_assert_int_eq(picker_key(&pk, 'q'), PICK_CANCEL);
    /* a taller window shows everything: no scrolling past the top */
    picker_scroll(&pk, 10);
    ck_assert_int_eq(pk.top, 0);
    picker_close(&pk);
    ck_assert_ptr_null(pk.e);
    ck_assert_ptr_null(picker_selected(&pk));
    /* unknown current name: the first; an empty list chooses nothing */
    picker_set(&pk, entries(3), 3, "zz");
    ck_assert_int_eq(pk.sel, 0);
    picker_close(&pk);
    picker_set(&pk, NULL, 0, "a");
    ck_assert_int_eq(picker_key(&pk, 'j'), PICK_CONTINUE);
    ck_assert_int_eq(pk.sel, 0);
    ck_assert_int_eq(picker_key(&pk, '\n'), PICK_CANCEL);
    ck_assert_ptr_null(picker_selected(&pk));
    picker_close(&pk);
}
END_TEST

START_TEST(picker_entry_texts)
{
    presetpath_entry_t e;
    char b[900];
    memset(&e, 0, sizeof e);
    e.ok = true;
    snprintf(e.description, sizeof e.description, "late fusion");
    snprintf(e.figure, sizeof e.figure, "Fig. 2");
    ck_assert(picker_entry_text(&e, b, sizeof b));
    ck_assert_str_eq(b, "late fusion [Fig. 2]");
    e.figure[0] = '\0';
    e.description[0] = '\0';
    picker_entry_text(&e, b, sizeof b);
    ck_assert_str_eq(b, "(no description)");
    e.ok = false;
    snprintf(e.path, sizeof e.path, "/p/bad.preset");
    snprintf(e.err, sizeof e.err, "/p/bad.preset:3: rho must be in (-1, 1), got 1.5");
    ck_assert(!picker_entry_text(&e, b, sizeof b));
    ck_assert_str_eq(b, "invalid, line 3: rho must be in (-1, 1), got 1.5");
    snprintf(e.err, sizeof e.err, "/p/bad.preset: fuse must be between 1 and depth");
    picker_entry_text(&e, b, sizeof b);
    ck_assert_str_eq(b, "invalid: fuse must be between 1 and depth");
    snprintf(e.err, sizeof e.err, "out of memory");
    picker_entry_text(&e, b, sizeof b);
    ck_assert_str_eq(b, "invalid: out of memory");
}
END_TEST

/* --- the scan the picker and --list-presets share -------------------------- */

static const presetpath_entry_t *find(const presetpath_entry_t *e, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(e[i].name, name) == 0)
            return &e[i];
    return NULL;
}

START_TEST(scan_lists_the_search_path)
{
    char d1[400], d2[400], xdg[400], f[600];
    snprintf(d1, sizeof d1, "%s/one", tmpdir);
    snprintf(d2, sizeof d2, "%s/two", tmpdir);
    snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
    ck_assert(mkdir(d1, 0700) == 0 && mkdir(d2, 0700) == 0);
    snprintf(f, sizeof f, "%s/good.preset", d1);
    write_file(f, "description = a good one\nfigure = Fig. 9\nrho = 0.5\n");
    snprintf(f, sizeof f, "%s/bad.preset", d1);
    write_file(f, "# comment\nrho = 1.5\n");
    snprintf(f, sizeof f, "%s/dup.preset", d1);
    write_file(f, "description = first\n");
    snprintf(f, sizeof f, "%s/dup.preset", d2);
    write_file(f, "description = second\n");
    snprintf(f, sizeof f, "%s/esc\x1b[31m.preset", d2);
    write_file(f, "description = red \x1b[31mtext\x07\n");
    snprintf(f, sizeof f, "%s/junk\x1b].preset", d2);
    write_file(f, "\x1b]0;pwned\x07 = 1\n");
    snprintf(f, sizeof f, "%s/notes.txt", d2);
    write_file(f, "rho = 0.1\n");
    snprintf(f, sizeof f, "%s/fifo.preset", d2);
    ck_assert_int_eq(mkfifo(f, 0600), 0);   /* would block a reader forever */
    char pathvar[1200];
    snprintf(pathvar, sizeof pathvar, "%s/missing:%s:%s", tmpdir, d1, d2);
    setenv("UNIBIAS_PRESET_PATH", pathvar, 1);
    setenv("XDG_CONFIG_HOME", xdg, 1);

    presetpath_entry_t *e;
    int n = presetpath_scan(&e);
    ck_assert_int_ge(n, 6);
    for (int i = 1; i < n; i++)
        ck_assert_msg(strcmp(e[i - 1].name, e[i].name) < 0, "not sorted: %s, %s", e[i - 1].name, e[i].name);
    for (int i = 0; i < n; i++) {
        ck_assert(!has_control(e[i].shown) && !has_control(e[i].description) && !has_control(e[i].figure));
        ck_assert(!has_control(e[i].err));
    }
    const presetpath_entry_t *x = find(e, n, "good");
    ck_assert_ptr_nonnull(x);
    ck_assert(x->ok);
    ck_assert_str_eq(x->description, "a good one");
    ck_assert_str_eq(x->figure, "Fig. 9");
    x = find(e, n, "bad");
    ck_assert_ptr_nonnull(x);
    ck_assert(!x->ok);
    ck_assert_msg(strstr(x->err, "bad.preset:2: rho must be in (-1, 1), got 1.5"), "%s", x->err);
    x = find(e, n, "dup");   /* the first directory wins, as -p would load */
    ck_assert(x && x->ok);
    ck_assert_str_eq(x->description, "first");
    ck_assert(strncmp(x->path, d1, strlen(d1)) == 0);
    x = find(e, n, "esc\x1b[31m");   /* the name -p takes, shown escaped */
    ck_assert(x && x->ok);
    ck_assert_str_eq(x->shown, "esc\\x1b[31m");
    ck_assert_str_eq(x->description, "red \\x1b[31mtext\\x07");
    x = find(e, n, "junk\x1b]");
    ck_assert(x && !x->ok);
    ck_assert_msg(strstr(x->err, "\\x1b]0;pwned\\x07"), "%s", x->err);
    x = find(e, n, "fifo");
    ck_assert(x && !x->ok);
    ck_assert_ptr_nonnull(strstr(x->err, "not a regular file"));
    ck_assert_ptr_null(find(e, n, "notes"));
    free(e);

    /* a preset saved from the live view shows up in the next scan */
    char dir[PRESETPATH_DIR_MAX], path[PRESETPATH_DIR_MAX + 96], err[512];
    ck_assert(save_path("saved-here", dir, sizeof dir, path, sizeof path, err, sizeof err));
    params_t p = util_params("rho=0.25", NULL);
    ck_assert_int_eq(save_write(dir, path, &p, "from the test", false, err, sizeof err), SAVE_OK);
    picker_t pk;
    ck_assert_int_ge(picker_open(&pk, "saved-here"), 7);
    const presetpath_entry_t *sel = picker_selected(&pk);
    ck_assert_str_eq(sel->name, "saved-here");
    ck_assert(sel->ok);
    ck_assert_str_eq(sel->description, "from the test");
    ck_assert_str_eq(sel->path, path);
    picker_close(&pk);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tui_presets");
    TCase *tn = tcase_create("save_pure");
    tcase_add_test(tn, save_names);
    tcase_add_test(tn, save_paths_follow_xdg_then_home);
    tcase_add_test(tn, save_descriptions);
    tcase_add_test(tn, picker_moves_and_scrolls);
    tcase_add_test(tn, picker_entry_texts);
    suite_add_tcase(s, tn);
    TCase *tf = tcase_create("files");
    tcase_add_checked_fixture(tf, tmp_setup, tmp_teardown);
    tcase_set_timeout(tf, 20);
    tcase_add_test(tf, save_writes_reads_back_and_refuses_to_clobber);
    tcase_add_test(tf, save_errors_are_messages);
    tcase_add_test(tf, scan_lists_the_search_path);
    suite_add_tcase(s, tf);
    return util_run(s);
}
