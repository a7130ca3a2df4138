/*
 * items.h - item analysis of quiz questions, Moodle's way: on each
 * person's first finished attempt of a module (personnel only: a community
 * answer stands for a group), per question
 *   n               attempts that reached it
 *   facility        the share answered right
 *   discrimination  the corrected point-biserial: Pearson's r between the
 *                   question's 0/1 mark and the rest of the quiz's score
 * per choice its share and its point-biserial against the rest score (a
 * wrong choice with a positive one is chosen by those who do well: the key
 * may be wrong), and per language the facility, with a two-proportion test
 * of that language against all the others (both n >= 20; |z| > 1.96 means
 * "check the translation").
 *
 * The sums come from the records' tally (tally.h): one pass over the
 * answers, the statistics exact from integer sums, no answer kept.
 *
 * Undefined values (a mark that never varies) are NAN.  A question with
 * fewer than ITEMS_MIN_N answers gets its numbers but no flag.
 */
#ifndef CRSV_ITEMS_H
#define CRSV_ITEMS_H

#include <stddef.h>
#include "rtable.h"
#include "tally.h"

/* The fewest answers for a question to be flagged at all. */
#define ITEMS_MIN_N 20

/* The smallest n in each group for the per-language test. */
#define ITEMS_MIN_LANG_N 20

/* Pearson's r of two series of `n` values; NAN when either is constant. */
double items_pearson(const double *x, const double *y, size_t n);

/* The same from the sums: n, sum x, sum y, sum x^2, sum y^2, sum xy. */
double items_pearson_sums(double n, double sx, double sy, double sxx, double syy, double sxy);

/* Two-proportion z statistic of p1 (of n1) against p2 (of n2). */
double items_two_proportion_z(double p1, long n1, double p2, long n2);

/* What the tables show, in the officer's language: a column header or
 * flag for a key, a module's title (borrowed), a question's prompt as
 * plain text (the caller frees it). */
struct items_words {
	const char *(*label)(void *ctx, const char *key);
	const char *(*title)(void *ctx, const char *module);
	char *(*prompt)(void *ctx, const char *module, const char *question);
	void *ctx;
};

/* Fill three tables (their columns are set here) from the tally:
 *   items        module, question, n, facility, discrimination, flag
 *   choices      module, question, choice, in_key, share, point_biserial, flag
 *   items_langs  module, question, lang, n, facility, z, flag */
void items_tables(const struct tally *t, const struct items_words *w, struct rtable *items,
                  struct rtable *choices, struct rtable *langs);

#endif
