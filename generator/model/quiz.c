/* quiz.c - quiz files: parse, validate, check; see quiz.h. */
#include "quiz.h"
#include "buf.h"
#include "fs.h"
#include "segment.h"
#include "utf8.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

struct quiz_schema {
	xmlRelaxNGPtr rng;
};

/* ---- errors ----------------------------------------------------------- */

/* libxml2 reports through a global handler: while a file is being read,
 * this says where its problems go.  Quizzes are read one at a time. */
struct sink {
	struct errlist *errs;
	const char *path;
	int count;
	void *last_node;   /* the node of the last schema error */
};

/* ---- what the schema's messages leave out ----------------------------- */

/* libxml2's RELAX NG messages name an element but not the attribute or the
 * values it may take ("Element question failed to validate attributes"), so
 * for the quiz's own attributes this table says what is allowed, and a
 * failing element is explained from it. */
struct attr_rule {
	const char *element, *name;
	int required;
	int (*valid)(const char *v);
	const char *allowed;     /* for the message */
};

static int valid_id(const char *v)
{
	size_t n = strlen(v);
	if (n < 1 || n > 63)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') ||
		      (v[i] == '-' && i > 0)))
			return 0;
	return 1;
}

static int valid_type(const char *v)
{
	return !strcmp(v, "single") || !strcmp(v, "multiple") || !strcmp(v, "true-false");
}

static int valid_bool(const char *v)
{
	return !strcmp(v, "true") || !strcmp(v, "false");
}

static int valid_percent(const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);
	return *v && !*end && n >= 1 && n <= 100;
}

static const struct attr_rule attr_rules[] = {
	{ "quiz", "id", 1, valid_id, "a-z, 0-9 and '-', up to 63 characters" },
	{ "quiz", "pass-percent", 0, valid_percent, "a whole number from 1 to 100" },
	{ "question", "id", 1, valid_id, "a-z, 0-9 and '-', up to 63 characters" },
	{ "question", "type", 1, valid_type, "single, multiple or true-false" },
	{ "choice", "id", 1, valid_id, "a-z, 0-9 and '-', up to 63 characters" },
	{ "choice", "correct", 0, valid_bool, "true or false (or leave it out)" },
	{ "feedback", "choice", 1, valid_id, "the id of one of the question's choices" },
};

/* The attributes `element` may have, as "a, b" for a message. */
static void attr_names(const char *element, char *out, size_t n)
{
	size_t at = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof attr_rules / sizeof *attr_rules; i++)
		if (!strcmp(attr_rules[i].element, element) && at < n)
			at += (size_t)snprintf(out + at, n - at, "%s%s", at ? ", " : "",
			                       attr_rules[i].name);
}

/* What is wrong with the attributes of `node`, into `msg`; 0 when nothing
 * the table knows of is. */
static int explain_attributes(xmlNodePtr node, char *msg, size_t n)
{
	const char *el = (const char *)node->name;
	char names[128];
	attr_names(el, names, sizeof names);
	if (!names[0])
		return 0;
	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		const struct attr_rule *r = NULL;
		for (size_t i = 0; i < sizeof attr_rules / sizeof *attr_rules; i++)
			if (!strcmp(attr_rules[i].element, el) &&
			    !strcmp(attr_rules[i].name, (const char *)a->name))
				r = &attr_rules[i];
		if (!r) {
			snprintf(msg, n, "<%s> has no attribute \"%s\" (it takes: %s)", el,
			         (const char *)a->name, names);
			return 1;
		}
		xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
		int ok = r->valid(v ? (const char *)v : "");
		if (!ok)
			snprintf(msg, n, "<%s %s=\"%s\">: %s must be %s", el, r->name,
			         v ? (const char *)v : "", r->name, r->allowed);
		xmlFree(v);
		if (!ok)
			return 1;
	}
	for (size_t i = 0; i < sizeof attr_rules / sizeof *attr_rules; i++)
		if (!strcmp(attr_rules[i].element, el) && attr_rules[i].required &&
		    !xmlHasProp(node, (const xmlChar *)attr_rules[i].name)) {
			snprintf(msg, n, "<%s> needs the attribute %s (%s)", el,
			         attr_rules[i].name, attr_rules[i].allowed);
			return 1;
		}
	return 0;
}

/* The element a schema message is about: libxml2 names it in the message
 * ("Element question failed ...", "... for element choice") but may attach
 * the error to one of its children, so look up from the reported node. */
