/* test_tui_canvas.c - the dot canvas (braille bit layout, ASCII fallback,
 * glyph layering, clipping) and the value-to-dot axes, without a terminal. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tui/axis.h"
#include "tui/canvas.h"
#include "util.h"

static const char *cell(const canvas_t *c, int col, int row, int *role)
{
    static char buf[8];
    int r;
    canvas_cell(c, col, row, buf, role ? role : &r);
    return buf;
}

START_TEST(braille_bits)
{
    canvas_t c;
    ck_assert_int_eq(canvas_init(&c, 3, 2, CANVAS_BRAILLE), 0);
    ck_assert_int_eq(canvas_width(&c), 6);
    ck_assert_int_eq(canvas_height(&c), 8);
    ck_assert_str_eq(cell(&c, 0, 0, NULL), " ");
    canvas_dot(&c, 0, 0, 1);
    ck_assert_str_eq(cell(&c, 0, 0, NULL), "\u2801");   /* dot 1 */
    canvas_dot(&c, 1, 3, 1);
    ck_assert_str_eq(cell(&c, 0, 0, NULL), "\u2881");   /* + dot 8 */
    for (int y = 4; y < 8; y++)
        for (int x = 4; x < 6; x++)
            canvas_dot(&c, x, y, 2);
    int role;
    ck_assert_str_eq(cell(&c, 2, 1, &role), "\u28ff");
    ck_assert_int_eq(role, 2);
    /* left column dots 1,2,3,7 and right column 4,5,6,8 */
    canvas_clear(&c);
    for (int y = 0; y < 4; y++)
        canvas_dot(&c, 2, y, 1);
    ck_assert_str_eq(cell(&c, 1, 0, NULL), "\u2847");
    canvas_clear(&c);
    for (int y = 0; y < 4; y++)
        canvas_dot(&c, 3, y, 1);
    ck_assert_str_eq(cell(&c, 1, 0, NULL), "\u28b8");
    canvas_free(&c);
}
END_TEST

START_TEST(ascii_cells)
{
    canvas_t c;
    ck_assert_int_eq(canvas_init(&c, 2, 2, CANVAS_ASCII), 0);
    ck_assert_int_eq(canvas_width(&c), 2);
    ck_assert_int_eq(canvas_height(&c), 4);
    canvas_dot(&c, 0, 0, 1);
    ck_assert_str_eq(cell(&c, 0, 0, NULL), "'");
    canvas_dot(&c, 1, 1, 1);
    ck_assert_str_eq(cell(&c, 1, 0, NULL), ".");
    canvas_dot(&c, 1, 0, 1);
    ck_assert_str_eq(cell(&c, 1, 0, NULL), ":");
    /* only ASCII leaves an ASCII canvas */
    canvas_glyph(&c, 0, 1, 0x2192, false, 3);
    ck_assert_str_eq(cell(&c, 0, 1, NULL), "?");
    canvas_glyph(&c, 0, 1, '>', false, 3);
    ck_assert_str_eq(cell(&c, 0, 1, NULL), ">");
    canvas_free(&c);
}
END_TEST

START_TEST(outside_is_ignored)
{
    canvas_t c;
    ck_assert_int_eq(canvas_init(&c, 2, 2, CANVAS_BRAILLE), 0);
    canvas_dot(&c, -1, 0, 1);
    canvas_dot(&c, 0, -1, 1);
    canvas_dot(&c, 4, 0, 1);
    canvas_dot(&c, 0, 8, 1);
    canvas_glyph(&c, 2, 0, 'x', false, 1);
    canvas_glyph(&c, -1, 0, 'x', false, 1);
    canvas_text(&c, 1, 1, "long text", 1);
    for (int r = 0; r < 2; r++)
        for (int col = 0; col < 2; col++)
            if (!(r == 1 && col == 1))
                ck_assert_str_eq(cell(&c, col, r, NULL), " ");
    ck_assert_str_eq(cell(&c, 1, 1, NULL), "l");
    /* out-of-range cell queries are empty, not a crash */
    ck_assert_str_eq(cell(&c, 5, 5, NULL), " ");
    canvas_free(&c);
}
END_TEST

