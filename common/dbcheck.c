/* dbcheck.c - SQLite's page checks; see dbcheck.h. */
#include "dbcheck.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

int db_check_pages(sqlite3 *db, int quick, char *why, size_t n)
{
	/* (1): stop at the first problem, which is the one reported */
	const char *sql = quick ? "PRAGMA quick_check(1)" : "PRAGMA integrity_check(1)";
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	const char *said = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	int ok = said && !strcmp(said, "ok");
	if (!ok) {
		/* "*** in database main ***\nPage 30: ..." on one line, without the
		 * heading (the kiosk has one database per file) */
		const char *head = "*** in database main ***\n";
		if (said && !strncmp(said, head, strlen(head)))
			said += strlen(head);
		char line[512];
		snprintf(line, sizeof line, "%s", said ? said : sqlite3_errmsg(db));
		for (char *p = line; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		utf8_escape(line, strlen(line), sizeof line, why, n);
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

const char *db_errmsg(sqlite3 *db, char *buf, size_t n)
{
	const char *m = db ? sqlite3_errmsg(db) : "out of memory";
	utf8_escape(m, strlen(m), strlen(m), buf, n);
	return buf;
}
