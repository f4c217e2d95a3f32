/* term.c - curses setup and teardown, signals, and the idle wait. */
#define _POSIX_C_SOURCE 200809L
#include "tui/term.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

/* Waits longer than this re-check the flags anyway: a signal can land on a
 * thread the UI does not own (OpenBLAS starts one before main). */
#define WAIT_BACKSTOP_MS 1000

static volatile sig_atomic_t quit_sig, resized, suspend_req;
static SCREEN *screen;
static bool is_open, atexit_done;
static struct termios saved_tios;
static bool have_tios;
/* what a crash handler writes: leave the alternate screen, show the cursor */
static char crash_seq[128];
static size_t crash_len;

static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
static struct sigaction old_quit[3], old_winch, old_tstp, old_crash[5];
static bool installed;

static void on_quit(int sig)
{
    quit_sig = sig;
}

static void on_winch(int sig)
{
    (void)sig;
    resized = 1;
}

static void on_tstp(int sig)
{
    (void)sig;
    suspend_req = 1;
}

/* The one exception to "handlers only set flags": after a crash there is no
 * main loop left to read a flag, so restore the tty with async-signal-safe
 * calls only (tcsetattr, write) and die by the same signal. */
static void on_crash(int sig)
{
    if (is_open) {
        if (have_tios)
            tcsetattr(STDIN_FILENO, TCSANOW, &saved_tios);
        if (crash_len) {
            ssize_t n = write(STDOUT_FILENO, crash_seq, crash_len);
            (void)n;
        }
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void set_handler(int sig, void (*fn)(int), struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;    /* no SA_RESTART: a signal must end the wait */
    sigaction(sig, &sa, old);
}

void term_signals_install(void)
{
    if (installed)
        return;
    for (size_t i = 0; i < 3; i++)
        set_handler(quit_signals[i], on_quit, &old_quit[i]);
    set_handler(SIGWINCH, on_winch, &old_winch);
    set_handler(SIGTSTP, on_tstp, &old_tstp);
    for (size_t i = 0; i < 5; i++)
        set_handler(crash_signals[i], on_crash, &old_crash[i]);
    installed = true;
}

void term_signals_restore(void)
{
    if (!installed)
        return;
    for (size_t i = 0; i < 3; i++)
        sigaction(quit_signals[i], &old_quit[i], NULL);
    sigaction(SIGWINCH, &old_winch, NULL);
    sigaction(SIGTSTP, &old_tstp, NULL);
    for (size_t i = 0; i < 5; i++)
        sigaction(crash_signals[i], &old_crash[i], NULL);
    installed = false;
}

/* Appends a terminfo string without its $<..> padding. */
static void crash_add(const char *cap)
{
    char *s = tigetstr((char *)cap);
    if (!s || s == (char *)-1)
        return;
    for (; *s && crash_len + 1 < sizeof crash_seq; s++) {
        if (s[0] == '$' && s[1] == '<') {
            const char *e = strchr(s, '>');
            if (e) {
                s = (char *)e;
                continue;
            }
        }
        crash_seq[crash_len++] = *s;
    }
}

static void term_atexit(void)
{
    term_close();
}

bool term_open(char *err, size_t errlen)
{
    if (is_open)
        return true;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(err, errlen, "the live view needs a terminal on stdin and stdout (use --batch in scripts)");
        return false;
    }
    have_tios = tcgetattr(STDIN_FILENO, &saved_tios) == 0;
    screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        const char *t = getenv("TERM");
        snprintf(err, errlen, "cannot use the terminal (TERM=%s)", t && *t ? t : "unset");
        return false;
    }
    is_open = true;
    if (!atexit_done) {
        atexit(term_atexit);
        atexit_done = true;
    }
    crash_len = 0;
    crash_add("sgr0");
    crash_add("cnorm");
    crash_add("rmkx");
    crash_add("rmcup");
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    return true;
}

void term_close(void)
{
    if (!is_open)
        return;
    is_open = false;
    curs_set(1);
    endwin();
    delscreen(screen);
    screen = NULL;
    fflush(stdout);
}

int term_take_quit(void)
{
    int s = quit_sig;
    quit_sig = 0;
    return s;
}

bool term_take_resize(void)
{
    bool r = resized;
    resized = 0;
    return r;
}

bool term_take_suspend(void)
{
    bool r = suspend_req;
    suspend_req = 0;
    return r;
}

void term_resize(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resizeterm(ws.ws_row, ws.ws_col);
}

void term_suspend(void)
{
    if (!is_open)
        return;
    endwin();
    fflush(stdout);
    kill(getpid(), SIGSTOP);   /* the whole process, worker included */
    /* resumed: the screen may be anything now */
    term_resize();
    clearok(curscr, TRUE);
    doupdate();
}

int term_wait(int wake_fd, int timeout_ms)
{
    sigset_t block, old;
    sigemptyset(&block);
    for (size_t i = 0; i < 3; i++)
        sigaddset(&block, quit_signals[i]);
    sigaddset(&block, SIGWINCH);
    sigaddset(&block, SIGTSTP);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    if (quit_sig || resized || suspend_req) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return TERM_SIGNAL;
    }
    if (timeout_ms < 0 || timeout_ms > WAIT_BACKSTOP_MS)
        timeout_ms = WAIT_BACKSTOP_MS;
    fd_set rfds;
    FD_ZERO(&rfds);
    FD_SET(STDIN_FILENO, &rfds);
    int nfds = STDIN_FILENO + 1;
    if (wake_fd >= 0) {
        FD_SET(wake_fd, &rfds);
        if (wake_fd + 1 > nfds)
            nfds = wake_fd + 1;
    }
    struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
    int r = pselect(nfds, &rfds, NULL, NULL, &ts, &old);
    int e = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (r < 0)
        return e == EINTR ? TERM_SIGNAL : TERM_TIMEOUT;
    if (r == 0)
        return TERM_TIMEOUT;
    int out = 0;
    if (FD_ISSET(STDIN_FILENO, &rfds))
        out |= TERM_INPUT;
    if (wake_fd >= 0 && FD_ISSET(wake_fd, &rfds)) {
        char buf[64];
        while (read(wake_fd, buf, sizeof buf) > 0)
            ;
        out |= TERM_WAKE;
    }
    return out;
}