static xmlNodePtr element_of(const xmlError *x)
{
	char name[64] = "";
	const char *m = x->message ? x->message : "";
	const char *at = strstr(m, "for element ");
	if (at)
		sscanf(at + strlen("for element "), "%63[A-Za-z-]", name);
	else if (!strncmp(m, "Element ", 8))
		sscanf(m + 8, "%63[A-Za-z-]", name);
	for (xmlNodePtr n = x->node; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (!name[0] || !strcmp((const char *)n->name, name))
			return n;
	return NULL;
}

/* A plainer message than libxml2's, where one is known; 1 when it is about
 * an element's attributes. */
static int explain(const xmlError *x, char *msg, size_t n)
{
	xmlNodePtr node = x->domain == XML_FROM_RELAXNGV ? element_of(x) : NULL;
	if (node && explain_attributes(node, msg, n))
		return 1;
	if (x->code == XML_ERR_NAME_REQUIRED && strstr(msg, "EntityRef"))
		snprintf(msg, n, "a bare \"&\": write it as &amp; (or reword with \"and\")");
	else if (x->domain == XML_FROM_RELAXNGV && strstr(msg, "Did not expect element") &&
	         strlen(msg) + 80 < n)
		strcat(msg, " (a question holds: prompt, choice..., feedback..., explanation)");
	return 0;
}

static void collect_error(void *ctx, xmlErrorPtr x)
{
	struct sink *s = ctx;
	struct err e;
	char msg[900];
	snprintf(msg, sizeof msg, "%s", x->message ? x->message : "invalid XML");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (x->level == XML_ERR_WARNING)
		return;
	/* one element's attribute problem is reported once, not again for
	 * every rule that failed because of it */
	int line = x->line;
	if (explain(x, msg, sizeof msg)) {
		xmlNodePtr el = element_of(x);
		if (s->last_node == el)
			return;
		s->last_node = el;
		line = xmlGetLineNo(el);
	}
	err_set(&e, x->file ? x->file : s->path, line, "%s", msg);
	errlist_add(s->errs, &e);
	s->count++;
}

static void problem(struct sink *s, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct sink *s, int line, const char *fmt, ...)
{
	struct err e;
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_set(&e, s->path, line, "%s", msg);
	errlist_add(s->errs, &e);
	s->count++;
}

/* ---- schema ----------------------------------------------------------- */

int quiz_schema_load(struct quiz_schema **out, const char *path, struct err *e)
{
	struct errlist errs = {0};
	struct sink sink = { &errs, path, 0, NULL };
	xmlRelaxNGParserCtxtPtr pc;
	*out = NULL;
	if (!fs_is_file(path))
		return err_set(e, path, 0, "quiz schema not found");
	xmlSetStructuredErrorFunc(&sink, collect_error);
	pc = xmlRelaxNGNewParserCtxt(path);
	xmlRelaxNGPtr rng = pc ? xmlRelaxNGParse(pc) : NULL;
	if (pc)
		xmlRelaxNGFreeParserCtxt(pc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!rng) {
		if (errs.n && e)
			*e = errs.v[0];
		else
			err_set(e, path, 0, "cannot compile the quiz schema");
		errlist_free(&errs);
		return -1;
	}
	errlist_free(&errs);
	*out = xcalloc(1, sizeof **out);
	(*out)->rng = rng;
	return 0;
}

void quiz_schema_free(struct quiz_schema *s)
{
	if (!s)
		return;
	xmlRelaxNGFree(s->rng);
	free(s);
}

/* ---- reading ---------------------------------------------------------- */

const char *quiz_type_name(enum quiz_type t)
{
	return t == QUIZ_SINGLE ? "single" : t == QUIZ_MULTIPLE ? "multiple" : "true-false";
}

static int is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* The element's text as a msgid: one paragraph of inline Markdown, however
 * the author indented or wrapped it in the XML. */
static void read_text(xmlNodePtr n, struct quiz_text *t)
{
	xmlChar *raw = xmlNodeGetContent(n);
	const char *s = raw ? (const char *)raw : "";
	cmark_node *doc = segment_parse(s, strlen(s));
	cmark_node *first = cmark_node_first_child(doc);
	if (first && !cmark_node_next(first) && segment_is_unit(first))
		t->src = segment_msgid(first);
	else
		t->src = xstrdup(s);   /* several blocks: kept as written */
	t->line = xmlGetLineNo(n);
	cmark_node_free(doc);
	xmlFree(raw);
}

static void read_choice(xmlNodePtr n, struct quiz_question *q,
                        struct quiz_choice *c)
{
	char *correct = attr(n, "correct");
	c->id = attr(n, "id");
	c->correct = correct && !strcmp(correct, "true");
	c->ctxt = xasprintf("%s/%s", q->ctxt, c->id);
	c->line = xmlGetLineNo(n);
	read_text(n, &c->text);
	free(correct);
}

static void read_question(xmlNodePtr n, const char *quiz_id,
                          struct quiz_question *q)
{
	char *type = attr(n, "type");
	q->id = attr(n, "id");
	q->line = xmlGetLineNo(n);
	q->type = !strcmp(type, "single") ? QUIZ_SINGLE :
	          !strcmp(type, "multiple") ? QUIZ_MULTIPLE : QUIZ_TRUE_FALSE;
	q->ctxt = xasprintf("quiz:%s/%s", quiz_id, q->id);
	free(type);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_element(c, "prompt")) {
			read_text(c, &q->prompt);
		} else if (is_element(c, "explanation")) {
			read_text(c, &q->explanation);
		} else if (is_element(c, "choice")) {
			q->choices = xrealloc(q->choices, (q->nchoices + 1) * sizeof *q->choices);
			memset(&q->choices[q->nchoices], 0, sizeof *q->choices);
			read_choice(c, q, &q->choices[q->nchoices++]);
		}
	}
}

