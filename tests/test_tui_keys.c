/* test_tui_keys.c - the key table (every action bound, no key bound twice,
 * vim aliases), the help screen and hint line generated from it, the man
 * page's KEYS section in sync with it, the value-entry field, and the small
 * formatting and speed tables. No terminal needed. */
#include <check.h>
#include <ctype.h>
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/edit.h"
#include "tui/fmt.h"
#include "tui/keys.h"
#include "tui/speed.h"
#include "util.h"

static bool pure_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

START_TEST(every_action_bound_once)
{
    for (int act = KA_NONE + 1; act < KA_COUNT; act++) {
        int n = 0;
        for (size_t i = 0; i < keys_count(); i++)
            n += keys_binding(i)->action == (key_action_t)act;
        ck_assert_msg(n == 1, "action %d has %d table rows", act, n);
    }
    ck_assert_ptr_null(keys_binding(keys_count()));
}
END_TEST

START_TEST(no_key_bound_twice)
{
    for (size_t i = 0; i < keys_count(); i++)
        for (int k = 0; k < KEYS_PER_BINDING && keys_binding(i)->keys[k]; k++) {
            int ch = keys_binding(i)->keys[k];
            for (size_t j = 0; j < keys_count(); j++)
                for (int m = 0; m < KEYS_PER_BINDING && keys_binding(j)->keys[m]; m++)
                    if (i != j || k != m)
                        ck_assert_msg(keys_binding(j)->keys[m] != ch, "key %d bound twice", ch);
            ck_assert_int_eq(keys_lookup(ch), keys_binding(i)->action);
        }
}
END_TEST

START_TEST(bindings_from_the_issue)
{
    ck_assert_int_eq(keys_lookup(KEY_UP), KA_UP);
    ck_assert_int_eq(keys_lookup('k'), KA_UP);
    ck_assert_int_eq(keys_lookup(KEY_DOWN), KA_DOWN);
    ck_assert_int_eq(keys_lookup('j'), KA_DOWN);
    ck_assert_int_eq(keys_lookup(KEY_LEFT), KA_DEC);
    ck_assert_int_eq(keys_lookup('h'), KA_DEC);
    ck_assert_int_eq(keys_lookup(KEY_RIGHT), KA_INC);
    ck_assert_int_eq(keys_lookup('l'), KA_INC);
    ck_assert_int_eq(keys_lookup(' '), KA_PAUSE);
    ck_assert_int_eq(keys_lookup('n'), KA_STEP);
    ck_assert_int_eq(keys_lookup('r'), KA_RESTART);
    ck_assert_int_eq(keys_lookup('R'), KA_RESEED);
    ck_assert_int_eq(keys_lookup('+'), KA_FASTER);
    ck_assert_int_eq(keys_lookup('-'), KA_SLOWER);
    ck_assert_int_eq(keys_lookup('c'), KA_CARRY);
    ck_assert_int_eq(keys_lookup('\r'), KA_EDIT);
    ck_assert_int_eq(keys_lookup('\n'), KA_EDIT);
    ck_assert_int_eq(keys_lookup('q'), KA_QUIT);
    ck_assert_int_eq(keys_lookup(27), KA_QUIT);
    ck_assert_int_eq(keys_lookup(12), KA_REDRAW);   /* Ctrl-L */
    ck_assert_int_eq(keys_lookup('?'), KA_HELP);
    /* the log-y key is not one of the vim aliases */
    for (size_t i = 0; i < keys_count(); i++)
        if (keys_binding(i)->action == KA_LOGY)
            for (int k = 0; k < KEYS_PER_BINDING && keys_binding(i)->keys[k]; k++)
                ck_assert(!strchr("hjklHJKL", keys_binding(i)->keys[k]));
    ck_assert_int_eq(keys_lookup('p'), KA_PRESETS);
    ck_assert_int_eq(keys_lookup('s'), KA_SAVE);
    ck_assert_int_eq(keys_lookup(0), KA_NONE);
    ck_assert_int_eq(keys_lookup('Z'), KA_NONE);
}
END_TEST

