/* test_officer.c - the officer's tools' pieces: CSV cells, statistics,
 * UTC dates, and the tally of a records file made here row by row. */
#include "testutil.h"

#include <math.h>
#include <sqlite3.h>

#include "csv.h"
#include "items.h"
#include "records.h"
#include "tally.h"
#include "utc.h"

static void test_csv_cells(void **state)
{
	(void)state;
	struct buf b = {0};
	csv_begin(&b);
	csv_text(&b, 1, "plain");
	csv_text(&b, 0, "a,b");
	csv_text(&b, 0, "say \"hi\"");
	csv_text(&b, 0, "=1+1");
	csv_text(&b, 0, "+33");
	csv_text(&b, 0, "-x");
	csv_text(&b, 0, "@SUM(A1)");
	csv_text(&b, 0, "\tTAB");
	csv_int(&b, 0, -5);
	csv_real(&b, 0, 0.5, 2);
	csv_real(&b, 0, 2.0, 2);
	csv_real(&b, 0, -0.0001, 2);
	csv_empty(&b, 0);
	csv_text(&b, 0, "عربي");
	csv_end_row(&b);
	buf_putc(&b, '\0');
	assert_string_equal(b.data, "\xEF\xBB\xBF" "plain,\"a,b\",\"say \"\"hi\"\"\",\"'=1+1\","
	                    "\"'+33\",\"'-x\",\"'@SUM(A1)\",\"'\tTAB\",-5,0.5,2,0,,عربي\r\n");
	buf_free(&b);
}

static void test_csv_read(void **state)
{
	(void)state;
	const char *p = "a,\"b, c\",\"say \"\"hi\"\"\"\r\n,x\n\"two\nlines\"\n\"open";
	char **f;
	size_t n;
	assert_int_equal(csv_read(&p, &f, &n), 1);
	assert_int_equal(n, 3);
	assert_string_equal(f[0], "a");
	assert_string_equal(f[1], "b, c");
	assert_string_equal(f[2], "say \"hi\"");
	csv_fields_free(f, n);
	assert_int_equal(csv_read(&p, &f, &n), 1);
	assert_int_equal(n, 2);
	assert_string_equal(f[0], "");
	assert_string_equal(f[1], "x");
	csv_fields_free(f, n);
	assert_int_equal(csv_read(&p, &f, &n), 1);
	assert_int_equal(n, 1);
	assert_string_equal(f[0], "two\nlines");
	csv_fields_free(f, n);
	assert_int_equal(csv_read(&p, &f, &n), -1);   /* a quote never closed */
	assert_null(f);
	assert_int_equal(csv_read(&p, &f, &n), -1);
	const char *end = "";
	assert_int_equal(csv_read(&end, &f, &n), 0);
}

static void test_pearson(void **state)
{
	(void)state;
	const double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2, 4, 6, 8, 10 }, z[] = { 5, 4, 3, 2, 1 };
	const double c[] = { 1, 1, 1, 1, 1 }, u[] = { 1, 0, 1, 0, 1 };
	assert_true(fabs(items_pearson(x, y, 5) - 1) < 1e-12);
	assert_true(fabs(items_pearson(x, z, 5) + 1) < 1e-12);
	assert_true(isnan(items_pearson(x, c, 5)));   /* a constant: undefined */
	assert_true(isnan(items_pearson(x, y, 1)));
	/* a 0/1 item against a score: the point-biserial, by hand 0 */
	assert_true(fabs(items_pearson(u, x, 5)) < 1e-12);
}

static void test_two_proportions(void **state)
{
	(void)state;
	/* p1 = 0.9 of 30, p2 = 0.3 of 30: pooled 0.6, se sqrt(.24 * 2/30) */
	double z = items_two_proportion_z(0.9, 30, 0.3, 30);
	assert_true(fabs(z - 0.6 / sqrt(0.24 * 2.0 / 30)) < 1e-12);
	assert_true(fabs(items_two_proportion_z(0.5, 20, 0.5, 40)) < 1e-12);
	assert_true(isnan(items_two_proportion_z(1, 20, 1, 20)));   /* nobody wrong: no spread */
}


