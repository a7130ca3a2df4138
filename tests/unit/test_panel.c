/* test_panel.c - a turned panel (kiosk/panel.c): the size the screens are
 * laid out for, and a touch on the output landing on the screen where it
 * was drawn (the corners of a 1280x720 output for each rotation). */
#include "testutil.h"

#include "panel.h"

static void view_of(int rotate, int x, int y, int *vx, int *vy)
{
	struct panel p = { 1280, 720, rotate };
	panel_to_view(&p, x, y, vx, vy);
}

static void test_view_size(void **state)
{
	(void)state;
	int w, h;
	for (int r = 0; r < 360; r += 90) {
		struct panel p = { 1280, 720, r };
		panel_view_size(&p, &w, &h);
		assert_int_equal(w, r % 180 ? 720 : 1280);
		assert_int_equal(h, r % 180 ? 1280 : 720);
	}
	assert_true(panel_rotation_valid(270));
	assert_false(panel_rotation_valid(45));
	assert_false(panel_rotation_valid(-90));
}

/* Turned 90 degrees clockwise, the view's top-left corner is drawn at the
 * output's top-right, its top-right at the bottom-right. */
static void test_quarter_clockwise(void **state)
{
	(void)state;
	int x, y;
	view_of(90, 1279, 0, &x, &y);
	assert_int_equal(x, 0);
	assert_int_equal(y, 0);
	view_of(90, 1279, 719, &x, &y);
	assert_int_equal(x, 719);
	assert_int_equal(y, 0);
	view_of(90, 0, 0, &x, &y);
	assert_int_equal(x, 0);
	assert_int_equal(y, 1279);
}

/* Turned 270, the view's top-left is at the output's bottom-left. */
static void test_quarter_anticlockwise(void **state)
{
	(void)state;
	int x, y;
	view_of(270, 0, 719, &x, &y);
	assert_int_equal(x, 0);
	assert_int_equal(y, 0);
	view_of(270, 0, 0, &x, &y);
	assert_int_equal(x, 719);
	assert_int_equal(y, 0);
	view_of(270, 1279, 719, &x, &y);
	assert_int_equal(x, 0);
	assert_int_equal(y, 1279);
}

static void test_half_and_none(void **state)
{
	(void)state;
	int x, y;
	view_of(180, 0, 0, &x, &y);
	assert_int_equal(x, 1279);
	assert_int_equal(y, 719);
	view_of(0, 12, 34, &x, &y);
	assert_int_equal(x, 12);
	assert_int_equal(y, 34);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_view_size),
		cmocka_unit_test(test_quarter_clockwise),
		cmocka_unit_test(test_quarter_anticlockwise),
		cmocka_unit_test(test_half_and_none),
	};
	return cmocka_run_group_tests_name("panel", tests, NULL, NULL);
}
