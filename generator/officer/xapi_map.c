/* xapi_map.c - records rows as xAPI statements; see xapi_map.h. */
#include "xapi_map.h"
#include "buf.h"
#include "content.h"
#include "quiz.h"
#include "translate.h"
#include "utc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERBS "http://adlnet.gov/expapi/verbs/"
#define ACTIVITIES "http://adlnet.gov/expapi/activities/"

void xapi_time(int64_t ms, char out[32])
{
	size_t n = utc_format(ms, 1, out);   /* ...:SSZ */
	int64_t frac = ms % 1000;
	if (frac < 0)
		frac += 1000;
	snprintf(out + n - 1, 32 - (n - 1), ".%03dZ", (int)frac);
}

/* An ISO 8601 duration of `ms`, to the hundredth of a second as xAPI
 * keeps it: "PT95.5S" would be "PT95.50S". */
static json_t *duration(int64_t ms)
{
	char d[40];
	if (ms < 0)
		ms = 0;
	snprintf(d, sizeof d, "PT%lld.%02dS", (long long)(ms / 1000), (int)(ms % 1000 / 10));
	return json_string(d);
}

static json_t *verb(const char *name)
{
	json_t *v = json_object(), *display = json_object();
	char *id = xconcat(VERBS, name, NULL);
	json_object_set_new(v, "id", json_string(id));
	json_object_set_new(display, "en-US", json_string(name));
	json_object_set_new(v, "display", display);
	free(id);
	return v;
}

/* A language map of `src` (context `ctxt`) in every language of the site
 * it is translated into, the source language always. */
static json_t *lang_map(const struct xapi_map *m, const char *ctxt, const char *src, int plain)
{
	json_t *map = json_object();
	for (size_t i = 0; i < m->p->site.nlangs; i++) {
		int fell_back;
		const char *t = project_text(m->p, i, ctxt, src, &fell_back);
		if (fell_back)
			continue;   /* not translated: the source language says it */
		char *text = plain ? quiz_plain(t) : xstrdup(t);
		json_object_set_new(map, m->p->site.langs[i].code, json_string(text));
		free(text);
	}
	return map;
}

static const struct module *module_of(const struct xapi_map *m, const char *module_id)
{
	return m->p ? content_find(&m->p->content, module_id) : NULL;
}

static char *module_iri(const struct xapi_map *m, const char *module_id)
{
	return xconcat(m->base, "modules/", module_id, NULL);
}

/* The module as an activity: an assessment, named in every language. */
static json_t *module_activity(const struct xapi_map *m, const char *module_id)
{
	json_t *a = json_object(), *def = json_object();
	char *id = module_iri(m, module_id);
	const struct module *mo = module_of(m, module_id);
	json_object_set_new(a, "objectType", json_string("Activity"));
	json_object_set_new(a, "id", json_string(id));
	json_object_set_new(def, "type", json_string(ACTIVITIES "assessment"));
	if (mo)
		json_object_set_new(def, "name", lang_map(m, NULL, mo->title.src, 0));
	else {   /* a module since removed from the content: its key */
		json_t *name = json_object();
		json_object_set_new(name, "und", json_string(module_id));
		json_object_set_new(def, "name", name);
	}
	json_object_set_new(a, "definition", def);
	free(id);
	return a;
}

/* The person of a row: its reference in personnel mode; NULL in community
 * mode, whatever the row holds (the records hold none there). */
static const char *person_of(const char *mode, const char *person_ref)
{
	return mode && !strcmp(mode, "personnel") ? person_ref : NULL;
}

/* Who: a person's pseudonym (or reference), or, with no person, a
 * session's group. */
static json_t *actor(const struct xapi_map *m, const char *person, const char *session,
                     const char *kiosk_id)
{
	json_t *a = json_object(), *account = json_object();
	if (person) {
		char shown[16];
		if (m->pseud)
			pseudonym_of(m->pseud, person, shown);
		json_object_set_new(a, "objectType", json_string("Agent"));
		json_object_set_new(account, "homePage", json_string(m->base));
		json_object_set_new(account, "name", json_string(m->pseud ? shown : person));
	} else {   /* an Identified Group with no members: nobody in it is named */
		char *home = xconcat(m->base, "kiosks/", kiosk_id, "/sessions", NULL);
		json_object_set_new(a, "objectType", json_string("Group"));
		json_object_set_new(a, "name", json_string("Community session"));
		json_object_set_new(account, "homePage", json_string(home));
		json_object_set_new(account, "name", json_string(session));
		free(home);
	}
	json_object_set_new(a, "account", account);
	return a;
}

