/* test_textcache.c - the renderer's bounded cache of text pieces
 * (kiosk/textcache.c): found again by face, direction, colour and bytes,
 * never mistaken for another text, bounded, the least recently used piece
 * of a full set given back to its owner. */
#include "testutil.h"

#include "textcache.h"

static int dropped;           /* pieces handed back */
static void *last_dropped;

static void drop(void *made)
{
	dropped++;
	last_dropped = made;
}

static int made[64];          /* what a piece "renders" to: &made[i] */

static const char face_a = 'a', face_b = 'b';

static void test_found_again(void **state)
{
	(void)state;
	struct text_cache *c = text_cache_new(64, NULL);
	struct text_key k = { &face_a, 0, 0x112233 };
	const char *s = "Hello, world";
	assert_null(text_cache_find(c, &k, s, 5));
	struct text_value *v = text_cache_add(c, &k, s, 5);
	assert_string_equal(v->text, "Hello");   /* its own copy, NUL-terminated */
	assert_ptr_not_equal(v->text, s);
	v->w = 42;
	v->made = &made[0];
	struct text_value *again = text_cache_find(c, &k, "Hello", 5);
	assert_ptr_equal(again, v);
	assert_int_equal(again->w, 42);
	assert_int_equal(text_cache_count(c), 1);
	text_cache_free(c);
}

/* Same bytes drawn otherwise, or other bytes: another piece. */
static void test_key_parts(void **state)
{
	(void)state;
	struct text_cache *c = text_cache_new(64, NULL);
	struct text_key k = { &face_a, 0, 0 };
	text_cache_add(c, &k, "abc", 3)->w = 1;
	struct text_key other_face = { &face_b, 0, 0 }, rtl = { &face_a, 1, 0 },
	                colour = { &face_a, 0, 0xff0000 };
	assert_null(text_cache_find(c, &other_face, "abc", 3));
	assert_null(text_cache_find(c, &rtl, "abc", 3));
	assert_null(text_cache_find(c, &colour, "abc", 3));
	assert_null(text_cache_find(c, &k, "abd", 3));   /* same length, other bytes */
	assert_null(text_cache_find(c, &k, "abcd", 4));
	assert_null(text_cache_find(c, &k, "ab", 2));
	assert_int_equal(text_cache_find(c, &k, "abc", 3)->w, 1);
	/* an empty piece is a piece */
	text_cache_add(c, &k, "", 0)->w = 7;
	assert_int_equal(text_cache_find(c, &k, "", 0)->w, 7);
	text_cache_free(c);
}

/* Never more entries than its capacity; a full set gives up its least
 * recently used piece, handed to `drop`, and keeps the ones in use. */
static void test_bounded_lru(void **state)
{
	(void)state;
	struct text_cache *c = text_cache_new(8, drop);   /* one set of 8 */
	struct text_key k = { &face_a, 0, 0 };
	char text[16];
	dropped = 0;
	assert_int_equal(text_cache_capacity(c), 8);
	for (int i = 0; i < 8; i++) {
		snprintf(text, sizeof text, "piece %d", i);
		text_cache_add(c, &k, text, strlen(text))->made = &made[i];
	}
	assert_int_equal(text_cache_count(c), 8);
	assert_int_equal(dropped, 0);
	/* piece 0 used again: piece 1 is now the least recently used */
	assert_non_null(text_cache_find(c, &k, "piece 0", 7));
	text_cache_add(c, &k, "piece 8", 7)->made = &made[8];
	assert_int_equal(dropped, 1);
	assert_ptr_equal(last_dropped, &made[1]);
	assert_null(text_cache_find(c, &k, "piece 1", 7));
	assert_non_null(text_cache_find(c, &k, "piece 0", 7));
	assert_non_null(text_cache_find(c, &k, "piece 8", 7));
	/* however many are added, it holds 8 */
	for (int i = 9; i < 64; i++) {
		snprintf(text, sizeof text, "piece %d", i);
		text_cache_add(c, &k, text, strlen(text))->made = &made[i];
	}
	assert_int_equal(text_cache_count(c), 8);
	assert_int_equal(dropped, 56);
	/* freeing hands back the rest */
	text_cache_free(c);
	assert_int_equal(dropped, 64);
}

/* Many sets: a few hundred pieces (a screen's) all stay. */
static void test_a_screen_fits(void **state)
{
	(void)state;
	struct text_cache *c = text_cache_new(4096, drop);
	struct text_key k = { &face_a, 0, 0x1b1b1f };
	char text[32];
	dropped = 0;
	assert_int_equal(text_cache_capacity(c), 4096);
	for (int i = 0; i < 300; i++) {
		snprintf(text, sizeof text, "word %d", i);
		text_cache_add(c, &k, text, strlen(text))->w = i;
	}
	assert_int_equal(dropped, 0);
	for (int i = 0; i < 300; i++) {
		snprintf(text, sizeof text, "word %d", i);
		struct text_value *v = text_cache_find(c, &k, text, strlen(text));
		assert_non_null(v);
		assert_int_equal(v->w, i);
	}
	text_cache_free(c);
	text_cache_free(NULL);
}

/* A budget in bytes: a piece charged past it drops the least recently
 * used others (never itself), and what they held is given back. */
static void test_bytes_budget(void **state)
{
	(void)state;
	struct text_cache *c = text_cache_new(4096, drop);
	struct text_key k = { &face_a, 0, 0x1b1b1f };
	char text[32];
	dropped = 0;
	text_cache_set_budget(c, 1000);
	for (int i = 0; i < 10; i++) {
		snprintf(text, sizeof text, "line %d", i);
		struct text_value *v = text_cache_add(c, &k, text, strlen(text));
		v->made = &made[i];
		text_cache_charge(c, v, 100);
	}
	assert_int_equal(text_cache_bytes(c), 1000);
	assert_int_equal(dropped, 0);
	/* line 0 found again: line 1 is now the least recently used */
	assert_non_null(text_cache_find(c, &k, "line 0", 6));
	struct text_value *big = text_cache_add(c, &k, "big", 3);
	big->made = &made[20];
	text_cache_charge(c, big, 250);
	assert_int_equal(dropped, 3);   /* lines 1, 2, 3: 1000 - 300 + 250 */
	assert_int_equal(text_cache_bytes(c), 950);
	assert_null(text_cache_find(c, &k, "line 1", 6));
	assert_null(text_cache_find(c, &k, "line 3", 6));
	assert_non_null(text_cache_find(c, &k, "line 0", 6));
	assert_non_null(text_cache_find(c, &k, "line 4", 6));
	/* one piece larger than the whole budget stays (alone) */
	struct text_value *huge = text_cache_add(c, &k, "huge", 4);
	text_cache_charge(c, huge, 5000);
	assert_int_equal(text_cache_count(c), 1);
	assert_non_null(text_cache_find(c, &k, "huge", 4));
	text_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found_again),
		cmocka_unit_test(test_key_parts),
		cmocka_unit_test(test_bounded_lru),
		cmocka_unit_test(test_a_screen_fits),
		cmocka_unit_test(test_bytes_budget),
	};
	return cmocka_run_group_tests_name("textcache", tests, NULL, NULL);
}
