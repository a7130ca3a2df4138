/* emit_zim.c - ZIM files for Kiwix through zimwriterfs; see emit_zim.h. */
#include "emit_zim.h"
#include "buf.h"
#include "fs.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define TOOL "zimwriterfs"
/* the illustration, at the root of the staging tree (zimwriterfs takes a
 * path inside the tree it packs) */
#define ICON "illustration-48x48.png"
/* The `lang` of write_zim for the ZIM of every language. */
#define ZIM_ALL_LANGS ((size_t)-1)

/* ---- finding zimwriterfs ---------------------------------------------- */

/* The zimwriterfs of PATH (heap string), or NULL.  Empty PATH entries (the
 * current folder) are not searched: a build should not run a program that
 * happens to sit in the content's folder. */
static char *tool_path(void)
{
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	for (const char *s = path; *s;) {
		size_t n = strcspn(s, ":");
		if (n) {
			char *dir = xstrndup(s, n);
			char *exe = fs_join(dir, TOOL);
			free(dir);
			if (fs_is_file(exe) && access(exe, X_OK) == 0)
				return exe;
			free(exe);
		}
		s += n + (s[n] == ':');
	}
	return NULL;
}

int emit_zim_possible(void)
{
	char *exe = tool_path();
	free(exe);
	return exe != NULL;
}

/* ---- metadata --------------------------------------------------------- */

/* ISO 639-1 codes and their ISO 639-3 codes (the macrolanguage where the
 * 639-1 code names one, as Kiwix's own ZIMs do: ara, fas, swa, zho). */
static const char *const iso639[][2] = {
	{ "af", "afr" }, { "am", "amh" }, { "ar", "ara" }, { "az", "aze" }, { "be", "bel" },
	{ "bg", "bul" }, { "bm", "bam" }, { "bn", "ben" }, { "bs", "bos" }, { "ca", "cat" },
	{ "cs", "ces" }, { "cy", "cym" }, { "da", "dan" }, { "de", "deu" }, { "el", "ell" },
	{ "en", "eng" }, { "es", "spa" }, { "et", "est" }, { "fa", "fas" }, { "ff", "ful" },
	{ "fi", "fin" }, { "fr", "fra" }, { "ha", "hau" }, { "he", "heb" }, { "hi", "hin" },
	{ "hr", "hrv" }, { "ht", "hat" }, { "hu", "hun" }, { "hy", "hye" }, { "id", "ind" },
	{ "ig", "ibo" }, { "it", "ita" }, { "ja", "jpn" }, { "ka", "kat" }, { "kg", "kon" },
	{ "kk", "kaz" }, { "km", "khm" }, { "ko", "kor" }, { "ku", "kur" }, { "ky", "kir" },
	{ "lg", "lug" }, { "ln", "lin" }, { "lo", "lao" }, { "lt", "lit" }, { "lv", "lav" },
	{ "mg", "mlg" }, { "mk", "mkd" }, { "mn", "mon" }, { "ms", "msa" }, { "my", "mya" },
	{ "ne", "nep" }, { "nl", "nld" }, { "no", "nor" }, { "ny", "nya" }, { "om", "orm" },
	{ "pl", "pol" }, { "ps", "pus" }, { "pt", "por" }, { "rn", "run" }, { "ro", "ron" },
	{ "ru", "rus" }, { "rw", "kin" }, { "sg", "sag" }, { "si", "sin" }, { "sk", "slk" },
	{ "sl", "slv" }, { "sn", "sna" }, { "so", "som" }, { "sq", "sqi" }, { "sr", "srp" },
	{ "sv", "swe" }, { "sw", "swa" }, { "ta", "tam" }, { "tg", "tgk" }, { "th", "tha" },
	{ "ti", "tir" }, { "tk", "tuk" }, { "tl", "tgl" }, { "tr", "tur" }, { "uk", "ukr" },
	{ "ur", "urd" }, { "uz", "uzb" }, { "vi", "vie" }, { "wo", "wol" }, { "xh", "xho" },
	{ "yo", "yor" }, { "zh", "zho" }, { "zu", "zul" },
};

/* Language `l` as ISO 639-3 into `out`: its `iso639_3`, else its primary
 * subtag when that has three letters already, else from the table. */
