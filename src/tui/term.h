/* term.h - the terminal's lifecycle: curses on and off, signal flags, and the
 * UI thread's one blocking wait. Every way out (q, SIGINT, SIGTERM, SIGHUP,
 * errors, exit(), crashes) ends with the terminal restored. */
#ifndef UNIBIAS_TUI_TERM_H
#define UNIBIAS_TUI_TERM_H

#include <stdbool.h>
#include <stddef.h>

/* Installs the handlers (INT, TERM, HUP, WINCH, TSTP set flags; crash
 * signals restore the tty and re-raise). Call before term_open so that
 * curses keeps ours. */
void term_signals_install(void);
void term_signals_restore(void);

/* Starts curses on the controlling stdin/stdout; false with a message when
 * there is no usable terminal. */
bool term_open(char *err, size_t errlen);
/* Ends curses and restores the tty; safe to call twice and from atexit. */
void term_close(void);

/* Signal flags, each cleared when taken. */
int term_take_quit(void);       /* the quit signal number, 0 if none */
bool term_take_resize(void);
bool term_take_suspend(void);
/* Applies the window's current size to curses. */
void term_resize(void);
/* Ctrl-Z: hands the terminal back, stops, and takes it again on resume. */
void term_suspend(void);

enum { TERM_INPUT = 1, TERM_WAKE = 2, TERM_SIGNAL = 4, TERM_TIMEOUT = 8 };
/* Sleeps until input on stdin, a byte on wake_fd (drained), a signal, or
 * timeout_ms (< 0: none). Signals are let in only while sleeping, so a flag
 * can never be missed between the check and the sleep. */
int term_wait(int wake_fd, int timeout_ms);

#endif
