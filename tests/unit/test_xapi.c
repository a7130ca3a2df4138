/*
 * test_xapi.c - records rows as xAPI statements (xapi_map.h): the shapes
 * an LRS checks, no person in community statements, and the same row
 * giving the same statement.
 */
#include "testutil.h"
#include "xapi_map.h"

static const struct xapi_map plain_map = { "https://t.example/", NULL, NULL, "crsv-kit" };

static const struct xapi_quiz personnel = {
	"11111111-1111-4111-8111-111111111111", "k0000000-0000-4000-8000-000000000000", "personnel",
	"UN-20417", NULL, "policy/05-mara", "fr", "53c61d842c3c", 2, 3, 0,
	1770022800000, 1770022895500
};

static const struct xapi_quiz community = {
	"22222222-2222-4222-8222-222222222222", "k0000000-0000-4000-8000-000000000000", "community",
	NULL, "33333333-3333-4333-8333-333333333333", "sensitization/04-where-to-get-help", "ar",
	"53c61d842c3c", 2, 2, 1, 1770022800000, 1770022860000
};

static char *dump(json_t *s)
{
	char *text = json_dumps(s, JSON_COMPACT | JSON_REAL_PRECISION(6));
	json_decref(s);
	return text;
}

static const char *path_text(const json_t *s, const char *a, const char *b, const char *c)
{
	const json_t *v = json_object_get(s, a);
	if (b)
		v = json_object_get(v, b);
	if (c)
		v = json_object_get(v, c);
	return json_string_value(v);
}

static void test_personnel_quiz(void **state)
{
	(void)state;
	json_t *s = xapi_quiz_statement(&plain_map, &personnel);
	assert_string_equal(path_text(s, "id", NULL, NULL), personnel.uuid);
	assert_string_equal(path_text(s, "verb", "id", NULL), "http://adlnet.gov/expapi/verbs/failed");
	assert_string_equal(path_text(s, "actor", "objectType", NULL), "Agent");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	                    json_object_get(s, "actor"), "account"), "name")), "UN-20417");
	const json_t *score = json_object_get(json_object_get(s, "result"), "score");
	assert_int_equal(json_integer_value(json_object_get(score, "raw")), 2);
	assert_int_equal(json_integer_value(json_object_get(score, "max")), 3);
	assert_true(json_real_value(json_object_get(score, "scaled")) == 0.6667);
	assert_string_equal(path_text(s, "result", "duration", NULL), "PT95.50S");
	assert_string_equal(path_text(s, "timestamp", NULL, NULL), "2026-02-02T09:01:35.500Z");
	assert_string_equal(path_text(s, "context", "registration", NULL), personnel.uuid);
	assert_string_equal(path_text(s, "context", "language", NULL), "fr");
	assert_string_equal(path_text(s, "context", "revision", NULL), "53c61d842c3c");
	assert_string_equal(path_text(s, "object", "id", NULL),
	                    "https://t.example/modules/policy/05-mara");
	char *a = dump(s), *b = dump(xapi_quiz_statement(&plain_map, &personnel));
	assert_string_equal(a, b);   /* the same row, the same bytes */
	free(a);
	free(b);
}

/* Pseudonyms: the person reference never appears. */
static void test_pseudonyms(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp(), *master = fs_join(dir, "m.db");
	struct pseudonyms p;
	struct err e = {0};
	assert_int_equal(pseudonyms_open(&p, master, &e), 0);
	struct xapi_map m = plain_map;
	m.pseud = &p;
	char *text = dump(xapi_quiz_statement(&m, &personnel));
	assert_null(strstr(text, "UN-20417"));
	assert_non_null(strstr(text, "\"name\":\"P-"));
	free(text);
	free(master);
	tu_rmtree(dir);
}