static int iso639_3(const struct site *s, const struct lang *l, struct buf *out,
                    struct err *e)
{
	size_t n = strcspn(l->code, "-_");
	if (out->len)
		buf_putc(out, ',');
	if (l->iso639_3) {
		buf_puts(out, l->iso639_3);
		return 0;
	}
	if (n == 3) {
		for (size_t i = 0; i < 3; i++)
			buf_putc(out, (char)(l->code[i] | 0x20));
		return 0;
	}
	for (size_t i = 0; n == 2 && i < sizeof iso639 / sizeof *iso639; i++)
		if ((l->code[0] | 0x20) == iso639[i][0][0] && (l->code[1] | 0x20) == iso639[i][0][1]) {
			buf_puts(out, iso639[i][1]);
			return 0;
		}
	return err_set(e, s->path, l->line, "no ISO 639-3 code known for language \"%s\", "
	               "which Kiwix needs: give it as \"iso639_3\" (e.g. iso639_3: sag)", l->code);
}

/* `s` cut to `max` characters at the last space before the limit (or at
 * the limit), ending in an ellipsis; a heap string. */
static char *shorten(const char *s, size_t max)
{
	size_t len = strlen(s), at = 0, space = 0, used;
	for (size_t n = 0; at < len && n + 1 < max; n++) {
		utf8_decode(s + at, len - at, &used);
		if (s[at] == ' ')
			space = at;
		at += used;
	}
	if (space > at / 2)   /* a word boundary not too far back */
		at = space;
	while (at && s[at - 1] == ' ')
		at--;
	char *cut = xstrndup(s, at), *r = xconcat(cut, "\xe2\x80\xa6", NULL);   /* U+2026 */
	free(cut);
	return r;
}

/* The `zim` text `t` in language `lang` (the source text for the
 * multilingual ZIM, or where there is no translation) into *out (a heap
 * string), checked against Kiwix's limit: a text site.yaml gives under `zim`
 * must fit in every translation; the site's title standing in for one is
 * shortened instead. */
static int meta_text(const struct project *p, size_t lang, const struct text *t,
                     int own, const char *what, size_t max, char **out, struct err *e)
{
	const struct catalog *c = lang != ZIM_ALL_LANGS && p->cats ? p->cats[lang] : NULL;
	const char *text = c ? catalog_text(c, NULL, t->src, NULL) : t->src;
	size_t n = utf8_length(text);
	*out = NULL;
	if (n <= max) {
		*out = xstrdup(text);
		return 0;
	}
	if (!own) {
		*out = shorten(text, max);
		return 0;
	}
	char shown[160];
	utf8_escape(t->src, strlen(t->src), 60, shown, sizeof shown);
	return err_set(e, c && p->po_paths[lang] ? p->po_paths[lang] : p->site.path, 0,
	               "the %s translation of \"%s\", the ZIM's %s, is %zu characters long; "
	               "Kiwix takes at most %zu: shorten it",
	               c ? p->site.langs[lang].code : "source", shown, what, n, max);
}

/* ---- the illustration ------------------------------------------------- */

/* The 48x48 PNG Kiwix shows beside the title in its library: an open book
 * in the site header's colours, assets/zim/illustration-48x48.png (a file,
 * so that drawing it takes no graphics library into crsv-gen, and a
 * mission can put its own there).  Checked: Kiwix wants exactly a 48x48
 * PNG. */
static int write_icon(const struct project *p, const char *path, struct err *e)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	char *src = fs_join(p->paths.assets, "zim/" ICON), *png;
	size_t len;
	int rc = fs_read(src, &png, &len, e);
	if (rc == 0) {
		const unsigned char *u = (const unsigned char *)png;
		unsigned long w = len >= 24 ? (unsigned long)u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19] : 0;
		unsigned long h = len >= 24 ? (unsigned long)u[20] << 24 | u[21] << 16 | u[22] << 8 | u[23] : 0;
		if (len < 24 || memcmp(png, sig, 8) || memcmp(png + 12, "IHDR", 4))
			rc = err_set(e, src, 0, "the ZIM's illustration must be a PNG image");
		else if (w != 48 || h != 48)
			rc = err_set(e, src, 0, "the ZIM's illustration is %lux%lu; Kiwix takes 48x48", w, h);
		else
			rc = fs_write(path, png, len, e);
		free(png);
	}
	free(src);
	return rc;
}

/* ---- the staging tree ------------------------------------------------- */

struct stage {
	const struct project *p;
	size_t lang;   /* or ZIM_ALL_LANGS */
};

/* 1 when the site's file or folder `rel` (relative to its root) belongs in
 * the ZIM. */
