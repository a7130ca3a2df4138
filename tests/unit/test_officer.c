/* test_officer.c - the officer's tools' pieces: CSV cells, statistics. */
#include "testutil.h"

#include <math.h>

#include "csv.h"
#include "items.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_cells),
		cmocka_unit_test(test_csv_read),
		cmocka_unit_test(test_pearson),
		cmocka_unit_test(test_two_proportions),
	};
	return cmocka_run_group_tests_name("officer", tests, NULL, NULL);
}
