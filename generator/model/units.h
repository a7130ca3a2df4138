/*
 * units.h - every translatable unit of a project, in a stable order.
 *
 * One walk serves extract (which writes them to the POT), status (which
 * counts them per language) and the critical-module check: site.yaml texts
 * first, then the chrome strings (msgctxt "ui"), then each module's title,
 * summary, body units and quiz texts (msgctxt "quiz:...") in content order.
 */
#ifndef CRSV_UNITS_H
#define CRSV_UNITS_H

#include "project.h"

struct unit {
	const char *ctxt;             /* NULL, or "ui" */
	const char *msgid;
	const char *file;             /* for "#:" references */
	int line;
	const struct module *module;  /* NULL for site.yaml and ui.yaml texts */
};

/* Call `fn` for each unit; stops when it returns non-zero and returns that. */
int units_walk(const struct project *p,
               int (*fn)(void *ctx, const struct unit *u), void *ctx);

/* Only the units of one module (title, summary, body). */
int units_walk_module(const struct module *m,
                      int (*fn)(void *ctx, const struct unit *u), void *ctx);

#endif