/* Feedback is read after the choices it names exist. */
static void read_feedback(xmlNodePtr n, struct quiz_question *q,
                          struct sink *s)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!is_element(c, "feedback"))
			continue;
		char *id = attr(c, "choice");
		struct quiz_choice *target = NULL;
		for (size_t i = 0; i < q->nchoices && !target; i++)
			if (!strcmp(q->choices[i].id, id))
				target = &q->choices[i];
		if (!target)
			problem(s, xmlGetLineNo(c), "feedback for choice \"%s\", which question \"%s\" does not have",
			        id, q->id);
		else if (target->feedback.src)
			problem(s, xmlGetLineNo(c), "second feedback for choice \"%s\"", id);
		else
			read_text(c, &target->feedback);
		free(id);
	}
}

/* ---- checks a schema cannot express ----------------------------------- */

static void check_question(const struct quiz_question *q, struct sink *s)
{
	size_t correct = 0;
	for (size_t i = 0; i < q->nchoices; i++) {
		correct += q->choices[i].correct;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(q->choices[i].id, q->choices[j].id))
				problem(s, q->choices[i].text.line,
				        "choice id \"%s\" used twice in question \"%s\"",
				        q->choices[i].id, q->id);
	}
	if (correct == 0)
		problem(s, q->line, "question \"%s\" has no correct choice", q->id);
	else if (correct > 1 && q->type != QUIZ_MULTIPLE)
		problem(s, q->line, "question \"%s\" is %s but has %zu correct choices (exactly one allowed)",
		        q->id, quiz_type_name(q->type), correct);
	if (q->type == QUIZ_TRUE_FALSE && q->nchoices != 2)
		problem(s, q->line, "true-false question \"%s\" has %zu choices (it needs exactly two)",
		        q->id, q->nchoices);
	if (q->type != QUIZ_TRUE_FALSE && q->nchoices < 2)
		problem(s, q->line, "question \"%s\" has only one choice", q->id);
}

static void check_quiz(const struct quiz *quiz, const char *module_id,
                       int line, struct sink *s)
{
	if (strcmp(quiz->id, module_id))
		problem(s, line, "quiz id \"%s\" does not match its module \"%s\"",
		        quiz->id, module_id);
	for (size_t i = 0; i < quiz->nquestions; i++) {
		for (size_t j = 0; j < i; j++)
			if (!strcmp(quiz->questions[i].id, quiz->questions[j].id))
				problem(s, quiz->questions[i].line,
				        "question id \"%s\" used twice (first on line %d)",
				        quiz->questions[i].id, quiz->questions[j].line);
		check_question(&quiz->questions[i], s);
	}
}

/* A DOCTYPE can declare entities (billion laughs, external entities):
 * quiz files never need one, so it is refused before libxml2 sees it. */
static int refuse_doctype(const char *text, size_t len, struct sink *s)
{
	const char *p = text;
	while ((p = memchr(p, '<', len - (size_t)(p - text)))) {
		if ((size_t)(p - text) + 9 <= len && !memcmp(p, "<!DOCTYPE", 9)) {
			int line, col;
			utf8_position(text, (size_t)(p - text), &line, &col);
			problem(s, line, "DOCTYPE is not allowed in a quiz (no DTD, no entities)");
			return -1;
		}
		p++;
	}
	return 0;
}

