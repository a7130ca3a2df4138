/* view.c - the display list; see view.h. */
#include "view.h"

#include <stdlib.h>
#include <string.h>

void view_truncate(struct view *v, size_t n)
{
	for (size_t i = n; i < v->n; i++) {
		free(v->v[i].label);
		free(v->v[i].text);
		layout_free(&v->v[i].layout);
	}
	if (n < v->n)
		v->n = n;
}

void view_clear(struct view *v)
{
	view_truncate(v, 0);
}

void view_free(struct view *v)
{
	view_clear(v);
	free(v->v);
	v->v = NULL;
	v->cap = 0;
}

int view_pressable(const struct widget *w)
{
	return w->id[0] && !(w->flags & WF_DISABLED) && w->kind != WK_PANEL &&
	       w->kind != WK_TEXT && w->kind != WK_IMAGE;
}

const struct widget *view_hit(const struct view *v, int x, int y)
{
	for (size_t i = v->n; i-- > 0;) {
		const struct widget *w = &v->v[i];
		if (view_pressable(w) && x >= w->x && x < w->x + w->w &&
		    y >= w->y && y < w->y + w->h)
			return w;
	}
	return NULL;
}

const struct widget *view_find(const struct view *v, const char *id)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->v[i].id, id))
			return &v->v[i];
	return NULL;
}
