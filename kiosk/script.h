/*
 * script.h - the action lines of `crsv-kiosk --script FILE`, one a line:
 *
 *   press <widget-id>     as a tap on that widget
 *   tap <x> <y>           a tap at a point of the screen laid out
 *   touch <x> <y>         a tap as the touch screen reports it: at a point
 *                         of the output, turned with --rotate (panel.h)
 *   down <x> <y>          a finger put down (held until "up")
 *   up <x> <y>            and lifted
 *   key <SDL key name>    a key: Tab, Return, Escape, Left, F12, 7 ...
 *   type <text>           typed text
 *   wait <ms>             time passes (a fake clock: timeouts are testable)
 *   shot <file.bmp>       a screenshot
 *
 * Blank lines and lines starting with '#' are skipped.  Plain C.
 */
#ifndef CRSV_SCRIPT_H
#define CRSV_SCRIPT_H

#include <stdint.h>
#include "err.h"

enum action_kind { A_NONE, A_PRESS, A_TAP, A_TOUCH, A_DOWN, A_UP, A_KEY, A_TYPE, A_WAIT,
                   A_SHOT };

struct action {
	enum action_kind kind;
	char arg[512];          /* widget id, key name, text or file */
	int x, y;
	int64_t ms;
};

/* Parse one line (without its newline); A_NONE for a blank or comment
 * line; -1 with "<source>:<line>: error: ..." on a bad one. */
int script_parse(const char *line, const char *source, int lineno,
                 struct action *a, struct err *e);

#endif