static json_t *context(const struct xapi_map *m, const char *registration, const char *lang,
                       const char *version, const char *kiosk_id, int activity_object)
{
	json_t *c = json_object(), *ext = json_object();
	char *kiosk = xconcat(m->base, "xapi/ext/kiosk-id", NULL);
	json_object_set_new(c, "registration", json_string(registration));
	if (activity_object) {   /* revision and platform only with an Activity as object */
		if (version)
			json_object_set_new(c, "revision", json_string(version));
		json_object_set_new(c, "platform", json_string(m->platform));
	}
	json_object_set_new(c, "language", json_string(lang));
	json_object_set_new(ext, kiosk, json_string(kiosk_id));
	json_object_set_new(c, "extensions", ext);
	free(kiosk);
	return c;
}

static json_t *statement(const char *id, json_t *who, json_t *did, json_t *what)
{
	json_t *s = json_object();
	json_object_set_new(s, "id", json_string(id));
	json_object_set_new(s, "actor", who);
	json_object_set_new(s, "verb", did);
	json_object_set_new(s, "object", what);
	return s;
}

/* A community row's session, as the grouping of its context. */
static void session_grouping(const struct xapi_map *m, json_t *c, const char *session_uuid)
{
	json_t *ca = json_object(), *grouping = json_array(), *session = json_object();
	char *sid = xconcat(m->base, "sessions/", session_uuid, NULL);
	json_object_set_new(session, "objectType", json_string("Activity"));
	json_object_set_new(session, "id", json_string(sid));
	json_array_append_new(grouping, session);
	json_object_set_new(ca, "grouping", grouping);
	json_object_set_new(c, "contextActivities", ca);
	free(sid);
}

static void set_time(json_t *s, int64_t ms)
{
	char t[32];
	xapi_time(ms, t);
	json_object_set_new(s, "timestamp", json_string(t));
}

json_t *xapi_quiz_statement(const struct xapi_map *m, const struct xapi_quiz *q)
{
	json_t *s = statement(q->uuid, actor(m, person_of(q->mode, q->person_ref), q->session_uuid,
	                                     q->kiosk_id),
	                      verb(q->passed ? "passed" : "failed"), module_activity(m, q->module_id));
	json_t *result = json_object(), *score = json_object();
	json_object_set_new(score, "raw", json_integer(q->score));
	json_object_set_new(score, "min", json_integer(0));
	json_object_set_new(score, "max", json_integer(q->max_score));
	/* four decimals: 2/3 is 0.6667 wherever it is computed */
	if (q->max_score > 0) {
		int ten_thousandths = (q->score * 10000 + q->max_score / 2) / q->max_score;
		json_object_set_new(score, "scaled", json_real(ten_thousandths / 10000.0));
	}
	json_object_set_new(result, "score", score);
	json_object_set_new(result, "success", json_boolean(q->passed));
	json_object_set_new(result, "completion", json_true());
	json_object_set_new(result, "duration", duration(q->finished_at - q->started_at));
	json_object_set_new(s, "result", result);
	json_t *c = context(m, q->uuid, q->lang, q->content_version, q->kiosk_id, 1);
	if (!strcmp(q->mode, "community"))   /* the session it was taken in */
		session_grouping(m, c, q->session_uuid);
	json_object_set_new(s, "context", c);
	set_time(s, q->finished_at);
	return s;
}

/* The question as a cmi.interaction of type choice, with its prompt, its
 * choices and the right ones, when the content still has it. */
static json_t *question_activity(const struct xapi_map *m, const struct xapi_quiz *q,
                                 const char *question_id)
{
	json_t *a = json_object(), *def = json_object();
	char *mid = module_iri(m, q->module_id), *id = xconcat(mid, "/questions/", question_id, NULL);
	const struct module *mo = module_of(m, q->module_id);
	const struct quiz_question *qq = NULL;
	for (size_t i = 0; mo && mo->quiz && i < mo->quiz->nquestions && !qq; i++)
		if (!strcmp(mo->quiz->questions[i].id, question_id))
			qq = &mo->quiz->questions[i];
	json_object_set_new(a, "objectType", json_string("Activity"));
	json_object_set_new(a, "id", json_string(id));
	json_object_set_new(def, "type", json_string(ACTIVITIES "cmi.interaction"));
	json_object_set_new(def, "interactionType", json_string("choice"));
	if (qq) {
		json_t *choices = json_array(), *pattern = json_array();
		struct buf right = {0};
		json_object_set_new(def, "description", lang_map(m, qq->ctxt, qq->prompt.src, 1));
		for (size_t i = 0; i < qq->nchoices; i++) {
			const struct quiz_choice *c = &qq->choices[i];
			json_t *ch = json_object();
			json_object_set_new(ch, "id", json_string(c->id));
			json_object_set_new(ch, "description", lang_map(m, c->ctxt, c->text.src, 1));
			json_array_append_new(choices, ch);
			if (c->correct)
				buf_printf(&right, "%s%s", right.len ? "[,]" : "", c->id);
		}
		buf_putc(&right, '\0');
		json_array_append_new(pattern, json_string(right.data));
		json_object_set_new(def, "correctResponsesPattern", pattern);
		json_object_set_new(def, "choices", choices);
		buf_free(&right);
	}
	json_object_set_new(a, "definition", def);
	free(mid);
	free(id);
	return a;
}

