/*
 * main.c - crsv-gen's command line: a table of commands, option parsing,
 * and the only place that prints errors or exits.
 */
#include "build.h"
#include "buf.h"
#include "extract.h"
#include "fs.h"
#include "lint.h"
#include "project.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef CRSV_DATADIR
#define CRSV_DATADIR "/usr/local/share/crsv-kit"
#endif
#ifndef CRSV_VERSION
#define CRSV_VERSION "0.1"
#endif

struct options {
	struct paths paths;
	struct site_options site;
};

struct command {
	const char *name;
	const char *summary;
	int catalogs;   /* needs the PO files read */
	int (*run)(const struct project *p, const struct options *o);
};

static void print_errlist(const struct errlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		err_print(&l->v[i]);
}

static int cmd_build(const struct project *p, const struct options *o)
{
	struct errlist errs = {0}, warnings = {0};
	struct err e = {0};
	lint_project(p, &warnings);
	for (size_t i = 0; i < warnings.n; i++)
		err_print_warning(&warnings.v[i]);
	errlist_free(&warnings);
	int rc = build_run(p, &o->site, &errs, &e);
	if (rc < 0) {
		if (errs.n) {
			print_errlist(&errs);
			fprintf(stderr, "crsv-gen: %zu problem(s) in critical modules; "
			        "fix the translations or build with --allow-incomplete\n", errs.n);
		} else {
			err_print(&e);
		}
		fprintf(stderr, "crsv-gen: build failed; %s/ was left as it was\n", p->paths.out);
	} else {
		printf("site: %s/site/index.html\n", p->paths.out);
		if (!o->site.no_packages)
			printf("packages: %s/packages/\n", p->paths.out);
	}
	errlist_free(&errs);
	return rc < 0 ? 1 : 0;
}

static int cmd_extract(const struct project *p, const struct options *o)
{
	struct err e = {0};
	(void)o;
	if (extract_run(p, stdout, &e) < 0) {
		err_print(&e);
		return 1;
	}
	return 0;
}

static int cmd_status(const struct project *p, const struct options *o)
{
	(void)o;
	status_print(p, stdout);
	return 0;
}

static const struct command commands[] = {
	{ "build", "build the site into OUT/site/", 1, cmd_build },
	{ "extract", "write LOCALES/crsv.pot and merge it into each LOCALES/<lang>.po", 0, cmd_extract },
	{ "status", "print translated / fuzzy / untranslated counts per language and module", 1, cmd_status },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: crsv-gen COMMAND [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\noptions:\n"
	        "  --content DIR        source content (default: content)\n"
	        "  --locales DIR        PO files (default: locales)\n"
	        "  --out DIR            output folder (default: out)\n"
	        "  --assets DIR         templates, css and ui.yaml (default: ./assets if present,\n"
	        "                       else %s/assets)\n"
	        "  --cache DIR          compiled translations, reused while the PO files are\n"
	        "                       unchanged (default: OUT/.cache)\n"
	        "  --allow-incomplete   build even if a critical module is not fully translated\n"
	        "  --no-packages        build the site only; OUT/packages/ is left as it was\n"
	        "  -h, --help           this help\n"
	        "  --version            the version\n", CRSV_DATADIR);
}

static const char *default_assets(void)
{
	const char *env = getenv("CRSV_ASSETS");
	if (env && *env)
		return env;
	if (fs_is_file("assets/ui.yaml"))
		return "assets";
	return CRSV_DATADIR "/assets";
}

/* Parse options after the command; -1 on a bad one (already reported). */
static int parse_options(int argc, char **argv, struct options *o)
{
	o->paths = (struct paths){ "content", "locales", default_assets(), "out", NULL };
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = !strcmp(a, "--content") ? &o->paths.content :
		                    !strcmp(a, "--locales") ? &o->paths.locales :
		                    !strcmp(a, "--out") ? &o->paths.out :
		                    !strcmp(a, "--assets") ? &o->paths.assets :
		                    !strcmp(a, "--cache") ? &o->paths.cache : NULL;
		if (slot) {
			if (i + 1 >= argc || !*argv[i + 1]) {
				fprintf(stderr, "crsv-gen: %s needs a folder\n", a);
				return -1;
			}
			*slot = argv[++i];
		} else if (!strcmp(a, "--allow-incomplete")) {
			o->site.allow_incomplete = 1;
		} else if (!strcmp(a, "--no-packages")) {
			o->site.no_packages = 1;
		} else {
			fprintf(stderr, "crsv-gen: unknown option \"%s\" (see crsv-gen --help)\n", a);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	struct project p;
	struct err e = {0};
	const struct command *cmd = NULL;
	int rc;

	/* zip stores local times: make them the same on every machine */
	setenv("TZ", "UTC0", 1);
	tzset();
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("crsv-gen %s\n", CRSV_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (!strcmp(argv[1], commands[i].name))
			cmd = &commands[i];
	if (!cmd) {
		fprintf(stderr, "crsv-gen: unknown command \"%s\"\n", argv[1]);
		usage(stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		}
	if (parse_options(argc, argv, &o) < 0)
		return 2;
	if (project_load(&p, &o.paths, cmd->catalogs, &e) < 0) {
		if (p.problems.n)
			print_errlist(&p.problems);
		else
			err_print(&e);
		project_free(&p);
		return 1;
	}
	rc = cmd->run(&p, &o);
	project_free(&p);
	return rc;
}
