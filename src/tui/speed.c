/* speed.c - speed settings table. */
#include "tui/speed.h"

#include <stdio.h>

#include "tui/fmt.h"

static const double rates[] = {
    1, 3, 10, 30, 100, 300, 1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 0 /* unthrottled */
};
#define NRATES ((int)(sizeof rates / sizeof rates[0]))

int speed_count(void)
{
    return NRATES;
}

int speed_default(void)
{
    for (int i = 0; i < NRATES; i++)
        if (rates[i] == SPEED_DEFAULT_RATE)
            return i;
    return 0;
}

int speed_clamp(int i)
{
    return i < 0 ? 0 : i >= NRATES ? NRATES - 1 : i;
}

double speed_rate(int i)
{
    return rates[speed_clamp(i)];
}

char *speed_name(char *buf, size_t len, int i)
{
    double r = speed_rate(i);
    if (r == 0) {
        snprintf(buf, len, "max");
        return buf;
    }
    char tmp[16];
    snprintf(buf, len, "%s/s", fmt_si(tmp, sizeof tmp, r));
    return buf;
}
