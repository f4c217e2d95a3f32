/* test_tui_layout.c - the screen split as a pure function: panels tile the
 * terminal without overlap at every size from the minimum up, 80x24 gets
 * usable plots, and below the minimum everything is empty ("too small"). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tui/layout.h"
#include "util.h"

static int area(const rect_t *r)
{
    return r->w * r->h;
}

static bool overlap(const rect_t *a, const rect_t *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Every cell covered exactly once, every rectangle inside the screen. */
static void check_tiling(int cols, int rows, int nparams)
{
    layout_t l;
    layout_compute(&l, cols, rows, nparams);
    ck_assert_msg(!l.too_small, "%dx%d should fit", cols, rows);
    int sum = 0;
    for (int i = 0; i < PANEL_COUNT; i++) {
        const rect_t *r = &l.r[i];
        ck_assert_msg(r->w > 0 && r->h > 0, "%dx%d: panel %d empty", cols, rows, i);
        ck_assert_msg(r->x >= 0 && r->y >= 0 && r->x + r->w <= cols && r->y + r->h <= rows,
                      "%dx%d: panel %d outside", cols, rows, i);
        for (int j = 0; j < i; j++)
            ck_assert_msg(!overlap(r, &l.r[j]), "%dx%d: panels %d and %d overlap", cols, rows, i, j);
        sum += area(r);
    }
    ck_assert_int_eq(sum, cols * rows);
}

START_TEST(tiles_every_size)
{
    for (int cols = LAYOUT_MIN_COLS; cols <= 260; cols += 7)
        for (int rows = LAYOUT_MIN_ROWS; rows <= 90; rows += 3)
            for (int np = 0; np <= 30; np += 10)
                check_tiling(cols, rows, np);
    check_tiling(LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, 20);
}
END_TEST

START_TEST(too_small_is_empty)
{
    static const int sizes[][2] = { { 40, 12 }, { LAYOUT_MIN_COLS - 1, 40 }, { 200, LAYOUT_MIN_ROWS - 1 },
                                    { 0, 0 }, { 1, 1 }, { -5, 30 } };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        layout_t l;
        layout_compute(&l, sizes[k][0], sizes[k][1], 18);
        ck_assert(l.too_small);
        for (int i = 0; i < PANEL_COUNT; i++)
            ck_assert_int_eq(area(&l.r[i]), 0);
    }
}
END_TEST

START_TEST(readable_at_80x24)
{
    layout_t l;
    layout_compute(&l, 80, 24, 19);
    ck_assert(!l.too_small);
    /* one-line bars at the top and bottom */
    ck_assert_int_eq(l.r[PANEL_TITLE].y, 0);
    ck_assert_int_eq(l.r[PANEL_TITLE].h, 1);
    ck_assert_int_eq(l.r[PANEL_STATUS].y, 22);
    ck_assert_int_eq(l.r[PANEL_KEYS].y, 23);
    /* the theory table keeps its rows; parameters scroll instead */
    ck_assert_int_ge(l.r[PANEL_THEORY].h, LAYOUT_THEORY_ROWS);
    ck_assert_int_ge(l.r[PANEL_PARAMS].h, 5);
    /* the plots are big enough to read: at least 20 columns and 6 rows inside */
    ck_assert_int_ge(l.r[PANEL_LOSS].w, 40);
    ck_assert_int_ge(l.r[PANEL_LOSS].h, 6);
    ck_assert_int_ge(l.r[PANEL_PORTRAIT].w, 22);
    ck_assert_int_ge(l.r[PANEL_PORTRAIT].h, 8);
    ck_assert_int_ge(l.r[PANEL_WEIGHTS].w, 22);
    /* left column is wide enough for "> weight_decay 0.001" */
    ck_assert_int_ge(l.r[PANEL_PARAMS].w, 24);
}
END_TEST

START_TEST(grows_with_the_terminal)
{
    layout_t a, b;
    layout_compute(&a, 80, 24, 19);
    layout_compute(&b, 160, 50, 19);
    ck_assert_int_gt(area(&b.r[PANEL_LOSS]), area(&a.r[PANEL_LOSS]));
    ck_assert_int_gt(area(&b.r[PANEL_PORTRAIT]), area(&a.r[PANEL_PORTRAIT]));
    ck_assert_int_gt(area(&b.r[PANEL_WEIGHTS]), area(&a.r[PANEL_WEIGHTS]));
    /* on a tall screen every parameter gets a line */
    ck_assert_int_ge(b.r[PANEL_PARAMS].h, 19 + 2);
}
END_TEST

START_TEST(few_params_give_theory_the_room)
{
    layout_t l;
    layout_compute(&l, 120, 40, 3);
    ck_assert_int_eq(l.r[PANEL_PARAMS].h, 5);
    ck_assert_int_eq(l.r[PANEL_THEORY].h, 40 - 3 - 5);
}
END_TEST

START_TEST(rect_contains_edges)
{
    rect_t r = { 2, 3, 4, 5 };
    ck_assert(rect_contains(&r, 2, 3));
    ck_assert(rect_contains(&r, 5, 7));
    ck_assert(!rect_contains(&r, 6, 7));
    ck_assert(!rect_contains(&r, 5, 8));
    ck_assert(!rect_contains(&r, 1, 3));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tui_layout");
    TCase *tc = tcase_create("layout");
    tcase_add_test(tc, tiles_every_size);
    tcase_add_test(tc, too_small_is_empty);
    tcase_add_test(tc, readable_at_80x24);
    tcase_add_test(tc, grows_with_the_terminal);
    tcase_add_test(tc, few_params_give_theory_the_room);
    tcase_add_test(tc, rect_contains_edges);
    suite_add_tcase(s, tc);
    return util_run(s);
}
