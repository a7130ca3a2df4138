/*
 * material.h - everything the kiosk shows, read from kiosk.bundle.
 *
 * The bundle is opened read-only (common/bundle.h checks that it is one, of
 * this schema version), read whole into memory, and closed: the kiosk
 * never writes to it and never reads it again, so a USB stick can be
 * pulled out.  Texts are per language (arrays indexed like `langs`), with
 * their style spans ready for layout.h.  A `struct material` owns it all.
 *
 * Nothing shown comes from a bundle that is not whole and sound: its seal,
 * every value of every row (type, UTF-8, range, the words the schema
 * allows), the references between rows, texts in every language, and at
 * last every page (PRAGMA integrity_check).  The first problem refuses
 * the bundle, with the table and the row:
 *   kiosk.bundle: error: bundle table blocks, row 17: level is 9, expected 1 to 6
 */
#ifndef CRSV_MATERIAL_H
#define CRSV_MATERIAL_H

#include <stddef.h>
#include "err.h"
#include "seal.h"
#include "layout.h"

struct m_text {
	char *text;                 /* UTF-8; "" when absent */
	struct style_span *spans;
	size_t nspans;
	int fallback;               /* shown in the source language */
	char key[17];               /* its narration key (16 hex digits), or "" */
};

enum m_block_kind { B_HEADING, B_PARAGRAPH, B_LIST_ITEM, B_QUOTE, B_CODE, B_RULE,
                    B_IMAGE };

struct m_block {
	enum m_block_kind kind;
	int level;                  /* heading level; list depth */
	int ordered, number;        /* list items */
	struct m_text t;            /* for an image: its alt text */
	char *image;                /* B_IMAGE: the image's path in `images` */
};

struct m_image {
	char *path;                 /* "<module key>/<file>" */
	char *media_type;
	unsigned char *data;
	size_t len;
};

enum m_qtype { Q_SINGLE, Q_MULTIPLE, Q_TRUE_FALSE };

struct m_choice {
	char *key;
	int correct;
	struct m_text *text;        /* per language */
	struct m_text *feedback;    /* per language; text "" when none */
};

struct m_question {
	char *key;
	enum m_qtype type;
	struct m_text *prompt;      /* per language */
	struct m_text *explanation; /* per language */
	struct m_choice *choices;
	size_t nchoices;
};

struct m_quiz {
	int pass_percent;
	struct m_question *questions;
	size_t nquestions;
};

struct m_module {
	char *key;                  /* "policy/01-what-is-crsv" */
	size_t track;               /* index into tracks */
	int minutes;
	char *audience;             /* personnel | community | all */
	int critical;
	struct m_text *title, *summary;   /* per language */
	struct m_block **blocks;    /* per language */
	size_t *nblocks;            /* per language */
	struct m_quiz *quiz;        /* NULL when none */
};

struct m_track {
	char *id;
	char *audience;
	struct m_text *title, *summary;   /* per language */
};

struct m_lang {
	char *code;
	char *name;                 /* in its own script */
	int rtl;
	char *script;               /* "Latn", "Arab" */
	char *font_family;
	int draft;                  /* an unreviewed translation: say so on screen */
};

struct m_font {
	char *family;
	int bold, italic;
	unsigned char *data;
	size_t len;
};

/* A helpline, or a way to report abuse by UN personnel (shown after the
 * helplines, under its own heading). */
enum m_help_kind { H_HELPLINE, H_UN_REPORTING };

struct m_helpline {
	enum m_help_kind kind;
	char *phone;
	int example;
	struct m_text *name, *description, *hours;   /* per language */
};

/* A unit's voice in a language (Ogg Opus, checked as such). */
struct m_audio {
	size_t lang;
	char key[17];
	int synthetic;              /* a machine voice: say so on screen */
	unsigned char *data;
	size_t len;
};

struct strmap;

