/* pofile.c - libgettextpo with positioned errors; see pofile.h. */
#include "pofile.h"
#include "buf.h"
#include "fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
	int errors;
	struct err first;
} problems;

static void record(int severity, const char *filename, size_t lineno,
                   const char *text)
{
	if (severity == PO_SEVERITY_WARNING)
		return;
	if (problems.errors++)
		return;
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", text ? text : "invalid PO file");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ' || msg[n - 1] == '.'))
		msg[--n] = '\0';
	err_set(&problems.first, filename ? filename : "",
	        filename && lineno != (size_t)-1 ? (int)lineno : 0, "%s", msg);
}

static void on_error(int severity, po_message_t message, const char *filename,
                     size_t lineno, size_t column, int multiline,
                     const char *text)
{
	(void)message; (void)column; (void)multiline;
	record(severity, filename, lineno, text);
}

static void on_error2(int severity, po_message_t m1, const char *f1, size_t l1,
                      size_t c1, int ml1, const char *t1, po_message_t m2,
                      const char *f2, size_t l2, size_t c2, int ml2,
                      const char *t2)
{
	(void)m1; (void)c1; (void)ml1; (void)m2; (void)f2; (void)l2; (void)c2;
	(void)ml2; (void)t2;
	record(severity, f1, l1, t1);
}

static const struct po_xerror_handler handler = { on_error, on_error2 };

/* Move the recorded problem into `e`; -1 when there was one. */
static int take_problem(struct err *e, const char *path)
{
	if (!problems.errors)
		return 0;
	if (e) {
		*e = problems.first;
		if (!e->file[0])
			snprintf(e->file, sizeof e->file, "%s", path);
	}
	return -1;
}

po_file_t pofile_read(const char *path, struct err *e)
{
	memset(&problems, 0, sizeof problems);
	po_file_t file = po_file_read(path, &handler);
	if (take_problem(e, path) < 0 || !file) {
		if (file)
			po_file_free(file);
		else if (!problems.errors)
			err_set(e, path, 0, "cannot read translation file");
		return NULL;
	}
	return file;
}

int pofile_write(po_file_t file, const char *path, struct err *e)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int rc = -1;
	memset(&problems, 0, sizeof problems);
	if (!po_file_write(file, tmp, &handler) || take_problem(e, path) < 0) {
		if (!problems.errors)
			err_set(e, path, 0, "cannot write translation file");
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) < 0) {
		err_set(e, path, 0, "cannot replace translation file");
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

/* ---- where an entry is ------------------------------------------------ */

/* Append the C-escaped string between the quotes of `line` to `out`. */
static void unquote_into(const char *line, struct buf *out)
{
	const char *q = strchr(line, '"');
	if (!q)
		return;
	for (q++; *q && *q != '"'; q++) {
		if (*q != '\\' || !q[1]) {
			buf_putc(out, *q);
			continue;
		}
		q++;
		buf_putc(out, *q == 'n' ? '\n' : *q == 't' ? '\t' : *q);
	}
}

/* The line of the entry (ctxt, msgid) in the PO text: only the keywords
 * and continuation strings are read, which is all it takes to find an
 * entry that libgettextpo has already read without error. */
static int entry_line(const char *text, const char *ctxt, const char *msgid)
{
	struct buf cur_ctxt = {0}, cur_id = {0};
	struct buf *into = NULL;
	int line = 0, found = 0, entry_at = 0, has_ctxt = 0;
	for (const char *l = text; l && *l && !found;) {
		const char *end = strchr(l, '\n');
		line++;
		if (!strncmp(l, "msgctxt ", 8)) {
			buf_reset(&cur_ctxt);
			buf_reset(&cur_id);
			has_ctxt = 1;
			entry_at = line;
			into = &cur_ctxt;
			unquote_into(l, into);
		} else if (!strncmp(l, "msgid ", 6)) {
			if (!into || into != &cur_ctxt) {
				has_ctxt = 0;
				buf_reset(&cur_ctxt);
				entry_at = line;
			}
			buf_reset(&cur_id);
			into = &cur_id;
			unquote_into(l, into);
		} else if (l[0] == '"' && into) {
			unquote_into(l, into);
		} else if (into == &cur_id) {
			/* the msgid is complete: compare */
			buf_putc(&cur_id, '\0');
			buf_putc(&cur_ctxt, '\0');
			found = !strcmp(cur_id.data, msgid) && has_ctxt == (ctxt != NULL) &&
			        (!ctxt || !strcmp(cur_ctxt.data, ctxt));
			into = NULL;
		} else {
			into = NULL;
		}
		l = end ? end + 1 : NULL;
	}
	buf_free(&cur_ctxt);
	buf_free(&cur_id);
	return found ? entry_at : 0;
}

void pofile_blame(struct err *e, const char *po_path, const char *lang,
                  const char *ctxt, const char *msgid)
{
	char *text = NULL;
	size_t len;
	if (!e || !po_path)
		return;
	struct err was = *e;
	int line = fs_read(po_path, &text, &len, NULL) == 0 ? entry_line(text, ctxt, msgid) : 0;
	free(text);
	if (!line)
		return;   /* not in the file (run extract): the source is all we know */
	if (was.line > 0)
		err_set(e, po_path, line, "in the %s translation: %s (source: %s:%d)", lang,
		        was.msg, was.file, was.line);
	else
		err_set(e, po_path, line, "in the %s translation: %s (source: %s)", lang,
		        was.msg, was.file);
}