static int wanted(const struct stage *st, const char *rel)
{
	const struct site *s = &st->p->site;
	if (!strcmp(rel, "sitemap.xml"))
		return 0;
	if (st->lang == ZIM_ALL_LANGS)
		return 1;
	const char *code = s->langs[st->lang].code;
	if (!strcmp(rel, "index.html"))   /* the language picker */
		return 0;
	if (!strncmp(rel, "audio/", 6) && !strchr(rel + 6, '/'))
		return !strcmp(rel + 6, code);
	return !site_lang(s, rel) || !strcmp(rel, code);
}

/* The last `needle` that starts in [from, to), or NULL. */
static const char *rfind(const char *from, const char *to, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *q = to; q-- > from;)
		if (!strncmp(q, needle, n))
			return q;
	return NULL;
}

/* A page of language `keep` without what points at the other languages: each
 * <link ... hreflang="xx"> (an alternate), and each <li> holding an
 * <a ... hreflang="xx"> (the language switch) or, outside a list, that
 * <a>...</a> alone, with the line break after it.  The templates put
 * hreflang on exactly these (head.html, header.html). */
static void drop_foreign(const char *s, const char *keep, struct buf *out)
{
	const char *pos = s, *h;
	size_t klen = strlen(keep);
	while ((h = strstr(pos, " hreflang=\""))) {
		const char *code = h + 11, *q = strchr(code, '"');
		const char *tag = rfind(pos, h, "<"), *from = NULL, *to = NULL;
		if (!q)
			break;
		int foreign = (size_t)(q - code) != klen || strncmp(code, keep, klen);
		if (foreign && tag && !strncmp(tag, "<link ", 6)) {
			from = tag;
			to = strchr(q, '>');
			to = to ? to + 1 : NULL;
		} else if (foreign && tag && !strncmp(tag, "<a ", 3)) {
			const char *li = rfind(pos, tag, "<li"), *end = strstr(q, "</a>");
			if (li && rfind(li, tag, "</li>"))
				li = NULL;
			to = end ? (li ? strstr(end, "</li>") : end) : NULL;
			from = li ? li : tag;
			to = to ? to + (li ? 5 : 4) : NULL;
		}
		if (!to) {   /* kept: this language, or an element not known here */
			buf_put(out, pos, (size_t)(q + 1 - pos));
			pos = q + 1;
			continue;
		}
		buf_put(out, pos, (size_t)(from - pos));
		pos = to + (*to == '\n');
	}
	buf_puts(out, pos);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* Copy the site's folder `from` (at `rel` in the site; "" for its root)
 * to `to`, keeping what belongs in the ZIM; a language's pages through
 * drop_foreign. */
static int stage_tree(const struct stage *st, const char *from, const char *to,
                      const char *rel, struct err *e)
{
	char **names = NULL;
	size_t n = 0;
	int rc = 0;
	if (fs_mkdirs(to, e) < 0 || fs_list(from, &names, &n, e) < 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		char *r = *rel ? xconcat(rel, "/", names[i], NULL) : xstrdup(names[i]);
		char *src = fs_join(from, names[i]), *dst = fs_join(to, names[i]);
		if (!wanted(st, r)) {
			/* left out */
		} else if (fs_is_dir(src)) {
			rc = stage_tree(st, src, dst, r, e);
		} else if (st->lang != ZIM_ALL_LANGS && strchr(r, '/') && has_suffix(r, ".html")) {
			char *data;
			size_t len;
			struct buf b = {0};
			if ((rc = fs_read(src, &data, &len, e)) == 0) {
				drop_foreign(data, st->p->site.langs[st->lang].code, &b);
				rc = fs_write(dst, b.data ? b.data : "", b.len, e);
				free(data);
				buf_free(&b);
			}
		} else {
			rc = fs_copy_file(src, dst, e);
		}
		free(r);
		free(src);
		free(dst);
	}
	fs_list_free(names, n);
	return rc;
}

/* ---- running zimwriterfs ---------------------------------------------- */

/* What zimwriterfs wrote to stderr (`log`), on one line, its end kept
 * when long, into `e`. */
static int tool_failed(const char *path, const char *log, int status, struct err *e)
{
	char *data = NULL;
	size_t len = 0;
	if (fs_read(log, &data, &len, NULL) < 0)
		len = 0;
	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n' || data[i] == '\r' || data[i] == '\t')
			data[i] = ' ';
	while (len && data[len - 1] == ' ')
		len--;
	size_t from = len > 600 ? len - 600 : 0;
	char said[700];
	utf8_escape(data ? data + from : "", len - from, 600, said, sizeof said);
	if (WIFEXITED(status))
		err_set(e, path, 0, TOOL " failed (exit %d)%s%s", WEXITSTATUS(status),
		        len ? ": " : "", said);
	else
		err_set(e, path, 0, TOOL " was stopped by signal %d%s%s",
		        WIFSIGNALED(status) ? WTERMSIG(status) : 0, len ? ": " : "", said);
	free(data);
	return -1;
}

/* Run `argv` (argv[0] the full path), no shell, stdin and stdout on
 * /dev/null and stderr into the file `log`; its wait status in *status. */
static int run(char *const argv[], const char *log, int *status, struct err *e)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return err_set(e, argv[0], 0, "cannot run: %s", strerror(rc));
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return err_set(e, argv[0], 0, "cannot wait for it: %s", strerror(errno));
	return 0;
}