/* "a,c" as xAPI writes a choice response: "a[,]c". */
static json_t *response(const char *chosen)
{
	struct buf b = {0};
	for (const char *c = chosen; *c; c++)
		if (*c == ',')
			buf_puts(&b, "[,]");
		else
			buf_putc(&b, *c);
	buf_putc(&b, '\0');
	json_t *r = json_string(b.data);
	buf_free(&b);
	return r;
}

json_t *xapi_answer_statement(const struct xapi_map *m, const struct xapi_quiz *q,
                              const struct xapi_answer *a)
{
	json_t *s = statement(a->uuid, actor(m, person_of(q->mode, q->person_ref), q->session_uuid,
	                                     q->kiosk_id),
	                      verb("answered"), question_activity(m, q, a->question_id));
	json_t *result = json_object(), *c = context(m, q->uuid, q->lang, q->content_version,
	                                             q->kiosk_id, 1);
	json_t *ca = json_object(), *parent = json_array(), *module = json_object();
	char *mid = module_iri(m, q->module_id);
	json_object_set_new(result, "response", response(a->chosen));
	json_object_set_new(result, "success", json_boolean(a->correct));
	json_object_set_new(s, "result", result);
	json_object_set_new(module, "objectType", json_string("Activity"));
	json_object_set_new(module, "id", json_string(mid));
	json_array_append_new(parent, module);
	json_object_set_new(ca, "parent", parent);
	json_object_set_new(c, "contextActivities", ca);
	json_object_set_new(s, "context", c);
	set_time(s, a->answered_at);
	free(mid);
	return s;
}

json_t *xapi_session_statement(const struct xapi_map *m, const struct xapi_session *ss)
{
	json_t *what = json_object(), *def = json_object(), *name = json_object();
	char *id = xconcat(m->base, "sessions/", ss->uuid, NULL);
	json_object_set_new(what, "objectType", json_string("Activity"));
	json_object_set_new(what, "id", json_string(id));
	json_object_set_new(def, "type", json_string(ACTIVITIES "meeting"));
	json_object_set_new(name, "en", json_string("Community sensitization session"));
	json_object_set_new(def, "name", name);
	json_object_set_new(what, "definition", def);
	json_t *s = statement(ss->uuid, actor(m, NULL, ss->uuid, ss->kiosk_id), verb("attended"),
	                      what);
	if (ss->ended_at >= 0) {
		json_t *result = json_object();
		json_object_set_new(result, "duration", duration(ss->ended_at - ss->started_at));
		json_object_set_new(s, "result", result);
	}
	json_t *c = context(m, ss->uuid, ss->lang, NULL, ss->kiosk_id, 1);
	char *count = xconcat(m->base, "xapi/ext/participant-count", NULL);
	json_object_set_new(json_object_get(c, "extensions"), count, json_integer(ss->participants));
	json_object_set_new(s, "context", c);
	set_time(s, ss->started_at);
	free(count);
	free(id);
	return s;
}

/* A module read to its end: "experienced" on the module, by the person or
 * the session's group (as a quiz's actor), with the time it took as
 * duration; registration the read's own UUID, a community read grouped
 * under its session. */
json_t *xapi_read_statement(const struct xapi_map *m, const struct xapi_read *r)
{
	json_t *s = statement(r->uuid, actor(m, person_of(r->mode, r->person_ref), r->session_uuid,
	                                     r->kiosk_id),
	                      verb("experienced"), module_activity(m, r->module_id));
	json_t *result = json_object();
	json_object_set_new(result, "completion", json_true());
	json_object_set_new(result, "duration", duration(r->read_at - r->opened_at));
	json_object_set_new(s, "result", result);
	json_t *c = context(m, r->uuid, r->lang, r->content_version, r->kiosk_id, 1);
	if (!strcmp(r->mode, "community"))
		session_grouping(m, c, r->session_uuid);
	json_object_set_new(s, "context", c);
	set_time(s, r->read_at);
	return s;
}
