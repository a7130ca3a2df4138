/*
 * input.h - SDL events and key names turned into the app's input.
 *
 * Touch (finger events, in normalised coordinates), mouse and keyboard all
 * reach the app the same way; mouse events that SDL synthesises from touch
 * are ignored, so a tap counts once.
 */
#ifndef CRSV_INPUT_H
#define CRSV_INPUT_H

#include <SDL.h>
#include <stdint.h>
#include "app.h"
#include "panel.h"

/* Hand one SDL event to the app, a touch or a click turned with the panel
 * `p` (its size kept up to date by the caller); returns 1 when the event
 * asks to quit the program (window closed). */
int input_event(struct app *a, const SDL_Event *ev, const struct panel *p, int64_t now);

/* An SDL key name ("Tab", "Return", "F12", "7") as the app's key; digits
 * come back in *digit ('\0' when not a digit).  -1 for an unknown name. */
int input_key_name(const char *name, enum app_key *key, char *digit);

#endif