static int read_quiz(struct quiz *quiz, xmlDocPtr doc, const char *module_id,
                     struct sink *s)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *pass = attr(root, "pass-percent");
	quiz->id = attr(root, "id");
	quiz->pass_percent = pass ? atoi(pass) : QUIZ_DEFAULT_PASS;
	quiz->pass_percent_given = pass != NULL;
	quiz->line = xmlGetLineNo(root);
	free(pass);
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (!is_element(n, "question"))
			continue;
		quiz->questions = xrealloc(quiz->questions,
		                           (quiz->nquestions + 1) * sizeof *quiz->questions);
		struct quiz_question *q = &quiz->questions[quiz->nquestions++];
		memset(q, 0, sizeof *q);
		read_question(n, quiz->id, q);
		read_feedback(n, q, s);
	}
	check_quiz(quiz, module_id, xmlGetLineNo(root), s);
	return s->count ? -1 : 0;
}

int quiz_load(struct quiz **out, const char *path, const char *module_id,
              const struct quiz_schema *schema, struct errlist *errs)
{
	struct sink s = { errs, path, 0, NULL };
	struct quiz *quiz = NULL;
	xmlDocPtr doc = NULL;
	char *text = NULL;
	size_t len;
	struct err e;
	*out = NULL;
	if (fs_read(path, &text, &len, &e) < 0) {
		errlist_add(errs, &e);
		return -1;
	}
	if (utf8_require(text, len, path, NULL, &e) < 0) {
		errlist_add(errs, &e);
		goto out;
	}
	if (refuse_doctype(text, len, &s) < 0)
		goto out;
	xmlSetStructuredErrorFunc(&s, collect_error);
	doc = xmlReadMemory(text, (int)len, path, "UTF-8", XML_PARSE_NONET);
	if (doc && s.count == 0) {
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema->rng);
		xmlRelaxNGSetValidStructuredErrors(vc, collect_error, &s);
		if (xmlRelaxNGValidateDoc(vc, doc) != 0 && s.count == 0)
			problem(&s, 0, "does not match the quiz schema");
		xmlRelaxNGFreeValidCtxt(vc);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc && s.count == 0)
		problem(&s, 0, "not well-formed XML");
	if (!doc || s.count)
		goto out;
	quiz = xcalloc(1, sizeof *quiz);
	quiz->path = xstrdup(path);
	if (read_quiz(quiz, doc, module_id, &s) < 0) {
		quiz_free(quiz);
		quiz = NULL;
	}
out:
	if (doc)
		xmlFreeDoc(doc);
	free(text);
	*out = quiz;
	return quiz ? 0 : -1;
}

static void text_free(struct quiz_text *t)
{
	free(t->src);
}

void quiz_free(struct quiz *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->nquestions; i++) {
		struct quiz_question *qu = &q->questions[i];
		for (size_t j = 0; j < qu->nchoices; j++) {
			free(qu->choices[j].id);
			free(qu->choices[j].ctxt);
			text_free(&qu->choices[j].text);
			text_free(&qu->choices[j].feedback);
		}
		free(qu->choices);
		free(qu->id);
		free(qu->ctxt);
		text_free(&qu->prompt);
		text_free(&qu->explanation);
	}
	free(q->questions);
	free(q->id);
	free(q->path);
	free(q);
}

int quiz_walk_texts(const struct quiz *q,
                    int (*fn)(void *ctx, const char *ctxt, const char *msgid,
                              int line),
                    void *ctx)
{
	int rc;
	for (size_t i = 0; i < q->nquestions; i++) {
		const struct quiz_question *qu = &q->questions[i];
		if ((rc = fn(ctx, qu->ctxt, qu->prompt.src, qu->prompt.line)))
			return rc;
		for (size_t j = 0; j < qu->nchoices; j++) {
			const struct quiz_choice *c = &qu->choices[j];
			if ((rc = fn(ctx, c->ctxt, c->text.src, c->text.line)))
				return rc;
			if (c->feedback.src &&
			    (rc = fn(ctx, c->ctxt, c->feedback.src, c->feedback.line)))
				return rc;
		}
		if ((rc = fn(ctx, qu->ctxt, qu->explanation.src, qu->explanation.line)))
			return rc;
	}
	return 0;
}

char *quiz_plain(const char *text)
{
	char *plain = xstrdup(text), *o = plain;
	for (const char *c = text; *c; c++)
		if (*c != '*' && *c != '`' && !(*c == '\\' && c[1]))
			*o++ = *c;
	*o = '\0';
	return plain;
}
