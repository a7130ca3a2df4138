/* narrate.c - crsv-gen narrate; see narrate.h. */
#include "narrate.h"
#include "buf.h"
#include "csv.h"
#include "fs.h"
#include "narration.h"
#include "speech.h"

#include <stdlib.h>
#include <string.h>

/* What one run did, for the summary line. */
struct tally {
	int taken, synthesized;
	struct ncount after;
};

struct run {
	struct narration *n;
	const struct narrate_options *o;
	struct speech *voice;       /* --synthesize */
	struct tally t;
	struct buf csv, html;       /* --script */
	int rows;
	struct err *e;
	int failed;
};

static const char *const state_words[] = { "recorded", "synthetic", "stale", "missing" };

/* A narrator's file for `key` in the language's folder: its name, or NULL. */
static char *take_of(const struct narration *n, const char *key)
{
	static const char *const kinds[] = { ".opus", ".wav" };
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		char *name = xconcat(key, kinds[i], (char *)NULL), *path = fs_join(n->dir, name);
		int there = fs_is_file(path);
		free(path);
		if (there)
			return name;
		free(name);
	}
	return NULL;
}

/* The SHA-256 of a file of the language's folder; -1 when unreadable. */
static int file_sha(const struct narration *n, const char *name, char sha[65], struct err *e)
{
	char *path = fs_join(n->dir, name), *data = NULL;
	size_t len;
	int rc = fs_read(path, &data, &len, e);
	if (rc == 0)
		narration_sha(data, len, sha);
	free(data);
	free(path);
	return rc;
}

/* The manifest's row for `key`: `file` (with its SHA-256) speaks `text`. */
static void note(struct run *r, const char *key, int synthetic, const char *text,
                 const char *file, const char sha[65])
{
	struct nentry en = {0};
	memcpy(en.key, key, sizeof en.key);
	en.synthetic = synthetic;
	narration_sha(text, strlen(text), en.text_sha);
	memcpy(en.file_sha, sha, sizeof en.file_sha);
	en.file = (char *)file;
	narration_put(r->n, &en);
}

/* A recording for the unit put in the folder since the manifest was
 * written (or a new take): taken in as speaking `text`. */
static int take_in(struct run *r, const char *key, const char *text)
{
	char *name = take_of(r->n, key), sha[65];
	int rc = 0;
	if (!name)
		return 0;
	const struct nentry *old = narration_find(r->n, key);
	if ((rc = file_sha(r->n, name, sha, r->e)) == 0 &&
	    (!old || old->synthetic || strcmp(old->file_sha, sha))) {
		note(r, key, 0, text, name, sha);
		r->t.taken++;
	}
	free(name);
	return rc;
}

/* The machine voice for a unit with no voice (or a synthetic one that
 * says what the unit said before). */
static int synthesize(struct run *r, const char *key, const char *text)
{
	struct err *e = r->e;
	char *dir = fs_join(r->n->dir, "synthetic"), *name = xconcat("synthetic/", key, ".opus",
	                                                             (char *)NULL);
	char *path = fs_join(r->n->dir, name), sha[65];
	double seconds;
	int rc = fs_mkdirs(dir, e);
	if (rc == 0)
		rc = speech_to_opus(r->voice, text, path, key, &seconds, e);
	if (rc == 0)
		rc = file_sha(r->n, name, sha, e);
	if (rc == 0) {
		note(r, key, 1, text, name, sha);
		r->t.synthesized++;
	}
	free(path);
	free(name);
	free(dir);
	return rc;
}

/* Where the unit comes from, for the narrator ("content/x/index.md:12"). */
static char *where_of(const struct unit *u)
{
	return u->line > 0 ? xasprintf("%s:%d", u->file, u->line) : xstrdup(u->file ? u->file : "");
}

static void script_row(struct run *r, const struct unit *u, const char *key, enum nstate s,
                       const char *text)
{
	char *where = where_of(u), *file = xconcat(key, ".opus", (char *)NULL);
	r->rows++;
	csv_int(&r->csv, 1, r->rows);
	csv_text(&r->csv, 0, key);
	csv_text(&r->csv, 0, file);
	csv_text(&r->csv, 0, state_words[s]);
	csv_text(&r->csv, 0, where);
	csv_text(&r->csv, 0, text);
	csv_end_row(&r->csv);
	buf_printf(&r->html, "<tr class=\"%s\"><td>%d</td><td><code>", state_words[s], r->rows);
	buf_put_html(&r->html, file, strlen(file));
	buf_puts(&r->html, "</code><br><small>");
	buf_put_html(&r->html, state_words[s], strlen(state_words[s]));
	buf_puts(&r->html, " · ");
	buf_put_html(&r->html, where, strlen(where));
	buf_puts(&r->html, "</small></td><td class=\"say\">");
	buf_put_html(&r->html, text, strlen(text));
	buf_puts(&r->html, "</td></tr>\n");
	free(file);
	free(where);
}