START_TEST(glyph_layers)
{
    canvas_t c;
    ck_assert_int_eq(canvas_init(&c, 2, 1, CANVAS_BRAILLE), 0);
    canvas_glyph(&c, 0, 0, 0x2192, true, 5);      /* weak: a flow arrow */
    ck_assert_str_eq(cell(&c, 0, 0, NULL), "\u2192");
    canvas_dot(&c, 0, 0, 1);                      /* a trajectory dot hides it */
    ck_assert_str_eq(cell(&c, 0, 0, NULL), "\u2801");
    canvas_glyph(&c, 0, 0, 'A', false, 6);        /* a marker shows over dots */
    int role;
    ck_assert_str_eq(cell(&c, 0, 0, &role), "A");
    ck_assert_int_eq(role, 6);
    canvas_glyph(&c, 0, 0, 0x2190, true, 5);      /* weak never replaces strong */
    ck_assert_str_eq(cell(&c, 0, 0, NULL), "A");
    canvas_free(&c);
}
END_TEST

START_TEST(lines_and_clipping)
{
    canvas_t c;
    ck_assert_int_eq(canvas_init(&c, 4, 2, CANVAS_BRAILLE), 0);   /* 8 x 8 dots */
    canvas_line(&c, 0, 0, 7, 7, 1);
    /* the diagonal passes through every cell on it */
    ck_assert_str_ne(cell(&c, 0, 0, NULL), " ");
    ck_assert_str_ne(cell(&c, 3, 1, NULL), " ");
    ck_assert_str_eq(cell(&c, 3, 0, NULL), " ");
    canvas_clear(&c);
    /* far outside on both ends: clipped, finishes at once */
    canvas_segment(&c, -1e12, 3.0, 1e12, 3.0, 1);
    for (int col = 0; col < 4; col++)
        ck_assert_str_ne(cell(&c, col, 0, NULL), " ");
    ck_assert_str_eq(cell(&c, 0, 1, NULL), " ");
    canvas_clear(&c);
    canvas_segment(&c, -5, -5, -1, -1, 1);            /* entirely outside */
    canvas_segment(&c, NAN, 0, 3, 3, 1);              /* not a number */
    canvas_segment(&c, 0, 0, INFINITY, 3, 1);
    for (int r = 0; r < 2; r++)
        for (int col = 0; col < 4; col++)
            ck_assert_str_eq(cell(&c, col, r, NULL), " ");
    canvas_hdots(&c, 4, 2, 1);
    ck_assert_str_eq(cell(&c, 0, 1, NULL), "\u2801");
    canvas_vdots(&c, 7, 0, 1);   /* gap < 1 means every dot */
    ck_assert_str_eq(cell(&c, 3, 0, NULL), "\u28b8");
    canvas_free(&c);
}
END_TEST

START_TEST(resize_and_limits)
{
    canvas_t c;
    ck_assert_int_eq(canvas_init(&c, 0, 5, CANVAS_BRAILLE), -1);
    ck_assert_int_eq(canvas_init(&c, 100000, 100000, CANVAS_BRAILLE), -1);
    ck_assert_int_eq(canvas_init(&c, 5, 5, CANVAS_BRAILLE), 0);
    canvas_dot(&c, 0, 0, 1);
    uint8_t *before = c.dots;
    ck_assert_int_eq(canvas_resize(&c, 5, 5, CANVAS_BRAILLE), 0);
    ck_assert_ptr_eq(c.dots, before);                 /* same size: reused, cleared */
    ck_assert_str_eq(cell(&c, 0, 0, NULL), " ");
    ck_assert_int_eq(canvas_resize(&c, 7, 3, CANVAS_ASCII), 0);
    ck_assert_int_eq(c.cols, 7);
    ck_assert_int_eq(canvas_height(&c), 6);
    canvas_free(&c);
    canvas_free(&c);                                  /* twice is fine */
}
END_TEST

