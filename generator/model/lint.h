/*
 * lint.h - what a build warns about: content that is valid but not yet safe
 * or complete for the people it is for.
 *
 * Warnings do not stop the build (errors do); each one is a positioned
 * `struct err`, printed as "file:line: warning: ...".  They are:
 *   - the help page lists no confirmed helpline with a phone number, so a
 *     reader in danger finds no number there yet;
 *   - no confirmed way to report abuse by UN personnel (`un_reporting`);
 *   - a wrong choice in a community quiz has no feedback: a community
 *     session is not an exam, every wrong answer gets a kind, specific reply;
 *   - a community quiz sets a pass mark (ignored: it is never shown).
 */
#ifndef CRSV_LINT_H
#define CRSV_LINT_H

#include "err.h"
#include "project.h"

/* Append every warning about `p` to `warnings`. */
void lint_project(const struct project *p, struct errlist *warnings);

/* 1 when the module's quiz is shown as an exam (score, pass mark); a
 * community module's quiz is not: feedback per question and a closing
 * message only. */
int module_quiz_scored(const struct module *m);

#endif
