/* site_voice.c - <audio> for the site's narrated units; see site_voice.h. */
#include "site_voice.h"
#include "audiofile.h"
#include "fs.h"
#include "narration.h"
#include "strmap.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct site_voices {
	const struct project *p;
	const char *site_dir;
	char *cache;                   /* CACHE/audio */
	struct narration *langs;       /* one per site language */
	size_t source;                 /* the source language's index */
	int any;                       /* some language is narrated */
	pthread_mutex_t lock;          /* for `made` and the files */
	struct strmap *made;           /* "<lang>/<key>" -> (void *)1 once written */
};

int site_voices_load(struct site_voices **out, const struct project *p, const char *site_dir,
                     struct err *e)
{
	struct site_voices *v = xcalloc(1, sizeof *v);
	v->p = p;
	v->site_dir = site_dir;
	v->cache = narration_cache_dir(p);
	v->langs = xcalloc(p->site.nlangs + 1, sizeof *v->langs);
	v->made = strmap_new();
	pthread_mutex_init(&v->lock, NULL);
	*out = v;
	for (size_t l = 0; l < p->site.nlangs; l++) {
		if (project_is_source(p, p->site.langs[l].code))
			v->source = l;
		if (narration_load(&v->langs[l], p, l, e) < 0)
			return -1;
		v->any |= v->langs[l].present;
	}
	return 0;
}

int site_voices_any(const struct site_voices *v)
{
	return v && v->any;
}

void site_voices_free(struct site_voices *v)
{
	if (!v)
		return;
	for (size_t l = 0; l < v->p->site.nlangs; l++)
		narration_free(&v->langs[l]);
	free(v->langs);
	free(v->cache);
	strmap_free(v->made, NULL);
	pthread_mutex_destroy(&v->lock);
	free(v);
}

/* CACHE/audio/<file sha>.<ext>: the recording as Opus or MP3. */
static int cached(struct site_voices *v, const struct narration *n, const struct nentry *en,
                  const char *ext, char **path, struct err *e)
{
	char *src = fs_join(n->dir, en->file);
	int rc = audio_cached(src, en->file_sha, ext, v->cache, en->key,
	                      en->synthetic ? "synthetic: espeak-ng" : "recorded", path, e);
	free(src);
	return rc;
}

/* SITE/audio/<lang>/<key>.opus and .mp3, once. */
static int files_of(struct site_voices *v, const struct narration *n, const struct nentry *en,
                    const char *code, struct err *e)
{
	static const char *const exts[] = { "opus", "mp3" };
	char *id = xconcat(code, "/", en->key, (char *)NULL);
	int rc = 0;
	pthread_mutex_lock(&v->lock);
	if (!strmap_get(v->made, id)) {
		char *dir = xconcat(v->site_dir, "/audio/", code, (char *)NULL);
		rc = fs_mkdirs(dir, e);
		for (size_t i = 0; rc == 0 && i < sizeof exts / sizeof *exts; i++) {
			char *from = NULL, *to = xconcat(dir, "/", en->key, ".", exts[i], (char *)NULL);
			rc = cached(v, n, en, exts[i], &from, e);
			if (rc == 0)
				rc = fs_copy_file(from, to, e);
			free(from);
			free(to);
		}
		if (rc == 0)
			strmap_put(v->made, id, (void *)1);
		free(dir);
	}
	pthread_mutex_unlock(&v->lock);
	free(id);
	return rc;
}

/* The unit's manifest row when it has a current voice (recorded or
 * synthetic) in language `l`, else NULL. */
static const struct nentry *voice_of(const struct site_voices *v, size_t l, const char *msgid)
{
	const struct narration *n = &v->langs[l];
	struct unit u = { NULL, msgid, NULL, 0, NULL };
	const struct nentry *en = NULL;
	char *text = n->present ? narration_text(n, &u) : NULL;
	enum nstate s = text ? narration_state(n, &u, text, &en) : N_MISSING;
	free(text);
	return s == N_RECORDED || s == N_SYNTHETIC ? en : NULL;
}

int site_voice_file(struct site_voices *v, size_t lang, const char *msgid, int fell_back,
                    const char *ext, char **path, char key[17], int *synthetic,
                    struct err *e)
{
	size_t l = fell_back ? v->source : lang;
	const struct nentry *en = v && v->any ? voice_of(v, l, msgid) : NULL;
	*path = NULL;
	if (!en)
		return 0;
	memcpy(key, en->key, 17);
	*synthetic = en->synthetic;
	pthread_mutex_lock(&v->lock);
	int rc = cached(v, &v->langs[l], en, ext, path, e);
	pthread_mutex_unlock(&v->lock);
	return rc < 0 ? -1 : 1;
}

int site_voice_unit(struct site_voices *v, size_t lang, const char *msgid, int fell_back,
                    const char *up, const struct voice_words *w, struct buf *out,
                    struct err *e)
{
	if (!v || !v->any)
		return 0;
	size_t l = fell_back ? v->source : lang;
	const struct narration *n = &v->langs[l];
	const struct nentry *en = voice_of(v, l, msgid);
	if (!en)
		return 0;   /* no voice, or one that says something else */
	const char *code = v->p->site.langs[l].code;
	if (files_of(v, n, en, code, e) < 0)
		return -1;
	/* a unit shown in the source language: its player beside it, as it is */
	if (l != lang)
		buf_printf(out, "\n<p class=\"narration\" lang=\"%s\" dir=\"%s\">", code,
		           v->p->site.langs[l].rtl ? "rtl" : "ltr");
	else
		buf_puts(out, "\n<p class=\"narration\">");
	buf_puts(out, "<audio controls preload=\"none\" aria-label=\"");
	buf_put_html(out, w->listen, strlen(w->listen));
	buf_printf(out, "\"><source src=\"%s../audio/%s/%s.opus\" type=\"audio/ogg; codecs=opus\">"
	           "<source src=\"%s../audio/%s/%s.mp3\" type=\"audio/mpeg\"></audio>", up, code,
	           en->key, up, code, en->key);
	if (en->synthetic) {
		buf_puts(out, " <span class=\"voice-machine\">");
		buf_put_html(out, w->machine, strlen(w->machine));
		buf_puts(out, "</span>");
	}
	buf_puts(out, "</p>");
	return 0;
}
