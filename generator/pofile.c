/* pofile.c - libgettextpo with positioned errors; see pofile.h. */
#include "pofile.h"
#include "buf.h"

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