START_TEST(help_screen_lists_every_binding)
{
    char buf[256];
    size_t n = keys_help_lines();
    ck_assert_uint_eq(n, keys_count() + 2);
    for (size_t i = 0; i < keys_count(); i++) {
        const key_binding_t *b = keys_binding(i);
        bool found = false, found_ascii = false;
        for (size_t l = 0; l < n; l++) {
            ck_assert(keys_help_line(l, false, buf, sizeof buf));
            found |= strstr(buf, b->help) != NULL && strstr(buf, b->label) != NULL;
            ck_assert(keys_help_line(l, true, buf, sizeof buf));
            ck_assert_msg(pure_ascii(buf), "ascii help line %zu: %s", l, buf);
            found_ascii |= strstr(buf, b->help) != NULL && strstr(buf, b->label_ascii) != NULL;
        }
        ck_assert_msg(found && found_ascii, "binding %zu missing from help", i);
    }
    ck_assert(!keys_help_line(n, false, buf, sizeof buf));
    /* columns line up: the help text starts at the same column everywhere */
    int col = -1;
    for (size_t l = 2; l < n; l++) {
        keys_help_line(l, false, buf, sizeof buf);
        const char *h = strstr(buf, keys_binding(l - 2)->help);
        char pre[256];
        memcpy(pre, buf, (size_t)(h - buf));
        pre[h - buf] = '\0';
        int w = keys_text_width(pre);
        if (col < 0)
            col = w;
        ck_assert_int_eq(w, col);
    }
    /* a tiny buffer is truncated, not overrun */
    char tiny[4];
    ck_assert(keys_help_line(3, false, tiny, sizeof tiny));
    ck_assert_uint_le(strlen(tiny), 3);
}
END_TEST

START_TEST(hint_line_fits)
{
    char buf[512];
    for (int w = 0; w <= 200; w++) {
        for (int ascii = 0; ascii < 2; ascii++) {
            int got = keys_hint_line(ascii, w, buf, sizeof buf);
            ck_assert_int_le(got, w);
            ck_assert_int_eq(got, keys_text_width(buf));
            if (ascii)
                ck_assert(pure_ascii(buf));
            if (w >= 14)   /* quit and help always make it */
                ck_assert_msg(strstr(buf, "q quit") && strstr(buf, "? help"), "w=%d: %s", w, buf);
        }
    }
    keys_hint_line(false, 200, buf, sizeof buf);
    ck_assert_ptr_nonnull(strstr(buf, "space pause"));
    ck_assert_ptr_nonnull(strstr(buf, "c carry"));
    ck_assert_ptr_nonnull(strstr(buf, "p presets"));
    ck_assert_ptr_nonnull(strstr(buf, "s save"));
    /* table order is kept */
    ck_assert(strstr(buf, "select") < strstr(buf, "q quit"));
    ck_assert_int_eq(keys_hint_line(false, 80, buf, 0), 0);
}
END_TEST

/* --- the man page's KEYS section ------------------------------------------ */

#define MAX_TAGS 64
#define TAG_LEN 64

/* Words of a key label, commas dropped and blanks collapsed: "q, Esc" and
 * "q Esc" both give "q Esc". */
static void words(const char *s, char *out, size_t len)
{
    size_t j = 0;
    for (; *s && j + 1 < len; s++) {
        char c = *s == ',' ? ' ' : *s;
        if (c == ' ' && (j == 0 || out[j - 1] == ' '))
            continue;
        out[j++] = c;
    }
    while (j && out[j - 1] == ' ')
        j--;
    out[j] = '\0';
}

/* A tag line of roff source as a reader sees it: the macro name, quotes and
 * font changes dropped, \- \& \e resolved; any other escape kept as "\?" so
 * that it cannot match a label by accident. */
static void roff_text(const char *line, char *out, size_t len)
{
    char tmp[256];
    size_t j = 0;
    const char *s = line;
    if (*s == '.') {
        while (*s && *s != ' ')
            s++;
    }
    for (; *s && j + 2 < sizeof tmp; s++) {
        if (*s == '"')
            continue;
        if (*s != '\\') {
            tmp[j++] = *s;
            continue;
        }
        s++;
        if (*s == '-')
            tmp[j++] = '-';
        else if (*s == 'e')
            tmp[j++] = '\\';
        else if (*s == 'f' && s[1])
            s++;   /* \fB, \fR, \fI, \fP */
        else if (*s == '&')
            ;
        else {
            tmp[j++] = '\\';
            tmp[j++] = '?';
            if (!*s)
                break;
        }
    }
    tmp[j] = '\0';
    words(tmp, out, len);
}

