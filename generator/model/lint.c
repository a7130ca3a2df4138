/* lint.c - build warnings; see lint.h. */
#include "lint.h"
#include "quiz.h"

#include <stdio.h>
#include <string.h>

int module_quiz_scored(const struct module *m)
{
	return strcmp(m->audience, "community") != 0;
}

static void warn(struct errlist *w, const char *file, int line, const char *msg)
{
	struct err e;
	err_set(&e, file, line, "%s", msg);
	errlist_add(w, &e);
}

static int any_confirmed(const struct helpline *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!h[i].example)
			return 1;
	return 0;
}

static void lint_help(const struct site *s, struct errlist *w)
{
	int line = s->helplines_line ? s->helplines_line : s->help_module_line;
	if (!site_has_real_helpline(s))
		warn(w, s->path, line ? line : 1,
		     "the help page lists no real phone number yet: every helpline is an "
		     "example or has no \"phone\"; readers are sent to a health centre, a "
		     "women's group or a trusted person instead until the mission fills in "
		     "a confirmed service (phone, and example: false)");
	if (!any_confirmed(s->un_reporting, s->nun_reporting))
		warn(w, s->path, s->un_reporting_line ? s->un_reporting_line : 1,
		     "no confirmed way to report abuse by UN personnel yet: add the "
		     "mission's channel under \"un_reporting\" (example: false)");
}

static void lint_community_quiz(const struct module *m, struct errlist *w)
{
	const struct quiz *quiz = m->quiz;
	char msg[300];
	if (quiz->pass_percent_given)
		warn(w, quiz->path, quiz->line,
		     "pass-percent is ignored: a community quiz is not an exam and shows "
		     "no score or pass mark");
	for (size_t i = 0; i < quiz->nquestions; i++) {
		const struct quiz_question *q = &quiz->questions[i];
		for (size_t j = 0; j < q->nchoices; j++) {
			const struct quiz_choice *c = &q->choices[j];
			if (c->correct || c->feedback.src)
				continue;
			snprintf(msg, sizeof msg,
			         "wrong choice \"%s\" of question \"%s\" has no <feedback>: in a "
			         "community quiz every wrong answer needs a kind, specific reply",
			         c->id, q->id);
			warn(w, quiz->path, c->line, msg);
		}
	}
}

void lint_project(const struct project *p, struct errlist *warnings)
{
	lint_help(&p->site, warnings);
	for (size_t i = 0; i < p->content.nmodules; i++) {
		const struct module *m = &p->content.modules[i];
		if (m->quiz && !module_quiz_scored(m))
			lint_community_quiz(m, warnings);
	}
}