START_TEST(utf8_encoding)
{
    char b[5];
    ck_assert_int_eq(canvas_utf8('A', b), 1);
    ck_assert_str_eq(b, "A");
    ck_assert_int_eq(canvas_utf8(0xd7, b), 2);
    ck_assert_str_eq(b, "\u00d7");
    ck_assert_int_eq(canvas_utf8(0x28ff, b), 3);
    ck_assert_str_eq(b, "\u28ff");
    ck_assert_int_eq(canvas_utf8(0x1F600, b), 4);
    ck_assert_int_eq(canvas_utf8(0xD800, b), 0);
    ck_assert_int_eq(canvas_utf8(0x110000, b), 0);
}
END_TEST

START_TEST(axis_linear)
{
    range_t r;
    range_reset(&r);
    range_add(&r, 2, false);
    range_add(&r, -1, false);
    range_add(&r, NAN, false);
    range_add(&r, INFINITY, false);
    ck_assert(r.set);
    ck_assert(r.lo == -1 && r.hi == 2);
    axis_t a;
    axis_set(&a, &r, false, false, 31);
    ck_assert(fabs(axis_map(&a, -1) - 0) < 1e-12);
    ck_assert(fabs(axis_map(&a, 2) - 30) < 1e-12);
    ck_assert(fabs(axis_map(&a, 0.5) - 15) < 1e-12);
    ck_assert(isnan(axis_map(&a, NAN)));
    ck_assert(fabs(axis_value(&a, 15) - 0.5) < 1e-12);
    axis_set(&a, &r, false, true, 31);                 /* y: high values on top */
    ck_assert(fabs(axis_map(&a, 2) - 0) < 1e-12);
    ck_assert(fabs(axis_map(&a, -1) - 30) < 1e-12);
    ck_assert(fabs(axis_value(&a, 0) - 2) < 1e-12);
}
END_TEST

START_TEST(axis_log_and_degenerate)
{
    range_t r;
    range_reset(&r);
    range_add(&r, 0, true);      /* not positive: skipped on a log axis */
    range_add(&r, -3, true);
    range_add(&r, 1e-6, true);
    range_add(&r, 1, true);
    ck_assert(r.lo == 1e-6 && r.hi == 1);
    axis_t a;
    axis_set(&a, &r, true, false, 7);
    ck_assert(fabs(axis_map(&a, 1e-3) - 3) < 1e-9);
    ck_assert(isnan(axis_map(&a, 0)));
    ck_assert(fabs(axis_value(&a, 3) - 1e-3) < 1e-12);
    /* nothing added: a usable default */
    range_reset(&r);
    range_finish(&r, 0.1, false);
    ck_assert(r.hi > r.lo);
    range_reset(&r);
    range_finish(&r, 0.1, true);
    ck_assert(r.lo > 0 && r.hi > r.lo);
    /* a single value: widened around it */
    range_reset(&r);
    range_add(&r, 5, false);
    range_finish(&r, 0, false);
    ck_assert(r.lo < 5 && r.hi > 5);
    range_reset(&r);
    range_add(&r, 0, false);
    range_finish(&r, 0, false);
    ck_assert(r.lo < 0 && r.hi > 0);
    range_reset(&r);
    range_add(&r, 1e-3, true);
    range_finish(&r, 0, true);
    ck_assert(r.lo < 1e-3 && r.hi > 1e-3);
    /* padding */
    range_reset(&r);
    range_add(&r, 0, false);
    range_add(&r, 10, false);
    range_finish(&r, 0.1, false);
    ck_assert(fabs(r.lo + 1) < 1e-12 && fabs(r.hi - 11) < 1e-12);
    /* an empty axis maps nothing */
    axis_set(&a, &r, false, false, 0);
    ck_assert(isnan(axis_map(&a, 1)));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tui_canvas");
    TCase *tc = tcase_create("canvas");
    tcase_add_test(tc, braille_bits);
    tcase_add_test(tc, ascii_cells);
    tcase_add_test(tc, outside_is_ignored);
    tcase_add_test(tc, glyph_layers);
    tcase_add_test(tc, lines_and_clipping);
    tcase_add_test(tc, resize_and_limits);
    tcase_add_test(tc, utf8_encoding);
    suite_add_tcase(s, tc);
    TCase *ta = tcase_create("axis");
    tcase_add_test(ta, axis_linear);
    tcase_add_test(ta, axis_log_and_degenerate);
    suite_add_tcase(s, ta);
    return util_run(s);
}