static void test_utc(void **state)
{
	(void)state;
	char t[32];
	utc_format(0, 1, t);
	assert_string_equal(t, "1970-01-01T00:00:00Z");
	utc_format(1767225600000LL, 1, t);   /* 2026-01-01 */
	assert_string_equal(t, "2026-01-01T00:00:00Z");
	utc_format(-1, 1, t);                /* before 1970: rounds down */
	assert_string_equal(t, "1969-12-31T23:59:59Z");
	utc_format(1709208000000LL + 3723000, 0, t);   /* a leap day, 01:02:03 */
	assert_string_equal(t, "2024-02-29 13:02");
	assert_int_equal(utc_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(utc_day_of(-1), -1);
	/* each day of four centuries there and back */
	for (int64_t d = -40000; d < 110000; d++) {
		int64_t y;
		int m, dd;
		utc_civil_from_days(d, &y, &m, &dd);
		assert_int_equal(utc_days_from_civil(y, m, dd), d);
	}
}

static void test_int_text(void **state)
{
	(void)state;
	char t[24];
	assert_int_equal(buf_int_text(0, t), 1);
	assert_string_equal(t, "0");
	buf_int_text(-5, t);
	assert_string_equal(t, "-5");
	buf_int_text(1234567890123LL, t);
	assert_string_equal(t, "1234567890123");
	assert_int_equal(buf_int_text(INT64_MIN, t), 20);
	assert_string_equal(t, "-9223372036854775808");
}

static void test_pearson_sums(void **state)
{
	(void)state;
	const double x[] = { 1, 0, 1, 1, 0, 0, 1 }, y[] = { 4, 1, 3, 2, 2, 0, 4 };
	double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
	for (int i = 0; i < 7; i++) {
		sx += x[i];
		sy += y[i];
		sxx += x[i] * x[i];
		syy += y[i] * y[i];
		sxy += x[i] * y[i];
	}
	/* the textbook value: r = cov / (sd x sd y), with the means */
	double mx = sx / 7, my = sy / 7, cxy = 0, cxx = 0, cyy = 0;
	for (int i = 0; i < 7; i++) {
		cxy += (x[i] - mx) * (y[i] - my);
		cxx += (x[i] - mx) * (x[i] - mx);
		cyy += (y[i] - my) * (y[i] - my);
	}
	double r = cxy / sqrt(cxx * cyy);
	assert_true(fabs(items_pearson_sums(7, sx, sy, sxx, syy, sxy) - r) < 1e-12);
	assert_true(fabs(items_pearson(x, y, 7) - r) < 1e-12);
	assert_true(isnan(items_pearson_sums(7, 7, sy, 7, syy, sy)));   /* x constant */
}

/* A records file in memory with the rows given. */
static sqlite3 *records_with(const char *rows)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, records_schema_sql(), NULL, NULL, NULL), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, rows, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	return db;
}

/* 36 characters: a UUID of the records' form numbered n, tag t. */
#define U(t, n) "'" t "0000000-0000-4000-8000-00000000000" #n "'"
#define DAY 86400000

