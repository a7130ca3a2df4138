/* certpdf.c - the printed certificate; see certpdf.h. */
#include "certpdf.h"
#include "buf.h"
#include "fs.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#define MM (72.0 / 25.4)          /* points per millimetre */
#define MARGIN (20 * MM)
#define QR_SIDE (30 * MM)          /* readable by a phone at arm's length */
#define FONT "Noto Sans"

struct page {
	cairo_t *cr;
	PangoLayout *layout;
	const struct certpdf_page *pg;
	double width, height, y;       /* y: where the next block starts */
};

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int n)
{
	buf_put(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* One paragraph of `text` at `size` points, `bold` or not, across the
 * width from `x` (`w` points), aligned to the start of the line (right in
 * Arabic) or centred; returns its height. */
static double paragraph(struct page *p, const char *text, double size, int bold, int centre,
                        double x, double w, double y)
{
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(p->layout, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(p->layout, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(p->layout, centre ? PANGO_ALIGN_CENTER
	                           : p->pg->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(p->layout, text, -1);
	int tw, th;
	pango_layout_get_size(p->layout, &tw, &th);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
	return (double)th / PANGO_SCALE;
}

static double centred(struct page *p, const char *text, double size, int bold)
{
	double h = paragraph(p, text, size, bold, 1, MARGIN, p->width - 2 * MARGIN, p->y);
	p->y += h;
	return h;
}

static void rule(struct page *p, double gap)
{
	p->y += gap / 2;
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, p->width - MARGIN, p->y);
	cairo_stroke(p->cr);
	p->y += gap / 2;
}

/* The modules table: the module's name takes what the score and the date
 * leave; in a right-to-left language the columns run from the right. */
static void table(struct page *p)
{
	const double w = p->width - 2 * MARGIN, narrow = 30 * MM;
	const double widths[3] = { w - 2 * narrow, narrow, narrow };
	double x[3];
	x[0] = MARGIN;
	x[1] = x[0] + widths[0];
	x[2] = x[1] + widths[1];
	if (p->pg->rtl) {
		x[0] = MARGIN + 2 * narrow;
		x[1] = MARGIN + narrow;
		x[2] = MARGIN;
	}
	for (size_t r = 0; r <= p->pg->nrows; r++) {
		const char *const *cells = r ? p->pg->rows[r - 1].cells : p->pg->head;
		double h = 0;
		for (int c = 0; c < 3; c++) {
			double ch = paragraph(p, cells[c] ? cells[c] : "", 11, r == 0, 0, x[c] + 2 * MM,
			                      widths[c] - 4 * MM, p->y + 1.5 * MM);
			if (ch > h)
				h = ch;
		}
		p->y += h + 3 * MM;
		cairo_set_line_width(p->cr, r == 0 ? 0.8 : 0.3);
		cairo_move_to(p->cr, MARGIN, p->y);
		cairo_line_to(p->cr, p->width - MARGIN, p->y);
		cairo_stroke(p->cr);
	}
}

/* The QR code at (x, y), QR_SIDE wide, on white. */
static int qr(struct page *p, double x, double y, struct err *e)
{
	QRcode *q = QRcode_encodeString8bit(p->pg->payload, 0, QR_ECLEVEL_M);
	if (!q)
		return err_set(e, "", 0, "the certificate's code does not fit in a QR code");
	double m = QR_SIDE / q->width;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (int r = 0; r < q->width; r++)
		for (int c = 0; c < q->width; c++)
			if (q->data[r * q->width + c] & 1)
				cairo_rectangle(p->cr, x + c * m, y + r * m, m, m);
	cairo_fill(p->cr);
	QRcode_free(q);
	return 0;
}

int certpdf_qr_version(const char *payload)
{
	QRcode *q = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
	int v = q ? q->version : -1;
	QRcode_free(q);
	return v;
}

static void metadata(cairo_surface_t *s, const struct certpdf_page *pg)
{
	char subject[512];
	snprintf(subject, sizeof subject, "%s: %s", pg->title, pg->target);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, pg->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, subject);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, pg->issuer);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, pg->keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "crsv-gen");
	/* the issue time, not the clock: the same certificate, the same bytes */
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, pg->created);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, pg->created);
}

static int draw(struct page *p, struct err *e)
{
	const struct certpdf_page *pg = p->pg;
	double w = p->width - 2 * MARGIN;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y = MARGIN + 10 * MM;
	centred(p, pg->issuer, 12, 0);
	p->y += 8 * MM;
	centred(p, pg->title, 28, 1);
	p->y += 10 * MM;
	centred(p, pg->holder, 14, 0);
	p->y += 2 * MM;
	centred(p, pg->what, 14, 0);
	p->y += 4 * MM;
	centred(p, pg->target, 20, 1);
	p->y += 6 * MM;
	rule(p, 4 * MM);
	table(p);
	p->y += 6 * MM;
	for (size_t i = 0; i < pg->ndetails; i++)
		p->y += paragraph(p, pg->details[i], 10, 0, 0, MARGIN, w, p->y) + 1 * MM;
	/* the code at the foot, at the line's start; its help beside it */
	double qy = p->height - MARGIN - QR_SIDE;
	if (p->y + 4 * MM > qy)
		qy = p->y + 4 * MM;   /* a long track: below the details */
	double qx = pg->rtl ? p->width - MARGIN - QR_SIDE : MARGIN;
	double tx = pg->rtl ? MARGIN : MARGIN + QR_SIDE + 6 * MM;
	if (qr(p, qx, qy, e) < 0)
		return -1;
	paragraph(p, pg->verify_help, 9, 0, 0, tx, w - QR_SIDE - 6 * MM, qy);
	return 0;
}

int certpdf_write(const char *path, const struct certpdf_page *pg, struct err *e)
{
	struct buf out = {0};
	struct page p = { NULL, NULL, pg, 0, 0, 0 };
	p.width = pg->paper == PAPER_LETTER ? 612 : 595.276;
	p.height = pg->paper == PAPER_LETTER ? 792 : 841.89;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &out, p.width, p.height);
	metadata(s, pg);
	p.cr = cairo_create(s);
	p.layout = pango_cairo_create_layout(p.cr);
	PangoContext *ctx = pango_layout_get_context(p.layout);
	pango_context_set_language(ctx, pango_language_from_string(pg->lang));
	pango_context_set_base_dir(ctx, pg->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	pango_layout_set_auto_dir(p.layout, FALSE);   /* the page's direction, every line */
	pango_layout_context_changed(p.layout);
	int rc = draw(&p, e);
	g_object_unref(p.layout);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	if (rc == 0 && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = err_set(e, path, 0, "cannot draw the certificate: %s",
		             cairo_status_to_string(cairo_surface_status(s)));
	cairo_surface_destroy(s);
	if (rc == 0)
		rc = fs_write_atomic(path, out.data, out.len, e);
	buf_free(&out);
	return rc;
}
