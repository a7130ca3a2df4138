/*
 * quiz.h - a module's quiz: content/<track>/<NN-id>/quiz.xml.
 *
 * The format's one definition is assets/schema/quiz.rng (RELAX NG); a quiz
 * file is parsed with libxml2 (no network, no DTD, no entities: a file with a
 * DOCTYPE is refused before parsing, so neither an XML bomb nor an external
 * entity is ever expanded or fetched), validated against the schema, then
 * checked for what a schema cannot say.  Every problem is reported, as
 * "path:line: error: ...", not just the first.
 *
 * Texts are stored as their msgid: inline Markdown normalised the way module
 * text is (segment.h), each one a translation unit with msgctxt
 * "quiz:<quiz>/<question>" (prompt, explanation) or
 * "quiz:<quiz>/<question>/<choice>" (choice text and its feedback).
 * A `struct quiz` owns everything in it.
 */
#ifndef CRSV_QUIZ_H
#define CRSV_QUIZ_H

#include <stddef.h>
#include "err.h"

enum quiz_type { QUIZ_SINGLE, QUIZ_MULTIPLE, QUIZ_TRUE_FALSE };

/* The pass mark of a quiz without pass-percent. */
#define QUIZ_DEFAULT_PASS 80

struct quiz_text {
	char *src;      /* msgid; NULL when absent (optional feedback) */
	int line;
};

struct quiz_choice {
	char *id;
	int correct;
	char *ctxt;                  /* "quiz:<quiz>/<question>/<choice>" */
	struct quiz_text text;
	struct quiz_text feedback;
	int line;
};

struct quiz_question {
	char *id;
	enum quiz_type type;
	int line;
	char *ctxt;                  /* "quiz:<quiz>/<question>" */
	struct quiz_text prompt;
	struct quiz_text explanation;
	struct quiz_choice *choices;
	size_t nchoices;
};

struct quiz {
	char *id;
	char *path;
	int pass_percent;            /* QUIZ_DEFAULT_PASS when not given */
	int pass_percent_given;      /* the attribute was written */
	int line;                    /* of <quiz> */
	struct quiz_question *questions;
	size_t nquestions;
};

struct quiz_schema;

/* Compile the RELAX NG schema at `path`. */
int quiz_schema_load(struct quiz_schema **out, const char *path, struct err *e);
void quiz_schema_free(struct quiz_schema *s);

/* Read, validate and check the quiz at `path`, whose id must be
 * `module_id`.  Every problem is appended to `errs`; returns -1 when there
 * was any (and *out is NULL). */
int quiz_load(struct quiz **out, const char *path, const char *module_id,
              const struct quiz_schema *schema, struct errlist *errs);
void quiz_free(struct quiz *q);

/* A quiz text as plain text, its emphasis marks gone (heap): for reports
 * and xAPI statements, which show no Markdown. */
char *quiz_plain(const char *text);

/* The name of a question type as in the XML ("single", ...). */
const char *quiz_type_name(enum quiz_type t);

/* Call `fn` with (msgctxt, msgid, line) for every text of the quiz, in
 * document order; stops when it returns non-zero and returns that. */
int quiz_walk_texts(const struct quiz *q,
                    int (*fn)(void *ctx, const char *ctxt, const char *msgid,
                              int line),
                    void *ctx);

#endif
