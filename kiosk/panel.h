/*
 * panel.h - the screen the kiosk is drawn on, and how it is turned.
 *
 * A panel mounted sideways (the Touch Display 2 read as 1280x720 and hung
 * portrait; a 7-inch panel upside down) is turned by the kiosk itself:
 * `crsv-kiosk --rotate 90` lays its screens out for the panel as it hangs
 * (720x1280) and draws them turned a quarter clockwise onto the output.
 * This file owns the arithmetic, with no SDL: the size the screens are laid
 * out for, and where a touch on the output lands on them.  The renderer
 * (render.c) does the turning, input.c maps the touches.
 */
#ifndef CRSV_PANEL_H
#define CRSV_PANEL_H

struct panel {
	int width, height;      /* the output, as the video driver gives it */
	int rotate;             /* 0, 90, 180 or 270: degrees clockwise */
};

/* Whether `degrees` is a rotation the kiosk can do (0, 90, 180, 270). */
int panel_rotation_valid(int degrees);

/* The size the screens are laid out for: the output's, its sides swapped
 * for a quarter turn. */
void panel_view_size(const struct panel *p, int *width, int *height);

/* The point (x, y) of the output, as touched, on the screen laid out
 * (view coordinates). */
void panel_to_view(const struct panel *p, int x, int y, int *vx, int *vy);

#endif