static int visit(void *ctx, const struct unit *u)
{
	struct run *r = ctx;
	char key[NARRATION_KEY_LEN + 1];
	char *text = narration_text(r->n, u);
	if (!text)
		return 0;
	narration_key(u->ctxt, u->msgid, key);
	const struct nentry *en;
	int rc = take_in(r, key, text);
	enum nstate s = narration_state(r->n, u, text, &en);
	if (rc == 0 && r->voice &&
	    (s == N_MISSING || (s == N_STALE && en && en->synthetic))) {
		rc = synthesize(r, key, text);
		s = narration_state(r->n, u, text, NULL);
	}
	if (r->o->script && s != N_RECORDED)
		script_row(r, u, key, s, text);
	switch (s) {
	case N_RECORDED: r->t.after.recorded++; break;
	case N_SYNTHETIC: r->t.after.synthetic++; break;
	case N_STALE: r->t.after.stale++; break;
	case N_MISSING: r->t.after.missing++; break;
	}
	free(text);
	if (rc < 0)
		r->failed = 1;
	return rc < 0;   /* the first failure stops the walk */
}

static void script_begin(struct run *r, const struct lang *l)
{
	csv_begin(&r->csv);
	csv_text(&r->csv, 1, "n");
	csv_text(&r->csv, 0, "key");
	csv_text(&r->csv, 0, "file");
	csv_text(&r->csv, 0, "state");
	csv_text(&r->csv, 0, "from");
	csv_text(&r->csv, 0, "text");
	csv_end_row(&r->csv);
	buf_printf(&r->html, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n"
	           "<meta charset=\"utf-8\">\n<title>", l->code, l->rtl ? "rtl" : "ltr");
	buf_put_html(&r->html, l->name, strlen(l->name));
	buf_puts(&r->html, ": recording script</title>\n<style>\n"
	         "body{font:14pt/1.5 sans-serif;margin:2em}\n"
	         "table{border-collapse:collapse;width:100%}\n"
	         "td{border-top:1px solid #999;padding:.6em .4em;vertical-align:top}\n"
	         "td.say{font-size:18pt}\nsmall{color:#555}\n"
	         "tr{break-inside:avoid}\n</style>\n</head>\n<body>\n<h1>");
	buf_put_html(&r->html, l->name, strlen(l->name));
	buf_puts(&r->html, ": what to record</h1>\n<p>Read each text as it is written, one file "
	         "each, named as shown (Ogg Opus or WAV), into the language's folder.</p>\n"
	         "<table>\n");
}

static int script_write(struct run *r, struct err *e)
{
	buf_puts(&r->html, "</table>\n</body>\n</html>\n");
	const char *csv = r->o->script;
	size_t n = strlen(csv);
	char *html = n > 4 && !strcmp(csv + n - 4, ".csv")
	             ? xasprintf("%.*s.html", (int)(n - 4), csv) : xconcat(csv, ".html", (char *)NULL);
	int rc = fs_write_atomic(csv, r->csv.data, r->csv.len, e);
	if (rc == 0)
		rc = fs_write_atomic(html, r->html.data, r->html.len, e);
	free(html);
	return rc;
}

static int lang_index(const struct project *p, const char *code, size_t *out)
{
	for (size_t i = 0; i < p->site.nlangs; i++)
		if (!strcmp(p->site.langs[i].code, code)) {
			*out = i;
			return 0;
		}
	return -1;
}

int narrate_run(const struct project *p, const struct narrate_options *o, FILE *out,
                struct err *e)
{
	struct narration n;
	struct run r = { &n, o, NULL, { 0 }, { 0 }, { 0 }, 0, e, 0 };
	size_t l;
	int rc = -1;
	memset(&n, 0, sizeof n);
	if (!o->lang || lang_index(p, o->lang, &l) < 0)
		return err_set(e, "", 0, "narrate needs --lang CODE, one of site.yaml's languages");
	if (narration_load(&n, p, l, e) < 0)
		goto out;
	if (o->synthesize && speech_open(&r.voice, o->lang, e) < 0)
		goto out;
	if (o->script)
		script_begin(&r, &p->site.langs[l]);
	units_walk(p, visit, &r);
	if (r.failed)
		goto out;
	if ((r.t.taken || r.t.synthesized || n.present) && narration_save(&n, e) < 0)
		goto out;
	if (o->script && script_write(&r, e) < 0)
		goto out;
	fprintf(out, "narrate %s: %d units: %d recorded, %d synthetic, %d stale, %d missing; "
	        "%d recording(s) taken in, %d synthesized%s%s\n", o->lang, ncount_total(&r.t.after),
	        r.t.after.recorded, r.t.after.synthetic, r.t.after.stale, r.t.after.missing,
	        r.t.taken, r.t.synthesized, o->script ? "; script: " : "", o->script ? o->script : "");
	rc = 0;
out:
	speech_close(r.voice);
	buf_free(&r.csv);
	buf_free(&r.html);
	narration_free(&n);
	return rc;
}
