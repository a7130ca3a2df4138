/* narrator.c - reading a screen's texts aloud; see narrator.h. */
#include "narrator.h"
#include "screen.h"

#include <stdio.h>

#include <string.h>

size_t narr_put(struct narr_item *out, size_t n, size_t max, const char *id, const char *key,
                int fallback, size_t lang)
{
	if (n >= max || !key[0])
		return n;
	snprintf(out[n].id, sizeof out[n].id, "%s", id);
	snprintf(out[n].key, sizeof out[n].key, "%s", key);
	out[n].fallback = fallback;
	out[n].lang = lang;
	return n + 1;
}

void narrator_collect(struct app *a)
{
	struct narrator *n = &a->narr;
	struct narr_item items[NARRATOR_MAX];
	const struct screen_ops *s = app_screen_ops(a);
	size_t count = s->narration && a->sound.play ? s->narration(a, items, NARRATOR_MAX) : 0;
	n->npage = 0;
	n->page_synthetic = 0;
	for (size_t i = 0; i < count; i++) {
		const struct m_audio *au = material_voice(a->m, items[i].lang, items[i].key,
		                                          items[i].fallback);
		if (!au)
			continue;   /* not narrated (yet): read on to the next */
		struct narr_voice *v = &n->page[n->npage++];
		memcpy(v->id, items[i].id, sizeof v->id);
		v->id[sizeof v->id - 1] = '\0';
		v->audio = au;
		n->page_synthetic |= au->synthetic;
	}
}

/* Start queue[at] and those after it, skipping any that cannot play. */
static void play_from(struct app *a, int64_t now)
{
	struct narrator *n = &a->narr;
	for (; n->at < n->nqueue; n->at++) {
		const struct m_audio *au = n->queue[n->at].audio;
		if (a->sound.play(a->sound.ctx, au->data, au->len, now) == 0) {
			n->active = 1;
			changed(a);
			return;
		}
	}
	narrator_stop(a);
}

void narrator_listen(struct app *a, int64_t now)
{
	struct narrator *n = &a->narr;
	memcpy(n->queue, n->page, n->npage * sizeof *n->page);
	n->nqueue = n->npage;
	n->at = 0;
	play_from(a, now);
}

void narrator_stop(struct app *a)
{
	struct narrator *n = &a->narr;
	if (!n->active)
		return;
	n->active = 0;
	n->nqueue = n->at = 0;
	if (a->sound.stop)
		a->sound.stop(a->sound.ctx);
	changed(a);
}

void narrator_tick(struct app *a, int64_t now)
{
	struct narrator *n = &a->narr;
	if (!n->active || a->sound.playing(a->sound.ctx, now))
		return;
	n->at++;
	play_from(a, now);
}

/* What the screen would read: its name and its texts (FNV-1a). */
static uint64_t page_digest(const struct app *a)
{
	const struct narrator *n = &a->narr;
	uint64_t h = 14695981039346656037u;
	const char *name = app_screen(a);
	for (const char *c = name; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	for (size_t i = 0; i < n->npage; i++)
		for (const char *c = n->page[i].id; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211u;
	for (size_t i = 0; i < n->npage; i++)
		for (const char *c = n->page[i].audio->key; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211u;
	return h;
}

void narrator_read_aloud(struct app *a, int64_t now)
{
	struct narrator *n = &a->narr;
	if (!n->read_aloud || n->active || !a->mode || strcmp(a->mode, "community"))
		return;
	app_view(a);   /* the screen as it is now: its texts collected */
	uint64_t d = page_digest(a);
	if (d == n->read_page)
		return;
	n->read_page = d;
	if (n->npage)
		narrator_listen(a, now);
}

int narrator_active(const struct app *a)
{
	return a->narr.active;
}

const char *narrator_speaking(const struct app *a)
{
	const struct narrator *n = &a->narr;
	return n->active && n->at < n->nqueue ? n->queue[n->at].id : NULL;
}