static void test_tally(void **state)
{
	(void)state;
	/* P1 takes m twice: 1 of 2 on day 1 (its first attempt), 2 of 2 on
	 * day 10; P2 once on day 10, right then wrong; P3 starts on day 11 and
	 * leaves.  A community session of 12 on day 10 answers q1 "b". */
	static const char rows[] =
		"INSERT INTO sessions VALUES (" U("5", 1) ", 'k', 'fr', 12, 10 * 86400000, NULL);"
		"INSERT INTO completions VALUES"
		" (" U("c", 1) ", 'k', 'personnel', 'P1', NULL, 'm', 'fr', 'v1', 1, 2, 0, 86400000, 86400000 + 60000),"
		" (" U("c", 2) ", 'k', 'personnel', 'P1', NULL, 'm', 'fr', 'v1', 2, 2, 1, 10 * 86400000, 10 * 86400000 + 60000),"
		" (" U("c", 3) ", 'k', 'personnel', 'P2', NULL, 'm', 'ar', 'v2', 1, 2, 0, 10 * 86400000, 10 * 86400000 + 60000),"
		" (" U("c", 4) ", 'k', 'personnel', 'P3', NULL, 'm', 'ar', 'v2', NULL, 2, NULL, 11 * 86400000, NULL),"
		" (" U("c", 5) ", 'k', 'community', NULL, " U("5", 1) ", 'm', 'fr', 'v2', 1, 2, 1, 10 * 86400000, 10 * 86400000 + 1);"
		"INSERT INTO answers VALUES"
		" (" U("a", 1) ", " U("c", 1) ", 'q1', 'a', 1, 0), (" U("a", 2) ", " U("c", 1) ", 'q2', 'a', 0, 0),"
		" (" U("a", 3) ", " U("c", 2) ", 'q1', 'a', 1, 0), (" U("a", 4) ", " U("c", 2) ", 'q2', 'b', 1, 0),"
		" (" U("a", 5) ", " U("c", 3) ", 'q1', 'a', 1, 0), (" U("a", 6) ", " U("c", 3) ", 'q2', 'a,c', 0, 0),"
		" (" U("a", 7) ", " U("c", 5) ", 'q1', 'b', 0, 0);";
	sqlite3 *db = records_with(rows);
	struct tally t;
	struct err e = {0};
	assert_int_equal(tally_run(&t, db, -1, -1, &e), 0);
	assert_int_equal(t.npm, 3);
	const struct tally_pm *p1 = tally_find_pm(&t, "P1", "m");
	assert_non_null(p1);
	assert_int_equal(p1->attempts, 2);
	assert_int_equal(p1->finished, 2);
	assert_int_equal(p1->passed, 1);
	assert_int_equal(p1->best, 2);
	assert_int_equal(p1->last, 10 * DAY + 60000);
	assert_null(tally_find_pm(&t, "P1", "other"));
	assert_int_equal(tally_find_pm(&t, "P3", "m")->finished, 0);
	/* items: first attempts only (P1's first, P2's), per question */
	assert_int_equal(t.nitems, 2);
	assert_string_equal(t.items[0].question, "q1");
	assert_int_equal(t.items[0].n, 2);
	assert_int_equal(t.items[0].right, 2);
	assert_string_equal(t.items[1].question, "q2");
	assert_int_equal(t.items[1].n, 2);
	assert_int_equal(t.items[1].right, 0);
	/* q2's choices: a (both), c (P2); never in a right answer */
	assert_int_equal(t.items[1].nchoices, 2);
	assert_string_equal(t.items[1].choices[0].id, "a");
	assert_int_equal(t.items[1].choices[0].n, 2);
	assert_string_equal(t.items[1].choices[1].id, "c");
	assert_int_equal(t.items[1].choices[1].in_key, 0);
	/* rest scores: q1 right in both, each attempt scored 1: rest 0 */
	assert_int_equal(t.items[0].rest, 0);
	assert_int_equal(t.items[1].rest, 2);
	/* community: its answer apart, never a person */
	assert_int_equal(t.ncans, 1);
	assert_string_equal(t.cans[0].chosen, "b");
	assert_int_equal(t.cans[0].sessions, 1);
	assert_int_equal(t.nmonths, 1);
	assert_int_equal(t.months[0].participants, 12);
	assert_int_equal(t.months[0].quizzes, 1);
	/* weeks: day 1 (a Friday) is in the week of 1969-12-29; days 10 and 11 in
	 * that of 1970-01-05 */
	assert_int_equal(t.nweeks, 2);
	assert_int_equal(t.weeks[0].monday, -3);
	assert_int_equal(t.weeks[0].finished, 1);
	assert_int_equal(t.weeks[1].monday, 4);
	assert_int_equal(t.weeks[1].finished, 2);
	assert_int_equal(t.weeks[1].sessions, 1);
	assert_int_equal(t.versions.n, 2);
	tally_free(&t);
	/* from day 5: P1's retake is not a first attempt; P2's is */
	assert_int_equal(tally_run(&t, db, 5LL * DAY, -1, &e), 0);
	assert_int_equal(tally_find_pm(&t, "P1", "m")->attempts, 1);
	assert_int_equal(t.items[0].n, 1);
	assert_int_equal(t.first, 10LL * DAY);
	assert_int_equal(t.last, 11LL * DAY);
	tally_free(&t);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_cells),
		cmocka_unit_test(test_csv_read),
		cmocka_unit_test(test_pearson),
		cmocka_unit_test(test_two_proportions),
		cmocka_unit_test(test_utc),
		cmocka_unit_test(test_int_text),
		cmocka_unit_test(test_pearson_sums),
		cmocka_unit_test(test_tally),
	};
	return cmocka_run_group_tests_name("officer", tests, NULL, NULL);
}