/* Community: an Identified Group with no members, nothing of a person. */
static void test_community(void **state)
{
	(void)state;
	json_t *s = xapi_quiz_statement(&plain_map, &community);
	const json_t *actor = json_object_get(s, "actor");
	assert_string_equal(json_string_value(json_object_get(actor, "objectType")), "Group");
	assert_null(json_object_get(actor, "member"));
	assert_null(json_object_get(actor, "mbox"));
	assert_string_equal(json_string_value(json_object_get(json_object_get(actor, "account"),
	                                                      "name")), community.session_uuid);
	json_decref(s);
	struct xapi_session ss = { community.session_uuid, community.kiosk_id, "ar", 12,
	                           1770022000000, -1 };
	s = xapi_session_statement(&plain_map, &ss);
	assert_string_equal(path_text(s, "verb", "id", NULL),
	                    "http://adlnet.gov/expapi/verbs/attended");
	const json_t *ext = json_object_get(json_object_get(s, "context"), "extensions");
	assert_int_equal(json_integer_value(json_object_get(ext,
	                 "https://t.example/xapi/ext/participant-count")), 12);
	assert_null(json_object_get(s, "result"));   /* never ended: no duration */
	json_decref(s);
}

static void test_answer(void **state)
{
	(void)state;
	struct xapi_answer a = { "44444444-4444-4444-8444-444444444444", "q2", "a,c", 1,
	                         1770022850000 };
	json_t *s = xapi_answer_statement(&plain_map, &personnel, &a);
	assert_string_equal(path_text(s, "result", "response", NULL), "a[,]c");
	assert_true(json_is_true(json_object_get(json_object_get(s, "result"), "success")));
	assert_string_equal(path_text(s, "object", "id", NULL),
	                    "https://t.example/modules/policy/05-mara/questions/q2");
	const json_t *parent = json_object_get(json_object_get(json_object_get(s, "context"),
	                                                       "contextActivities"), "parent");
	assert_string_equal(json_string_value(json_object_get(json_array_get(parent, 0), "id")),
	                    "https://t.example/modules/policy/05-mara");
	assert_string_equal(path_text(s, "context", "registration", NULL), personnel.uuid);
	json_decref(s);
}

/* A module read: "experienced" on the module, the read's own
 * registration, its time to the last page as duration; in community, the
 * session's memberless group and the session as grouping, whatever
 * person_ref the row would hold. */
static void test_read(void **state)
{
	(void)state;
	struct xapi_read p = { "55555555-5555-4555-8555-555555555555", personnel.kiosk_id,
	                       "personnel", "UN-20417", NULL, "policy/05-mara", "fr", "53c61d842c3c",
	                       1770022800000, 1770022980250 };
	json_t *s = xapi_read_statement(&plain_map, &p);
	assert_string_equal(path_text(s, "verb", "id", NULL),
	                    "http://adlnet.gov/expapi/verbs/experienced");
	assert_string_equal(path_text(s, "object", "id", NULL),
	                    "https://t.example/modules/policy/05-mara");
	assert_string_equal(path_text(s, "actor", "objectType", NULL), "Agent");
	assert_string_equal(path_text(s, "result", "duration", NULL), "PT180.25S");
	assert_true(json_is_true(json_object_get(json_object_get(s, "result"), "completion")));
	assert_string_equal(path_text(s, "context", "registration", NULL), p.uuid);
	assert_string_equal(path_text(s, "timestamp", NULL, NULL), "2026-02-02T09:03:00.250Z");
	json_decref(s);
	struct xapi_read c = p;
	c.mode = "community";
	c.person_ref = "must-not-show";
	c.session_uuid = community.session_uuid;
	s = xapi_read_statement(&plain_map, &c);
	const json_t *actor = json_object_get(s, "actor");
	assert_string_equal(json_string_value(json_object_get(actor, "objectType")), "Group");
	assert_null(json_object_get(actor, "member"));
	assert_string_equal(json_string_value(json_object_get(json_object_get(actor, "account"),
	                                                      "name")), community.session_uuid);
	const json_t *grouping = json_object_get(json_object_get(json_object_get(s, "context"),
	                                                         "contextActivities"), "grouping");
	assert_string_equal(json_string_value(json_object_get(json_array_get(grouping, 0), "id")),
	                    "https://t.example/sessions/33333333-3333-4333-8333-333333333333");
	char *text = dump(s);
	assert_null(strstr(text, "must-not-show"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_personnel_quiz),
		cmocka_unit_test(test_pseudonyms),
		cmocka_unit_test(test_community),
		cmocka_unit_test(test_answer),
		cmocka_unit_test(test_read),
	};
	return cmocka_run_group_tests_name("xapi", tests, NULL, NULL);
}
