/* test_poscan.c - the fast PO reader against libgettextpo, the reference:
 * on every PO file in the tree and on small cases, each message the same,
 * and everything unusual declined, never read another way. */
#include "testutil.h"

#include "pofile.h"
#include "poscan.h"
#include "translate.h"

/* A reader's messages, one text of "ctxt|msgid|msgstr|fuzzy" lines. */
static int collect(void *ctx, const char *ctxt, const char *msgid,
                   const char *msgstr, int fuzzy)
{
	struct buf *b = ctx;
	buf_printf(b, "%s%s\x1f%s\x1f%s\x1f%d\n", ctxt ? "C:" : "", ctxt ? ctxt : "",
	           msgid, msgstr, fuzzy);
	return 0;
}

/* What libgettextpo reads; -1 when it refuses the file. */
static int reference(const char *path, struct buf *b)
{
	struct err e = {0};
	po_file_t f = pofile_read(path, &e);
	if (!f)
		return -1;
	po_message_iterator_t it = po_message_iterator(f, NULL);
	po_message_t m;
	while ((m = po_next_message(it)))
		if (!po_message_is_obsolete(m))
			collect(b, po_message_msgctxt(m), po_message_msgid(m),
			        po_message_msgstr(m), po_message_is_fuzzy(m));
	po_message_iterator_free(it);
	po_file_free(f);
	return 0;
}

/* Both readers on one file: the same messages whenever the fast one takes
 * it.  1 when it took it, 0 when it declined. */
static int compare_file(const char *path)
{
	struct buf fast = {0}, ref = {0};
	char *text;
	size_t len;
	struct err e = {0};
	if (fs_read(path, &text, &len, &e) < 0)
		fail_msg("%s: %s", path, e.msg);
	int rc = poscan(text, len, collect, &fast);
	free(text);
	int refused = reference(path, &ref);
	assert_true(rc == 0 || rc == POSCAN_DECLINED);
	if (rc == 0) {
		if (refused)
			fail_msg("%s: libgettextpo refuses it, the fast reader took it", path);
		buf_putc(&fast, '\0');
		buf_putc(&ref, '\0');
		if (strcmp(fast.data, ref.data))
			fail_msg("%s: the two readers differ", path);
	}
	buf_free(&fast);
	buf_free(&ref);
	return rc == 0;
}

/* Every PO and POT file in the tree (content, locales, tests, bench); the
 * project's own catalogues must be read by the fast reader. */
static void test_every_po_in_tree(void **state)
{
	(void)state;
	FILE *f = popen("find content locales tests bench -name '*.po' -o -name '*.pot' "
	                "2>/dev/null | sort", "r");
	char line[4096];
	int files = 0, taken = 0, own = 0;
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		int t = compare_file(line);
		files++;
		taken += t;
		if (!strncmp(line, "locales/", 8)) {
			own++;
			if (!t)
				fail_msg("%s: the fast reader declined the project's own catalogue", line);
		}
	}
	pclose(f);
	print_message("%d PO files, %d read by the fast reader alike\n", files, taken);
	assert_true(files >= 3);
	assert_true(own >= 3);
}

/* One case: `po` as a file, both readers; `taken` is what the fast one
 * must do with it. */
static void check_case(const char *po, int taken)
{
	char *dir = tu_mkdtemp();
	char *path = tu_write(dir, "x.po", po);
	int t = compare_file(path);
	if (t != taken)
		fail_msg("the fast reader %s:\n%s", t ? "took" : "declined", po);
	free(path);
	tu_rmtree(dir);
}

#define HEADER "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"

static void test_cases(void **state)
{
	(void)state;
	/* read alike */
	check_case(HEADER "msgid \"a\"\nmsgstr \"b\"\n", 1);
	check_case(HEADER "#. note\n#: f.md:3\n#, fuzzy, c-format\nmsgid \"a\"\nmsgstr \"b\"\n", 1);
	check_case(HEADER "msgctxt \"k\"\nmsgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n", 1);
	check_case(HEADER "msgid \"\"\n\"long \"\n\"text\"\nmsgstr \"\"\n\"lang \"\n\"Text\"\n", 1);
	check_case(HEADER "msgid \"t\\\"q\\\\ \\n\\t\"\nmsgstr \"\\\"x\\\"\"\n", 1);
	check_case(HEADER "#| msgid \"old\"\nmsgid \"a\"\nmsgstr \"\"\n", 1);
	check_case(HEADER "#, fuzzy\n#~ msgid \"gone\"\n#~ msgstr \"weg\"\n\nmsgid \"a\"\nmsgstr \"b\"\n", 1);
	check_case(HEADER "msgid \"é ا\"\nmsgstr \"ü\"   \n", 1);
	check_case("#, fuzzy\n" HEADER "msgid \"a\"\nmsgstr \"b\"\n", 1);
	/* declined: libgettextpo decides */
	check_case(HEADER "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\nmsgstr[1] \"bs\"\n", 0);
	check_case(HEADER "msgid \"a\"\r\nmsgstr \"b\"\r\n", 0);
	check_case("msgid \"a\"\nmsgstr \"b\"\n", 0);
	check_case("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\n"
	           "msgid \"a\"\nmsgstr \"b\"\n", 0);
	check_case(HEADER "msgid \"\\101\"\nmsgstr \"b\"\n", 0);
	check_case(HEADER "msgid \"a\"\n", 0);
	check_case(HEADER "msgid \"a\"\nmsgstr \"b\n", 0);
	check_case(HEADER "msgid \"a\"\n# inside\nmsgstr \"b\"\n", 0);
	check_case(HEADER "msgid \"a\" x\nmsgstr \"b\"\n", 0);
	check_case(HEADER "  msgid \"a\"\nmsgstr \"b\"\n", 0);
	check_case(HEADER "msgstr \"b\"\n", 0);
	check_case(HEADER "msgid \"a\"\nmsgstr \"b\"\n\"\n", 0);
}

/* A key given twice is read by neither without a word: the fast reader
 * takes the text, the catalogue sees the second key and asks libgettextpo,
 * which says where. */
static void test_duplicate_reported(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *path = tu_write(dir, "fr.po", HEADER "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n");
	struct catalog *c = NULL;
	struct err e = {0};
	assert_int_equal(catalog_load(&c, path, 0, NULL, &e), -1);
	assert_null(c);
	assert_non_null(strstr(e.file, "fr.po"));
	assert_true(e.line > 0);
	free(path);
	tu_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_po_in_tree),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_duplicate_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
