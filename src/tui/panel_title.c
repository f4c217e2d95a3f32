/* panel_title.c - the top bar: architecture, step, speed, seed, preset. */
#include <stdio.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/panel.h"
#include "tui/speed.h"
#include "tui/theme.h"

/* Appends " - piece" when it still fits in width columns. */
static void add(char *buf, size_t len, int width, const char *sep, const char *piece)
{
    size_t used = strlen(buf);
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s%s", used ? sep : "", piece);
    int w = 0;
    for (const char *s = buf; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    for (const char *s = tmp; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    if (w <= width && used + strlen(tmp) < len)
        strcat(buf, tmp);
}

static void title_draw(WINDOW *w, const view_t *v, void *state)
{
    (void)state;
    const wsnap_t *s = v->s;
    const params_t *p = &s->p;
    int wd = getmaxx(w);
    const char *sep = v->ascii ? " - " : " \u2500 ";
    char buf[512] = "", piece[160], a[32], b[32];
    const char *data = p->data == DATA_MULTI ? "multi" : p->data == DATA_XOR ? "xor" : "toy";
    const char *act = p->activation == ACT_RELU ? " relu" : p->activation == ACT_LEAKY ? " leaky" : "";

    draw_fill(w, 0, 0, wd, ROLE_TITLE);
    add(buf, sizeof buf, wd - 2, sep, "unibias");
    snprintf(piece, sizeof piece, "%s L=%d Lf=%d%s", params_fusion_name(p), p->depth, p->fuse, act);
    add(buf, sizeof buf, wd - 2, sep, piece);
    snprintf(piece, sizeof piece, "step %ld", s->step);
    add(buf, sizeof buf, wd - 2, sep, piece);
    snprintf(piece, sizeof piece, "%s steps/s", fmt_si(a, sizeof a, s->rate));
    add(buf, sizeof buf, wd - 2, sep, piece);
    snprintf(piece, sizeof piece, "speed %s", speed_name(b, sizeof b, s->speed));
    add(buf, sizeof buf, wd - 2, sep, piece);
    snprintf(piece, sizeof piece, "seed %llu", (unsigned long long)p->seed);
    add(buf, sizeof buf, wd - 2, sep, piece);
    snprintf(piece, sizeof piece, "data %s", data);
    add(buf, sizeof buf, wd - 2, sep, piece);
    if (v->preset) {
        snprintf(piece, sizeof piece, "preset %s", v->preset);
        add(buf, sizeof buf, wd - 2, sep, piece);
    }
    draw_text(w, 0, 1, wd - 2, buf, ROLE_TITLE);
}

const panel_t panel_title = { "title", 0, title_draw, NULL };