/* The tags (the line after each .TP) of the KEYS section of the man page;
 * returns how many, -1 when the page cannot be read. */
static int man_key_tags(char tags[][TAG_LEN], int max)
{
    const char *env = getenv("UB_MAN_PAGE");   /* when set, that page and no other */
    FILE *f = NULL;
    if (env && *env)
        f = fopen(env, "r");
    else if (!(f = fopen("man/unibias.1", "r")))
        f = fopen("../man/unibias.1", "r");
    if (!f)
        return -1;
    char line[1024];
    bool in_keys = false, after_tp = false;
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, ".SH", 3) == 0) {
            in_keys = strcmp(line, ".SH KEYS") == 0;
            after_tp = false;
            continue;
        }
        if (!in_keys)
            continue;
        if (after_tp && n < max)
            roff_text(line, tags[n++], TAG_LEN);
        after_tp = strncmp(line, ".TP", 3) == 0 && (line[3] == '\0' || isspace((unsigned char)line[3]));
    }
    fclose(f);
    return n;
}

START_TEST(roff_tags_read_as_shown)
{
    char b[TAG_LEN];
    roff_text(".B \"S\\-Left, H\"", b, sizeof b);
    ck_assert_str_eq(b, "S-Left H");
    roff_text(".BR q \", \" Esc", b, sizeof b);
    ck_assert_str_eq(b, "q Esc");
    roff_text(".B \\fB?\\fR\\&", b, sizeof b);
    ck_assert_str_eq(b, "?");
    roff_text(".B \\(ua k", b, sizeof b);
    ck_assert_str_eq(b, "\\?ua k");   /* an unknown escape never matches a label */
    roff_text("^L", b, sizeof b);
    ck_assert_str_eq(b, "^L");
}
END_TEST

/* Every binding of the table has one KEYS paragraph whose tag names its keys
 * (as in the ASCII help screen), and every KEYS paragraph is a binding. */
START_TEST(man_page_keys_match_the_table)
{
    static char tags[MAX_TAGS][TAG_LEN];
    int n = man_key_tags(tags, MAX_TAGS);
    ck_assert_msg(n >= 0, "cannot read man/unibias.1 (run from the source tree, or set UB_MAN_PAGE)");
    for (size_t i = 0; i < keys_count(); i++) {
        char want[TAG_LEN];
        words(keys_binding(i)->label_ascii, want, sizeof want);
        int found = 0;
        for (int t = 0; t < n; t++)
            found += strcmp(tags[t], want) == 0;
        ck_assert_msg(found == 1, "man page KEYS: '%s' (%s) documented %d times, want once", want,
                      keys_binding(i)->help, found);
    }
    for (int t = 0; t < n; t++) {
        bool known = false;
        for (size_t i = 0; i < keys_count() && !known; i++) {
            char want[TAG_LEN];
            words(keys_binding(i)->label_ascii, want, sizeof want);
            known = strcmp(tags[t], want) == 0;
        }
        ck_assert_msg(known, "man page KEYS documents '%s', which the key table lacks", tags[t]);
    }
    ck_assert_int_eq(n, (int)keys_count());
}
END_TEST

