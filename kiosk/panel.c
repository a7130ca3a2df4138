/* panel.c - a turned panel's sizes and touches; see panel.h. */
#include "panel.h"

int panel_rotation_valid(int degrees)
{
	return degrees == 0 || degrees == 90 || degrees == 180 || degrees == 270;
}

void panel_view_size(const struct panel *p, int *width, int *height)
{
	int quarter = p->rotate == 90 || p->rotate == 270;
	*width = quarter ? p->height : p->width;
	*height = quarter ? p->width : p->height;
}

/* Turned clockwise by 90 degrees, the view's top-left corner is at the
 * output's top-right: its x runs down the output, its y leftwards; by 270
 * its corner is at the bottom-left, x running up, y rightwards. */
void panel_to_view(const struct panel *p, int x, int y, int *vx, int *vy)
{
	switch (p->rotate) {
	case 90:
		*vx = y;
		*vy = p->width - 1 - x;
		break;
	case 180:
		*vx = p->width - 1 - x;
		*vy = p->height - 1 - y;
		break;
	case 270:
		*vx = p->height - 1 - y;
		*vy = x;
		break;
	default:
		*vx = x;
		*vy = y;
		break;
	}
}
