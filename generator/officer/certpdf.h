/*
 * certpdf.h - the printed certificate: one PDF page (A4 or Letter) drawn
 * with cairo, its text laid out by Pango (so Arabic is shaped and runs
 * right to left, with numbers and codes in their own order), and the QR
 * code of the signed payload (libqrencode), 30 mm wide.
 *
 * It only draws: every string arrives translated and formatted
 * (certify.c), so the page says in words each claim the payload signs.
 */
#ifndef CRSV_CERTPDF_H
#define CRSV_CERTPDF_H

#include <stddef.h>
#include "err.h"

enum certpdf_paper { PAPER_A4, PAPER_LETTER };

struct certpdf_row {
	const char *cells[3];   /* module, score, passed on */
};

struct certpdf_page {
	enum certpdf_paper paper;
	const char *lang;           /* BCP 47, for shaping */
	int rtl;
	const char *issuer;         /* over the title */
	const char *title;          /* "Certificate of completion" */
	const char *holder;         /* "This certifies that the person with ID ..." */
	const char *what;           /* "passed every module of the training track" */
	const char *target;         /* the track's title */
	const char *head[3];        /* the table's column names */
	const struct certpdf_row *rows;
	size_t nrows;
	const char *const *details; /* "Valid until: ..." lines */
	size_t ndetails;
	const char *verify_help;    /* beside the QR code */
	const char *payload;        /* what the QR code holds */
	const char *keywords;       /* PDF metadata: the credential id */
	const char *created;        /* PDF metadata: YYYY-MM-DDTHH:MM:SSZ */
};

/* Draw `pg` into `path` (written aside, then renamed). */
int certpdf_write(const char *path, const struct certpdf_page *pg, struct err *e);

/* The QR code's version for `payload` at level M (for tests and notes),
 * or -1 when it does not fit in one. */
int certpdf_qr_version(const char *payload);

#endif