START_TEST(edit_field)
{
    edit_t e;
    edit_start(&e, "0.5");
    ck_assert_int_eq(e.cur, 3);
    ck_assert_int_eq(edit_key(&e, KEY_BACKSPACE), EDIT_CONTINUE);
    ck_assert_str_eq(e.buf, "0.");
    edit_key(&e, '2');
    edit_key(&e, '5');
    ck_assert_str_eq(e.buf, "0.25");
    edit_key(&e, KEY_HOME);
    edit_key(&e, '-');
    ck_assert_str_eq(e.buf, "-0.25");
    edit_key(&e, KEY_RIGHT);
    edit_key(&e, KEY_DC);
    ck_assert_str_eq(e.buf, "-025");
    edit_key(&e, KEY_END);
    edit_key(&e, KEY_LEFT);
    edit_key(&e, 127);
    ck_assert_str_eq(e.buf, "-05");
    edit_key(&e, 21);   /* ^U */
    ck_assert_str_eq(e.buf, "");
    ck_assert_int_eq(e.cur, 0);
    edit_key(&e, KEY_BACKSPACE);   /* nothing to delete */
    edit_key(&e, KEY_LEFT);
    edit_key(&e, 0x1234);         /* not a character */
    edit_key(&e, 0x01);           /* ^A: home */
    edit_key(&e, 0xe9);           /* non-ASCII is refused */
    ck_assert_str_eq(e.buf, "");
    ck_assert_int_eq(edit_key(&e, '\r'), EDIT_ACCEPT);
    ck_assert_int_eq(edit_key(&e, KEY_ENTER), EDIT_ACCEPT);
    ck_assert_int_eq(edit_key(&e, 27), EDIT_CANCEL);
    /* bounded */
    for (int i = 0; i < 200; i++)
        edit_key(&e, 'x');
    ck_assert_int_eq(e.len, EDIT_MAX);
    ck_assert_uint_eq(strlen(e.buf), EDIT_MAX);
    char big[300];
    memset(big, '7', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    edit_start(&e, big);
    ck_assert_int_eq(e.len, EDIT_MAX);
    edit_start(&e, NULL);
    ck_assert_str_eq(e.buf, "");
}
END_TEST

START_TEST(formats)
{
    char b[32];
    ck_assert_str_eq(fmt_num(b, sizeof b, NAN, 3), "-");
    ck_assert_str_eq(fmt_num(b, sizeof b, INFINITY, 3), "inf");
    ck_assert_str_eq(fmt_num(b, sizeof b, -INFINITY, 3), "-inf");
    ck_assert_str_eq(fmt_num(b, sizeof b, 3.64159, 3), "3.64");
    ck_assert_str_eq(fmt_num(b, sizeof b, -0.0, 3), "0");
    ck_assert_str_eq(fmt_signed(b, sizeof b, 0.25, 2), "+0.25");
    ck_assert_str_eq(fmt_signed(b, sizeof b, -0.0, 2), "+0");
    ck_assert_str_eq(fmt_signed(b, sizeof b, NAN, 2), "-");
    ck_assert_str_eq(fmt_si(b, sizeof b, 950), "950");
    ck_assert_str_eq(fmt_si(b, sizeof b, 1234), "1.2k");
    ck_assert_str_eq(fmt_si(b, sizeof b, 45600), "46k");
    ck_assert_str_eq(fmt_si(b, sizeof b, 1.68e6), "1.7M");
    ck_assert_str_eq(fmt_si(b, sizeof b, 999.6), "1.0k");
    ck_assert_str_eq(fmt_si(b, sizeof b, 3e15), "3000T");
    ck_assert_str_eq(fmt_step(b, sizeof b, -1), "-");
    ck_assert_str_eq(fmt_step(b, sizeof b, 466), "466");
}
END_TEST

START_TEST(speeds)
{
    char b[32];
    int n = speed_count();
    ck_assert_int_ge(n, 5);
    ck_assert(speed_rate(n - 1) == 0);                 /* the fastest is unthrottled */
    ck_assert_str_eq(speed_name(b, sizeof b, n - 1), "max");
    for (int i = 1; i < n - 1; i++)
        ck_assert(speed_rate(i) > speed_rate(i - 1));
    ck_assert(speed_rate(speed_default()) == SPEED_DEFAULT_RATE);
    ck_assert_str_eq(speed_name(b, sizeof b, speed_default()), "30/s");
    ck_assert_int_eq(speed_clamp(-4), 0);
    ck_assert_int_eq(speed_clamp(n + 9), n - 1);
    ck_assert(speed_rate(-1) == speed_rate(0));
    /* the default preset (converged near step 550-700) fits in 30 s, and its
     * plateau (~127 steps) lasts several seconds */
    ck_assert(700 / SPEED_DEFAULT_RATE < 30);
    ck_assert(127 / SPEED_DEFAULT_RATE > 3);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tui_keys");
    TCase *tk = tcase_create("keys");
    tcase_add_test(tk, every_action_bound_once);
    tcase_add_test(tk, no_key_bound_twice);
    tcase_add_test(tk, bindings_from_the_issue);
    tcase_add_test(tk, help_screen_lists_every_binding);
    tcase_add_test(tk, hint_line_fits);
    tcase_add_test(tk, roff_tags_read_as_shown);
    tcase_add_test(tk, man_page_keys_match_the_table);
    suite_add_tcase(s, tk);
    TCase *te = tcase_create("edit_fmt_speed");
    tcase_add_test(te, edit_field);
    tcase_add_test(te, formats);
    tcase_add_test(te, speeds);
    suite_add_tcase(s, te);
    return util_run(s);
}
