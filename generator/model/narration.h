/*
 * narration.h - the recordings that give every unit of text a voice, per
 * language, tracked as translations are.
 *
 * A unit is what the PO files hold (units.h: a heading, a paragraph, a
 * list item, a quiz prompt, choice, feedback or explanation, a chrome
 * string), and its recording is named by a key that survives edits
 * elsewhere: the first 16 hex digits of SHA-256 over its msgctxt, a 0x04
 * byte and its msgid, as gettext joins them.  A language speaks a unit
 * when it shows it in that language: the source language every unit, the
 * others those translated (not fuzzy); a unit shown in the source
 * language for want of a translation plays the source's recording.
 *
 * A language's recordings live in LOCALES/audio/<lang>/: <key>.opus (or
 * .wav, converted when packaged) made by a narrator, synthetic/<key>.opus
 * made by `crsv-gen narrate --synthesize`, and narration.csv, the
 * manifest, written by crsv-gen narrate:
 *
 *   key,kind,text_sha256,file_sha256,file
 *
 * kind is "recorded" or "synthetic"; text_sha256 is the SHA-256 of the
 * text the file speaks (plain text, narration_plain), so a recording whose
 * text has changed since is stale, as a translation turns fuzzy; a unit
 * whose msgid changed (a new key) finds the recording of its previous
 * msgid (the PO's "#| msgid") and is stale too.  file_sha256 tells a new
 * take of the same key from the one the manifest knew.
 */
#ifndef CRSV_NARRATION_H
#define CRSV_NARRATION_H

#include <stdio.h>
#include "err.h"
#include "project.h"
#include "units.h"

#define NARRATION_KEY_LEN 16

enum nstate { N_RECORDED, N_SYNTHETIC, N_STALE, N_MISSING };

struct ncount {
	int recorded, synthetic, stale, missing;
};

/* One manifest row. */
struct nentry {
	char key[NARRATION_KEY_LEN + 1];
	int synthetic;
	char text_sha[65], file_sha[65];
	char *file;                 /* relative to the language's folder */
};

/* One language's recordings. */
struct narration {
	const struct project *p;
	size_t lang;                /* index into p->site.langs */
	char *dir;                  /* LOCALES/audio/<lang> */
	int present;                /* the folder exists: the language is narrated */
	struct nentry *v;
	size_t n;
	struct strmap *by_key;      /* key -> index + 1 */
	struct strmap *previous;    /* ctxt\4msgid -> the PO's previous msgid (fuzzy) */
};

/* The key of a unit (NUL-terminated, NARRATION_KEY_LEN hex digits). */
void narration_key(const char *ctxt, const char *msgid, char key[NARRATION_KEY_LEN + 1]);

/* `markdown` (a unit's text: inline emphasis, links, code) as the words a
 * voice says: the text of every inline, an image's alt text, breaks as
 * spaces (heap). */
char *narration_plain(const char *markdown);

/* The SHA-256 of `len` bytes at `s`, in hex. */
void narration_sha(const void *s, size_t len, char hex[65]);

/* Load language `lang`'s manifest (an absent folder or manifest: nothing
 * recorded); the project must have its catalogues. */
int narration_load(struct narration *n, const struct project *p, size_t lang, struct err *e);
void narration_free(struct narration *n);

/* The text language n->lang speaks for `u` (plain, heap), or NULL when it
 * shows the unit in the source language (or the unit is empty). */
char *narration_text(const struct narration *n, const struct unit *u);

/* Where `u` stands: recorded, synthetic, stale or missing, given its
 * `text` (narration_text); `*entry` (when not NULL) is the manifest row
 * that decided, or NULL. */
enum nstate narration_state(const struct narration *n, const struct unit *u, const char *text,
                            const struct nentry **entry);

/* The manifest row of `key`, or NULL. */
const struct nentry *narration_find(const struct narration *n, const char *key);
/* Add or replace the row of e->key (e->file copied). */
void narration_put(struct narration *n, const struct nentry *e);
/* Write the manifest (sorted by key; written aside, then renamed). */
int narration_save(const struct narration *n, struct err *e);

/* Counts of a language: the site's own texts and chrome strings, and one
 * per module (content order; heap, p->content.nmodules of them). */
struct nstatus {
	struct ncount total, site;
	struct ncount *modules;
};
void narration_count(const struct narration *n, struct nstatus *st);
void nstatus_free(struct nstatus *st);
int ncount_total(const struct ncount *c);

/* Problems of the critical modules in every narrated language (missing or
 * stale narration), one per unit, to `errs`; -1 when there were some. */
int narration_check_critical(const struct project *p, struct errlist *errs);

/* Where the outputs keep recordings made Opus or MP3 (audiofile.h,
 * audio_cached): CACHE/audio, or OUT/.cache/audio (heap). */
char *narration_cache_dir(const struct project *p);

/* The narration part of `crsv-gen status`. */
void narration_print_status(const struct project *p, FILE *out);

#endif