struct material {
	struct m_lang *langs;
	size_t nlangs;
	size_t source;              /* index of the source language */
	struct m_font *fonts;
	size_t nfonts;
	struct m_track *tracks;
	size_t ntracks;
	struct m_module *modules;   /* content order */
	size_t nmodules;
	struct m_helpline *helplines;   /* the helplines, then the UN reporting ones */
	size_t nhelplines;
	struct m_image *images;
	size_t nimages;
	struct strmap **ui;         /* per language: key -> text */
	struct strmap **ui_fallback;   /* per language: the keys not yet translated */
	struct strmap *ui_narration;   /* key -> its narration key (the same in every
	                                  language) */
	struct m_audio *audio;      /* the voices, by language, then key */
	size_t naudio;
	struct strmap **audio_by_key;  /* per language: narration key -> index + 1 */
	char *content_version;
	char **site_title;          /* per language */
	struct seal seal;           /* the bundle's seal, checked (seal.h) */
	int expired;                /* the signed content's validity has ended (set
	                               by the caller, who knows the time) */
};

/* A question has at most this many choices: the quiz screen keeps the
 * chosen ones as the bits of an unsigned int (app.c). */
#define MATERIAL_MAX_CHOICES 32

/* Read the bundle at `path`. A missing, corrupt, wrong-version or
 * non-bundle file is an error with a clear message. */
/* With `ntrusted` keys, the bundle must be signed by one of them; without,
 * its seal is still checked (a damaged or altered file is refused). */
int material_load(struct material **out, const char *path, const struct sign_key *trusted,
                  size_t ntrusted, struct err *e);

struct material_options {
	const struct sign_key *trusted;   /* as material_load's */
	size_t ntrusted;
	/* For tests only (tests/fuzz/, and unit tests that edit rows): read a
	 * bundle whose seal no longer matches, since any edit breaks it, so
	 * that every other check is reached.  crsv-kiosk never sets it: no
	 * option of main.c leads here. */
	int test_skip_seal;
};

/* material_load with options. */
int material_load_with(struct material **out, const char *path,
                       const struct material_options *o, struct err *e);
void material_free(struct material *m);

/* Refuse the bundle at `path` for a font or an image that its decoder
 * (SDL_ttf, SDL_image: main.c tries them at start) could not read,
 * `why`, in the words of material_load's own refusals.  Returns -1. */
int material_refuse_font(struct err *e, const char *path, const struct m_font *f,
                         const char *why);
int material_refuse_image(struct err *e, const char *path, const struct m_image *im,
                          const char *why);

/* A chrome string in language `lang`: its translation, else the source
 * text, else the key itself (so a missing string shows, never crashes). */
const char *material_ui(const struct material *m, size_t lang, const char *key);

/* Whether that string is the source text standing in for a missing
 * translation (it is then laid out in the source language's direction). */
int material_ui_fallback(const struct material *m, size_t lang, const char *key);

/* The narration key of chrome string `key`, or "" when it has none. */
const char *material_ui_key(const struct material *m, const char *key);

/* The voice of the text `t` shown in language `lang`: its own language's,
 * or the source language's when `t` stands in for a missing translation;
 * NULL when it has none. */
const struct m_audio *material_audio(const struct material *m, size_t lang,
                                     const struct m_text *t);
/* The same for a text known by its narration key (a chrome string's:
 * material_ui_key) and whether it stands in for a translation. */
const struct m_audio *material_voice(const struct material *m, size_t lang, const char *key,
                                     int fallback);

/* The font of `family` in that weight and slant (or the regular face of
 * the family, or the first font); NULL only when there are none. */
const struct m_font *material_font(const struct material *m, const char *family,
                                   int bold, int italic);

/* The image stored under `path`, or NULL. */
const struct m_image *material_image(const struct material *m, const char *path);

/* The index of the module with `key`, or (size_t)-1. */
size_t material_module(const struct material *m, const char *key);

#endif
