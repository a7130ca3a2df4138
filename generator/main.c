/*
 * main.c - crsv-gen's command line: a table of commands, each with its own
 * option table and handler (git style: `crsv-gen help CMD` prints one
 * command's options), and the only place that prints errors or exits.
 *
 * The content commands (build, extract, status) load the project; the
 * officer's commands (merge) work on records files and load nothing else.
 */
#include "build.h"
#include "buf.h"
#include "certify.h"
#include "emit_zim.h"
#include "extract.h"
#include "fs.h"
#include "lint.h"
#include "merge.h"
#include "narrate.h"
#include "narration.h"
#include "report.h"
#include "sign.h"
#include "project.h"
#include "status.h"
#include "uptodate.h"
#include "verify.h"
#include "xapi.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef CRSV_DATADIR
#define CRSV_DATADIR "/usr/local/share/crsv-kit"
#endif
#ifndef CRSV_VERSION
#define CRSV_VERSION "0.1"
#endif

/* Everything any command's options can set; each command's table names the
 * fields it takes. */
struct args {
	struct paths paths;
	struct build_options build;
	const char *into;       /* merge: the master records file */
	const char *keygen_out; /* keygen: the keys' folder */
	const char *valid_days; /* build --valid-days, as typed */
	struct report_options report;
	struct certify_options certify;
	struct verify_options verify;
	struct xapi_options xapi;
	struct narrate_options narrate;
	char **files;           /* positional arguments (borrowed from argv) */
	size_t nfiles;
	int force;              /* build: even when nothing changed */
	int argc;               /* the whole command line (main's) */
	char **argv;
};

enum opt_kind { OPT_PATH, OPT_FLAG };

struct opt {
	const char *name;       /* "--content" */
	enum opt_kind kind;
	size_t offset;          /* of the const char * or int it sets in struct args */
	const char *arg;        /* the value's name in the help: "DIR", "FILE" */
	const char *help;
};

struct command {
	const char *name;
	const char *summary;
	const struct opt *opts; /* ends with a NULL name */
	const char *positional; /* the name of file arguments in the help, or NULL */
	int (*run)(struct args *a);
};

/* ---- option tables ---------------------------------------------------- */

#define PATH_OPT(n, field, arg, help) { n, OPT_PATH, offsetof(struct args, field), arg, help }
#define FLAG_OPT(n, field, help) { n, OPT_FLAG, offsetof(struct args, field), NULL, help }

#define CONTENT_OPTS \
	PATH_OPT("--content", paths.content, "DIR", "source content (default: content)"), \
	PATH_OPT("--locales", paths.locales, "DIR", "PO files (default: locales)"), \
	PATH_OPT("--assets", paths.assets, "DIR", "templates, css and ui.yaml (default: " \
	         "./assets if present, else " CRSV_DATADIR "/assets)")
#define OUT_OPTS \
	PATH_OPT("--out", paths.out, "DIR", "output folder (default: out)"), \
	PATH_OPT("--cache", paths.cache, "DIR", "compiled translations, reused while the PO " \
	         "files are unchanged (default: OUT/.cache)")