static int write_zim(const struct project *p, const char *site, size_t lang,
                     const char *path, struct err *e)
{
	const struct site *s = &p->site;
	const int all = lang == ZIM_ALL_LANGS;
	char *title = NULL, *description = NULL;
	struct stage st = { p, lang };
	struct buf langs = {0};
	char *exe = tool_path();
	char *stage = xasprintf("%s.stage-%ld", path, (long)getpid());
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	char *tmp2 = xconcat(tmp, ".tmp", NULL);   /* libzim's own, while it writes */
	char *log = xconcat(tmp, ".log", NULL);
	char *icon = fs_join(stage, ICON);
	char *name = xconcat("crsv-kit_", all ? "mul" : s->langs[lang].code, "_all", NULL);
	char *welcome = all ? xstrdup("index.html")
	                    : xconcat(s->langs[lang].code, "/index.html", NULL);
	int status = 0, rc = -1;

	if (!exe) {
		err_set(e, path, 0, TOOL " is not on PATH (Debian: apt-get install zim-tools)");
		goto out;
	}
	for (size_t i = 0; i < s->nlangs; i++)
		if ((all || i == lang) && iso639_3(s, &s->langs[i], &langs, e) < 0)
			goto out;
	if (meta_text(p, lang, &s->zim.title, s->zim.title_set, "title", ZIM_TITLE_MAX,
	              &title, e) < 0 ||
	    meta_text(p, lang, &s->zim.description, s->zim.description_set, "description",
	              ZIM_DESCRIPTION_MAX, &description, e) < 0 ||
	    fs_remove_tree(stage, e) < 0 || stage_tree(&st, site, stage, "", e) < 0 ||
	    write_icon(p, icon, e) < 0)
		goto out;
	char *argv[32];
	int n = 0;
	argv[n++] = exe;
	argv[n++] = "--welcome";      argv[n++] = welcome;
	argv[n++] = "--illustration"; argv[n++] = ICON;
	argv[n++] = "--language";     argv[n++] = langs.data;
	argv[n++] = "--title";        argv[n++] = title;
	argv[n++] = "--description";  argv[n++] = description;
	argv[n++] = "--creator";      argv[n++] = s->zim.creator;
	argv[n++] = "--publisher";    argv[n++] = s->zim.publisher;
	argv[n++] = "--name";         argv[n++] = name;
	argv[n++] = "--tags";         argv[n++] = "_category:other;training";
	argv[n++] = "--scraper";      argv[n++] = "crsv-gen";
	if (s->base_url) {
		argv[n++] = "--source";
		argv[n++] = s->base_url;
	}
	/* one thread: its entries then come out in the same order on every
	 * build (the package workers already run two tasks at once) */
	argv[n++] = "--threads";      argv[n++] = "1";
	argv[n++] = stage;
	argv[n++] = tmp;
	argv[n] = NULL;
	if (run(argv, log, &status, e) < 0)
		goto out;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs_is_file(tmp)) {
		tool_failed(path, log, status, e);
		goto out;
	}
	if (rename(tmp, path) < 0) {
		err_set(e, path, 0, "cannot rename %s into place: %s", tmp, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		unlink(tmp);
		unlink(tmp2);
	}
	unlink(log);
	fs_remove_tree(stage, NULL);
	buf_free(&langs);
	free(title);
	free(description);
	free(exe);
	free(stage);
	free(tmp);
	free(tmp2);
	free(log);
	free(icon);
	free(name);
	free(welcome);
	return rc;
}

int emit_zim(const struct emit_job *j, struct err *e)
{
	return write_zim(j->p, j->site_dir, j->lang, j->path, e);
}

int emit_zim_mul(const struct emit_job *j, struct err *e)
{
	return write_zim(j->p, j->site_dir, ZIM_ALL_LANGS, j->path, e);
}