static const struct opt build_opts[] = {
	CONTENT_OPTS, OUT_OPTS,
	FLAG_OPT("--allow-incomplete", build.allow_incomplete,
	         "build even if a critical module is not fully translated"),
	FLAG_OPT("--no-packages", build.no_packages,
	         "build the site only; OUT/packages/ is left as it was"),
	FLAG_OPT("--force", force, "build even when nothing changed since the last build "
	         "(out/.crsv-build says what it read and wrote)"),
	PATH_OPT("--sign", build.sign_key, "KEY", "sign the kiosk bundle and SHA256SUMS with this "
	         "secret key (crsv-gen keygen); minisign -V checks them"),
	PATH_OPT("--next-key", build.next_key, "PUB", "with --sign: the new content key (its .pub) "
	         "that kiosks trust from this bundle on, retiring the signing key once they show "
	         "a bundle it signed"),
	PATH_OPT("--issuer", build.issuer_key, "KEY", "the certificate issuer's public key "
	         "(issuer.pub or issuer.did): verify.html checks certificates against it"),
	PATH_OPT("--valid-days", valid_days, "N", "with --sign: the content expires after N days "
	         "(kiosks warn then)"),
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

static const struct opt keygen_opts[] = {
	PATH_OPT("--out", keygen_out, "DIR", "where to write content.key and issuer.key (secret, "
	         "mode 0600), with their .pub, .minisign.pub and .did"),
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

static const struct opt extract_opts[] = {
	CONTENT_OPTS,
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

static const struct opt status_opts[] = {
	CONTENT_OPTS, OUT_OPTS,
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

static const struct opt narrate_opts[] = {
	CONTENT_OPTS,
	PATH_OPT("--lang", narrate.lang, "CODE", "the language to narrate (one of site.yaml's)"),
	PATH_OPT("--script", narrate.script, "FILE.csv", "write what is left to record, in "
	         "order, for the narrator: FILE.csv and a printable FILE.html"),
	FLAG_OPT("--synthesize", narrate.synthesize, "fill the units with no voice with "
	         "espeak-ng (stored apart, marked synthetic: a draft, never the final voice)"),
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

static const struct opt merge_opts[] = {
	PATH_OPT("--into", into, "MASTER.db", "the officer's master records file "
	         "(created when missing)"),
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

static const struct opt report_opts[] = {
	PATH_OPT("--records", report.records, "MASTER.db", "the master records file (or one "
	         "kiosk's records)"),
	PATH_OPT("--out", report.out, "DIR", "the report folder (written aside, then swapped in)"),
	PATH_OPT("--content", report.content, "DIR", "module titles from this content "
	         "(default: module keys)"),
	PATH_OPT("--locales", report.locales, "DIR", "PO files (default: locales)"),
	PATH_OPT("--assets", paths.assets, "DIR", "templates, css and ui.yaml"),
	PATH_OPT("--lang", report.lang, "CODE", "the report's language (default: the source's)"),
	PATH_OPT("--from", report.from, "YYYY-MM-DD", "only records from this day"),
	PATH_OPT("--to", report.to, "YYYY-MM-DD", "only records up to this day"),
	PATH_OPT("--roster", report.roster, "FILE.csv", "who is expected: a person_ref column "
	         "and any others (unit, due date); the report says who has not passed which "
	         "personnel track (needs --content)"),
	FLAG_OPT("--no-person-ids", report.no_person_ids, "people as stable pseudonyms "
	         "(HMAC-SHA256, key beside the master in MASTER.db.key), for reports that leave"),
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

static const struct opt certify_opts[] = {
	PATH_OPT("--records", certify.records, "MASTER.db", "the master records file"),
	PATH_OPT("--key", certify.key, "KEY", "the issuer's secret key (issuer.key from "
	         "crsv-gen keygen)"),
	PATH_OPT("--out", certify.out, "DIR", "where to write <id>.json, <id>.pdf, <id>.txt "
	         "and certificates.csv"),
	CONTENT_OPTS,
	PATH_OPT("--person", certify.person, "REF", "only this person (the ID typed at the kiosk)"),
	PATH_OPT("--track", certify.track, "ID", "only this track, or one module (track/NN-id); "
	         "default: every track for personnel"),
	PATH_OPT("--lang", certify.lang, "CODE", "every certificate in this language (default: "
	         "the one the person took the quizzes in)"),
	PATH_OPT("--valid-days", certify.valid_days, "N", "valid for N days from today "
	         "(default: 730)"),
	PATH_OPT("--paper", certify.paper, "SIZE", "a4 (default) or letter"),
	PATH_OPT("--issuer-name", certify.issuer_name, "NAME", "who issues them (default: the "
	         "site's title)"),
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

static const struct opt verify_opts[] = {
	PATH_OPT("--issuer", verify.issuer, "KEY", "the issuer's public key you trust (issuer.pub "
	         "or issuer.did), or a folder of them"),
	PATH_OPT("--person", verify.person, "REF", "also check that it was issued to this ID"),
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

static const struct opt xapi_opts[] = {
	PATH_OPT("--records", xapi.records, "MASTER.db", "the master records file"),
	PATH_OPT("--out", xapi.out, "FILE.jsonl", "write the statements, one per line; or"),
	PATH_OPT("--lrs", xapi.lrs, "URL", "send them to this LRS's xAPI endpoint (the address "
	         "before /statements); what it acknowledged is kept in the master"),
	PATH_OPT("--user", xapi.user, "USER", "Basic authentication: the user (the LRS's key)"),
	PATH_OPT("--password-file", xapi.password_file, "FILE", "... and a file holding its "
	         "password (its secret): never on the command line"),
	PATH_OPT("--token-file", xapi.token_file, "FILE", "or a file holding a bearer token"),
	PATH_OPT("--base", xapi.base, "IRI", "the deployment's address, for activity ids and "
	         "accounts (default: base_url in site.yaml)"),
	CONTENT_OPTS,
	FLAG_OPT("--person-ids", xapi.person_ids, "person refs as typed at the kiosk (default: the "
	         "report's pseudonyms, keyed by MASTER.db.key)"),
	PATH_OPT("--batch", xapi.batch, "N", "statements per request (default 200)"),
	PATH_OPT("--tries", xapi.tries, "N", "tries per request while the LRS is busy or away, "
	         "waiting twice as long each time (default 8)"),
	{ NULL, OPT_FLAG, 0, NULL, NULL }
};

/* ---- the content commands --------------------------------------------- */

static void print_errlist(const struct errlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		err_print(&l->v[i]);
}

/* Load the project for a content command; 1 (already reported) on failure. */
static int load(struct project *p, const struct args *a, int catalogs)
{
	struct err e = {0};
	if (project_load(p, &a->paths, catalogs, &e) == 0)
		return 0;
	if (p->problems.n)
		print_errlist(&p->problems);
	else
		err_print(&e);
	project_free(p);
	return 1;
}

static int cmd_build(struct args *a)
{
	struct project p;
	struct errlist errs = {0}, warnings = {0};
	struct err e = {0};
	if (a->valid_days) {
		char *end;
		long days = strtol(a->valid_days, &end, 10);
		if (*end || end == a->valid_days || days < 1 || days > 3650 || !a->build.sign_key) {
			fprintf(stderr, "crsv-gen: --valid-days takes 1 to 3650 days, with --sign\n");
			return 2;
		}
		a->build.valid_days = (int)days;
	}
	/* nothing changed since the last build: say so, with its warnings */
	uint64_t inputs;
	char *said = NULL;
	if (a->force)
		inputs = uptodate_inputs(&a->paths, a->argc, a->argv);
	else if (uptodate_check(a->paths.out, &a->paths, a->argc, a->argv, &inputs, &said)) {
		fputs(said, stderr);
		free(said);
		printf("site: %s/site/index.html (up to date)\n", a->paths.out);
		return 0;
	}
	if (load(&p, a, 1))
		return 1;
	lint_project(&p, &warnings);
	struct buf warned = {0};
	for (size_t i = 0; i < warnings.n; i++) {
		char line[1700];
		err_format_warning(&warnings.v[i], line, sizeof line);
		fprintf(stderr, "%s\n", line);
		buf_printf(&warned, "%s\n", line);
	}
	errlist_free(&warnings);
	int rc = build_run(&p, &a->build, &errs, &e);
	if (rc < 0) {
		if (errs.n) {
			print_errlist(&errs);
			fprintf(stderr, "crsv-gen: %zu problem(s) in critical modules; "
			        "fix the translations and narration, or build with "
			        "--allow-incomplete\n", errs.n);
		} else {
			err_print(&e);
		}
		fprintf(stderr, "crsv-gen: build failed; %s/ was left as it was\n", p.paths.out);
	} else {
		printf("site: %s/site/index.html\n", p.paths.out);
		if (!a->build.no_packages)
			printf("packages: %s/packages/\n", p.paths.out);
		if (!a->build.no_packages && !emit_zim_possible()) {
			const char *note = "crsv-gen: note: no ZIM files for Kiwix: zimwriterfs is not "
			                   "on PATH (Debian: apt-get install zim-tools)\n";
			fputs(note, stderr);
			buf_puts(&warned, note);
		}
		buf_putc(&warned, '\0');
		uptodate_record(p.paths.out, inputs, warned.data);
	}
	buf_free(&warned);
	errlist_free(&errs);
	project_free(&p);
	return rc < 0 ? 1 : 0;
}

static int cmd_extract(struct args *a)
{
	struct project p;
	struct err e = {0};
	int rc = 0;
	if (load(&p, a, 0))
		return 1;
	if (extract_run(&p, stdout, &e) < 0) {
		err_print(&e);
		rc = 1;
	}
	project_free(&p);
	return rc;
}

static int cmd_status(struct args *a)
{
	struct project p;
	if (load(&p, a, 1))
		return 1;
	status_print(&p, stdout);
	narration_print_status(&p, stdout);
	project_free(&p);
	return 0;
}

#ifndef CRSV_CORE
static int cmd_narrate(struct args *a)
{
	struct project p;
	struct err e = {0};
	int rc = 0;
	if (load(&p, a, 1))
		return 1;
	if (narrate_run(&p, &a->narrate, stdout, &e) < 0) {
		err_print(&e);
		rc = 1;
	}
	project_free(&p);
	return rc;
}
#endif

/* ---- the officer's commands ------------------------------------------- */

static void progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\rmerge: %zu / %zu files", done, total);
	if (done == total)
		fputc('\n', stderr);
}

static int cmd_merge(struct args *a)
{
	struct merge_summary sum;
	struct errlist skipped = {0}, warnings = {0};
	struct err e = {0};
	if (!a->into) {
		fprintf(stderr, "crsv-gen: merge needs --into MASTER.db (see crsv-gen help merge)\n");
		return 2;
	}
	if (!a->nfiles) {
		fprintf(stderr, "crsv-gen: merge needs at least one records file or folder "
		        "(see crsv-gen help merge)\n");
		return 2;
	}
	int rc = merge_run(a->into, (const char *const *)a->files, a->nfiles,
	                   isatty(2) ? progress : NULL, NULL, &sum, &skipped, &warnings, &e);
	for (size_t i = 0; i < skipped.n; i++)
		err_print(&skipped.v[i]);
	for (size_t i = 0; i < warnings.n; i++)
		err_print_warning(&warnings.v[i]);
	errlist_free(&skipped);
	errlist_free(&warnings);
	if (rc < 0) {
		err_print(&e);
		fprintf(stderr, "crsv-gen: merge failed; %s was left as it was\n", a->into);
		return 1;
	}
	char line[512];
	merge_summary_line(&sum, line, sizeof line);
	printf("%s\n", line);
	return sum.skipped || sum.tampered ? 1 : 0;
}

static int cmd_report(struct args *a)
{
	struct err e = {0};
	a->report.assets = a->paths.assets;
	if (!a->report.locales)
		a->report.locales = a->paths.locales;
	if (!a->report.records || !a->report.out) {
		fprintf(stderr, "crsv-gen: report needs --records MASTER.db and --out DIR "
		        "(see crsv-gen help report)\n");
		return 2;
	}
	if (report_run(&a->report, &e) < 0) {
		err_print(&e);
		fprintf(stderr, "crsv-gen: report failed; %s/ was left as it was\n", a->report.out);
		return 1;
	}
	printf("report: %s/index.html\n", a->report.out);
	return 0;
}

#ifndef CRSV_CORE
static int cmd_certify(struct args *a)
{
	struct err e = {0};
	struct certify_options *o = &a->certify;
	o->content = a->paths.content;
	o->locales = a->paths.locales;
	o->assets = a->paths.assets;
	int n = certify_run(o, &e);
	if (n < 0) {
		err_print(&e);
		fprintf(stderr, "crsv-gen: certify failed\n");
		return 1;
	}
	printf("certify: %d certificate%s in %s/ (certificates.csv lists them)\n", n,
	       n == 1 ? "" : "s", o->out);
	return 0;
}
#endif

static int cmd_verify(struct args *a)
{
	struct err e = {0};
	struct buf said = {0};
	a->verify.file = a->nfiles == 1 ? a->files[0] : NULL;
	if (a->nfiles > 1) {
		fprintf(stderr, "crsv-gen: verify checks one FILE at a time\n");
		return 2;
	}
	int rc = verify_run(&a->verify, &said, &e);
	buf_putc(&said, '\0');
	if (rc == 0)   /* what it claims, only when it holds */
		printf("%sVALID\n", said.data);
	buf_free(&said);
	if (rc < 0) {
		err_print(&e);
		fprintf(stderr, "crsv-gen: NOT VALID: this certificate proves nothing\n");
		return 1;
	}
	return 0;
}

#ifndef CRSV_CORE
static int cmd_xapi(struct args *a)
{
	struct err e = {0};
	struct errlist problems = {0};
	struct xapi_summary sum;
	struct xapi_options *o = &a->xapi;
	o->content = a->paths.content;
	o->locales = a->paths.locales;
	o->assets = a->paths.assets;
	int rc = xapi_run(o, &sum, &problems, &e);
	print_errlist(&problems);
	errlist_free(&problems);
	if (rc < 0) {
		err_print(&e);
		if (sum.stored)
			fprintf(stderr, "crsv-gen: xapi stopped after %ld statements stored; run it "
			        "again to go on from there\n", sum.stored);
		else
			fprintf(stderr, "crsv-gen: xapi failed\n");
		return 1;
	}
	if (o->out)
		printf("xapi: %ld statements in %s\n", sum.statements, o->out);
	else
		printf("xapi: %ld statements: %ld stored, %ld there already, %ld conflicts, %ld "
		       "refused; %ld requests, %ld retried; %.1f s\n", sum.statements, sum.stored,
		       sum.already, sum.conflicts, sum.refused, sum.requests, sum.retries, sum.seconds);
	return rc;
}
#endif

/* Two key pairs: one signs content (bundles, package lists), one issues
 * certificates; an existing secret key is never overwritten. */
static int cmd_keygen(struct args *a)
{
	static const char *const names[] = { "content", "issuer" };
	struct err e = {0};
	if (!a->keygen_out) {
		fprintf(stderr, "crsv-gen: keygen needs --out DIR (see crsv-gen help keygen)\n");
		return 2;
	}
	for (int i = 0; i < 2; i++) {
		char *file = xconcat(names[i], ".key", NULL), *path = fs_join(a->keygen_out, file);
		int exists = fs_is_file(path);
		free(file);
		if (exists) {
			err_set(&e, path, 0, "a key is there already: move it away first (a lost "
			        "secret key cannot be made again)");
			free(path);
			err_print(&e);
			return 1;
		}
		free(path);
	}
	for (int i = 0; i < 2; i++) {
		struct sign_key k;
		char id[2 * SIGN_ID_SIZE + 1];
		if (sign_key_new(&k, &e) < 0 || sign_key_write(&k, a->keygen_out, names[i], &e) < 0) {
			memset(&k, 0, sizeof k);
			err_print(&e);
			return 1;
		}
		sign_key_id_hex(&k, id);
		memset(&k, 0, sizeof k);
		printf("keygen: %s/%s.key (secret: keep it offline), %s.pub, %s.minisign.pub, %s.did, "
		       "key id %s\n", a->keygen_out, names[i], names[i], names[i], names[i], id);
	}
	return 0;
}

/* ---- the commands with heavy libraries ---------------------------------- */

/* narrate (eSpeak NG), certify (Pango, Cairo) and xapi (libcurl and its TLS)
 * need libraries that take three quarters of what crsv-gen maps at start
 * and most of its start-up time, so, as git leaves https to
 * git-remote-https, the crsv-gen that builds (CRSV_CORE) runs those three
 * commands through crsv-gen-tools, the same program with every library:
 * beside crsv-gen, else in CRSV_LIBEXECDIR. */
#ifdef CRSV_CORE
#ifndef CRSV_LIBEXECDIR
#define CRSV_LIBEXECDIR "/usr/local/lib/crsv-kit"
#endif
#define TOOLS_NAME "crsv-gen-tools"

static int run_in_tools(struct args *a)
{
	char self[4096], *tools;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash = n > 0 ? (self[n] = '\0', strrchr(self, '/')) : NULL;
	tools = slash ? xasprintf("%.*s/" TOOLS_NAME, (int)(slash - self), self) : NULL;
	if (!tools || access(tools, X_OK) < 0) {
		free(tools);
		tools = xstrdup(CRSV_LIBEXECDIR "/" TOOLS_NAME);
	}
	execv(tools, a->argv);
	fprintf(stderr, "crsv-gen: %s needs %s: %s (make install puts it there)\n",
	        a->argv[1], tools, strerror(errno));
	free(tools);
	return 1;
}
#define cmd_narrate run_in_tools
#define cmd_certify run_in_tools
#define cmd_xapi run_in_tools
#endif

static const struct command commands[] = {
	{ "build", "build the site and the packages into OUT/", build_opts, NULL, cmd_build },
	{ "extract", "write LOCALES/crsv.pot and merge it into each LOCALES/<lang>.po",
	  extract_opts, NULL, cmd_extract },
	{ "status", "print translated / fuzzy / untranslated counts per language and module, "
	  "and narration's recorded / synthetic / stale / missing", status_opts, NULL, cmd_status },
	{ "narrate", "take in a language's recordings, write its recording script, or fill "
	  "the gaps with a machine voice", narrate_opts, NULL, cmd_narrate },
	{ "merge", "merge kiosk records files (or folders of them) into a master records file",
	  merge_opts, "PATH...", cmd_merge },
	{ "report", "write a report of the records (pages and CSV) for a training officer",
	  report_opts, NULL, cmd_report },
	{ "keygen", "make the Ed25519 keys that sign content and issue certificates",
	  keygen_opts, NULL, cmd_keygen },
	{ "certify", "issue signed certificates (Open Badges 3.0 and PDF) to those who passed",
	  certify_opts, NULL, cmd_certify },
	{ "verify", "check a certificate (its .json or its code) offline", verify_opts, "FILE",
	  cmd_verify },
	{ "xapi", "write the records as xAPI statements, or send them to a Learning Record Store",
	  xapi_opts, NULL, cmd_xapi },
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

/* ---- help ------------------------------------------------------------- */

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: crsv-gen COMMAND [options]\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n  crsv-gen help COMMAND   the options of COMMAND\n"
	        "  crsv-gen --version      the version\n");
}

static void command_usage(FILE *f, const struct command *c)
{
	fprintf(f, "usage: crsv-gen %s [options]%s%s\n\n%s\n\noptions:\n", c->name,
	        c->positional ? " " : "", c->positional ? c->positional : "", c->summary);
	for (const struct opt *o = c->opts; o->name; o++) {
		char left[64];
		snprintf(left, sizeof left, "%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(f, "  %-22s %s\n", left, o->help);
	}
	fprintf(f, "  %-22s %s\n", "-h, --help", "this help");
}

/* ---- parsing ---------------------------------------------------------- */

static const char *default_assets(void)
{
	const char *env = getenv("CRSV_ASSETS");
	if (env && *env)
		return env;
	if (fs_is_file("assets/ui.yaml"))
		return "assets";
	return CRSV_DATADIR "/assets";
}

/* Parse the arguments after the command by its table; -1 on a bad one
 * (already reported). */
static int parse_args(const struct command *c, int argc, char **argv, struct args *a)
{
	a->paths = (struct paths){ "content", "locales", default_assets(), "out", NULL };
	a->files = xcalloc((size_t)argc, sizeof *a->files);
	for (int i = 2; i < argc; i++) {
		const char *s = argv[i];
		const struct opt *o = c->opts;
		while (o->name && strcmp(o->name, s))
			o++;
		if (o->name && o->kind == OPT_FLAG) {
			*(int *)((char *)a + o->offset) = 1;
		} else if (o->name) {
			if (i + 1 >= argc || !*argv[i + 1]) {
				fprintf(stderr, "crsv-gen: %s needs %s\n", s, o->arg);
				return -1;
			}
			*(const char **)((char *)a + o->offset) = argv[++i];
		} else if ((s[0] != '-' || !strcmp(s, "-")) && c->positional) {
			a->files[a->nfiles++] = argv[i];
		} else {
			fprintf(stderr, "crsv-gen %s: unknown %s \"%s\" (see crsv-gen help %s)\n",
			        c->name, s[0] == '-' ? "option" : "argument", s, c->name);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct args a;
	int rc;

	/* zip stores local times: make them the same on every machine */
	setenv("TZ", "UTC0", 1);
	tzset();
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("crsv-gen %s\n", CRSV_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "help")) {
		const struct command *c = argc > 2 ? find_command(argv[2]) : NULL;
		if (argc > 2 && !c) {
			fprintf(stderr, "crsv-gen: no command \"%s\"\n", argv[2]);
			usage(stderr);
			return 2;
		}
		if (c)
			command_usage(stdout, c);
		else
			usage(stdout);
		return 0;
	}
	const struct command *cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "crsv-gen: unknown command \"%s\"\n", argv[1]);
		usage(stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			command_usage(stdout, cmd);
			return 0;
		}
	memset(&a, 0, sizeof a);
	if (parse_args(cmd, argc, argv, &a) < 0) {
		free(a.files);
		return 2;
	}
	a.argc = argc;
	a.argv = argv;
	rc = cmd->run(&a);
	free(a.files);
	return rc;
}
