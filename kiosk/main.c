/*
 * main.c - crsv-kiosk: options, SDL start-up and the loop; the only place
 * that prints or exits.  Screens are app.c and screen_*.c, drawing
 * render.c, records store.c.
 */
#include "app.h"
#include "buf.h"
#include "input.h"
#include "material.h"
#include "render.h"
#include "sound.h"
#include "script.h"
#include "store.h"
#include "sign.h"
#include "utc.h"
#include "fs.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct options {
	const char *bundle, *records, *mode, *script, *export_dir, *set_name, *trust;
	int fullscreen, width, height, idle_seconds, list_widgets, set_pin;
	int rotate;   /* degrees clockwise (panel.h) */
	int read_aloud;
};

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: crsv-kiosk --bundle FILE --records FILE [options]\n"
	        "       crsv-kiosk --records FILE --set-pin    (reads the PIN on standard input)\n"
	        "       crsv-kiosk --records FILE --set-name NAME  (\"Camp A, tent 3\": names the\n"
	        "                            kiosk in its exports and the officer's reports)\n\n"
	        "  --bundle FILE        kiosk.bundle made by crsv-gen (read only)\n"
	        "  --records FILE       where completions are recorded (created if missing)\n"
	        "  --mode MODE          personnel, community or ask (default: ask)\n"
	        "  --fullscreen         fill the screen (default: a window)\n"
	        "  --size WxH           window size (default: 1280x800)\n"
	        "  --rotate DEG         turn the screens 90, 180 or 270 degrees clockwise, for a\n"
	        "                       panel mounted sideways or upside down (default: 0)\n"
	        "  --idle-seconds N     back to the start after N s untouched (default: 120)\n"
	        "  --export-dir DIR     where the admin screen exports records (default: .)\n"
	        "  --read-aloud         in a community session, read every page aloud by itself\n"
	        "                       (where the bundle has its narration)\n"
	        "  --trust KEY          show only bundles signed by this public key (a .pub or\n"
	        "                       .minisign.pub file from crsv-gen keygen, or a folder of\n"
	        "                       them); older releases than one shown are refused\n"
	        "  --script FILE        replay actions from FILE (- for standard input)\n"
	        "  --list-widgets       with --script: print the widgets after each step\n"
	        "  -h, --help           this help\n");
}

static int parse(int argc, char **argv, struct options *o)
{
	*o = (struct options){ .mode = "ask", .width = 1280, .height = 800, .idle_seconds = 120,
	                       .export_dir = "." };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "--fullscreen")) {
			o->fullscreen = 1;
		} else if (!strcmp(a, "--list-widgets")) {
			o->list_widgets = 1;
		} else if (!strcmp(a, "--set-pin")) {
			o->set_pin = 1;
		} else if (!strcmp(a, "--read-aloud")) {
			o->read_aloud = 1;
		} else if (!v) {
			fprintf(stderr, "crsv-kiosk: %s needs a value (see --help)\n", a);
			return -1;
		} else if (!strcmp(a, "--bundle")) {
			o->bundle = argv[++i];
		} else if (!strcmp(a, "--records")) {
			o->records = argv[++i];
		} else if (!strcmp(a, "--mode")) {
			o->mode = argv[++i];
		} else if (!strcmp(a, "--script")) {
			o->script = argv[++i];
		} else if (!strcmp(a, "--export-dir")) {
			o->export_dir = argv[++i];
		} else if (!strcmp(a, "--set-name")) {
			o->set_name = argv[++i];
		} else if (!strcmp(a, "--trust")) {
			o->trust = argv[++i];
		} else if (!strcmp(a, "--size")) {
			if (sscanf(argv[++i], "%dx%d", &o->width, &o->height) != 2 || o->width < 320 ||
			    o->height < 240) {
				fprintf(stderr, "crsv-kiosk: --size wants WxH, at least 320x240\n");
				return -1;
			}
		} else if (!strcmp(a, "--rotate")) {
			char *end;
			long deg = strtol(argv[++i], &end, 10);
			if (*end || !panel_rotation_valid((int)deg)) {
				fprintf(stderr, "crsv-kiosk: --rotate wants 0, 90, 180 or 270\n");
				return -1;
			}
			o->rotate = (int)deg;
		} else if (!strcmp(a, "--idle-seconds")) {
			o->idle_seconds = atoi(argv[++i]);
			if (o->idle_seconds < 1) {
				fprintf(stderr, "crsv-kiosk: --idle-seconds wants a number of seconds\n");
				return -1;
			}
		} else {
			fprintf(stderr, "crsv-kiosk: unknown option \"%s\" (see --help)\n", a);
			return -1;
		}
	}
	if (!o->records || (!o->set_pin && !o->set_name && !o->bundle)) {
		usage(stderr);
		return -1;
	}
	return 0;
}

static int64_t wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The scripted clock starts at SOURCE_DATE_EPOCH (or 2026-01-01) and moves
 * only with "wait", so runs are the same every time. */
static int64_t script_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	return (s && *s ? strtoll(s, NULL, 10) : 1767225600LL) * 1000;
}

/* The trusted public keys: one key file, or every *.pub file of a folder. */
static int load_trust(const char *path, struct sign_key **keys, size_t *n, struct err *e)
{
	char **names = NULL;
	size_t count = 0;
	*keys = NULL;
	*n = 0;
	if (!fs_is_dir(path)) {
		*keys = xcalloc(1, sizeof **keys);
		*n = 1;
		return sign_key_read(*keys, path, e);
	}
	if (fs_list(path, &names, &count, e) < 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < count; i++) {
		size_t len = strlen(names[i]);
		if (len < 5 || strcmp(names[i] + len - 4, ".pub"))
			continue;
		char *file = fs_join(path, names[i]);
		*keys = xrealloc(*keys, (*n + 1) * sizeof **keys);
		rc = sign_key_read(&(*keys)[(*n)++], file, e);
		free(file);
	}
	fs_list_free(names, count);
	if (rc == 0 && !*n)
		rc = err_set(e, path, 0, "no public key (*.pub) in this folder");
	return rc;
}

/* A signed bundle against what the kiosk remembers: an older release than
 * one shown is refused (a rollback); past its validity, judged by the
 * latest of the clock and every time seen (clocks drift), it is shown
 * with a warning. */
static int copy_keys(const struct sign_key *k, size_t n, struct sign_key **out, size_t *nout)
{
	*out = xcalloc(n ? n : 1, sizeof **out);
	memcpy(*out, k, n * sizeof *k);
	*nout = n;
	return 0;
}

static int check_release(struct material *m, struct store *st, int64_t now_ms, struct err *e)
{
	int64_t highest = 0, latest = 0, now = now_ms / 1000;
	if (store_bundle_seen(st, m->seal.is_signed ? m->seal.release : 0,
	                      now > m->seal.created ? now : m->seal.created, &highest, &latest,
	                      e) < 0)
		return -1;
	if (m->seal.is_signed && m->seal.release < highest)
		return err_set(e, "kiosk.bundle", 0, "this bundle (release %lld) is older than one "
		               "this kiosk has shown (release %lld): refused, an old bundle may hold "
		               "guidance that was corrected", (long long)m->seal.release,
		               (long long)highest);
	if (latest < now)
		latest = now;
	if (m->seal.expires >= 0 && latest > m->seal.expires) {
		m->expired = 1;
		char day[32];
		utc_format(m->seal.expires * 1000, 1, day);
		fprintf(stderr, "crsv-kiosk: warning: the bundle's content expired on %.10s: ask the "
		        "training officer for a new one\n", day);
	}
	return 0;
}

static int set_name(const struct options *o)
{
	struct store *st = NULL;
	struct err e = {0};
	if (store_open(&st, o->records, &e) < 0 || store_set_name(st, o->set_name, &e) < 0) {
		err_print(&e);
		store_close(st);
		return 1;
	}
	store_close(st);
	fprintf(stderr, "crsv-kiosk: this kiosk is now \"%s\" in %s\n", o->set_name, o->records);
	return 0;
}

static int set_pin(const struct options *o)
{
	struct store *st = NULL;
	struct err e = {0};
	char pin[64] = "", again[64] = "";
	int tty = isatty(0);
	if (tty)
		fprintf(stderr, "New admin PIN (4 to 12 digits): ");
	if (!fgets(pin, sizeof pin, stdin)) {
		fprintf(stderr, "crsv-kiosk: no PIN given\n");
		return 1;
	}
	pin[strcspn(pin, "\r\n")] = '\0';
	if (tty) {
		fprintf(stderr, "Again: ");
		if (!fgets(again, sizeof again, stdin) || (again[strcspn(again, "\r\n")] = '\0',
		                                           strcmp(pin, again))) {
			fprintf(stderr, "crsv-kiosk: the two PINs differ; nothing changed\n");
			return 1;
		}
	}
	if (store_open(&st, o->records, &e) < 0 || store_set_pin(st, pin, &e) < 0) {
		err_print(&e);
		store_close(st);
		return 1;
	}
	store_close(st);
	fprintf(stderr, "crsv-kiosk: PIN set in %s\n", o->records);
	return 0;
}

static void list_widgets(const struct view *v)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct widget *w = &v->v[i];
		if (!w->id[0])
			continue;
		printf("%s %d %d %d %d ", w->id, w->x, w->y, w->w, w->h);
		for (const char *p = w->label ? w->label : ""; *p; p++)
			putchar(*p == '\n' ? ' ' : *p);
		putchar('\n');
	}
	/* the text being read aloud (narration), for the scripts */
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].flags & WF_SPEAKING) {
			printf("speaking %s\n", v->v[i].id);
			break;
		}
	printf("--\n");
	fflush(stdout);
}

struct kiosk {
	SDL_Window *win;
	SDL_Renderer *ren;
	struct render *rd;
	struct app *app;
	struct voice *voice;    /* narration (sound.c) */
	struct panel panel;     /* the output's size, and how it is turned */
};

static void draw(struct kiosk *k, const char *shot)
{
	struct err e = {0};
	render_view(k->rd, app_view(k->app));
	if (shot && render_screenshot(k->rd, shot, &e) < 0)
		err_print(&e);
	SDL_RenderPresent(k->ren);
}

/* A finger put down and lifted at (x, y) of the output, as SDL reports a
 * touch (normalised to the output), through input.c like a real one. */
static void touch(struct kiosk *k, int x, int y, int64_t now)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.tfinger.x = ((float)x + 0.5f) / (float)k->panel.width;
	ev.tfinger.y = ((float)y + 0.5f) / (float)k->panel.height;
	ev.type = SDL_FINGERDOWN;
	input_event(k->app, &ev, &k->panel, now);
	ev.type = SDL_FINGERUP;
	input_event(k->app, &ev, &k->panel, now);
}

/* One scripted action; -1 on a bad one (reported). */
static int run_action(struct kiosk *k, const struct action *a, int64_t *now,
                      const char *source, int lineno)
{
	struct err e = {0};
	enum app_key key;
	char digit;
	switch (a->kind) {
	case A_NONE: return 0;
	case A_PRESS:
		if (app_press(k->app, a->arg, *now) < 0) {
			err_set(&e, source, lineno, "no widget \"%s\" on the %s screen", a->arg,
			        app_screen(k->app));
			err_print(&e);
			return -1;
		}
		break;
	case A_TAP:
		app_pointer_down(k->app, a->x, a->y, *now);
		app_pointer_up(k->app, a->x, a->y, *now);
		break;
	case A_TOUCH:
		touch(k, a->x, a->y, *now);
		break;
	case A_DOWN: app_pointer_down(k->app, a->x, a->y, *now); break;
	case A_UP: app_pointer_up(k->app, a->x, a->y, *now); break;
	case A_KEY:
		if (input_key_name(a->arg, &key, &digit) < 0) {
			err_set(&e, source, lineno, "unknown key \"%s\"", a->arg);
			err_print(&e);
			return -1;
		}
		if (digit) {
			char s[2] = { digit, '\0' };
			app_text(k->app, s, *now);
		} else {
			app_key(k->app, key, *now);
		}
		break;
	case A_TYPE: app_text(k->app, a->arg, *now); break;
	case A_WAIT:
		*now += a->ms;
		app_tick(k->app, *now);
		break;
	case A_SHOT: draw(k, a->arg); return 0;
	}
	app_tick(k->app, *now);
	return 0;
}

static int run_script(struct kiosk *k, const struct options *o)
{
	FILE *f = strcmp(o->script, "-") ? fopen(o->script, "r") : stdin;
	char line[1024];
	int64_t now = script_epoch();
	int lineno = 0, rc = 0;
	if (!f) {
		fprintf(stderr, "crsv-kiosk: %s: error: cannot open the script\n", o->script);
		return 1;
	}
	if (o->list_widgets)
		list_widgets(app_view(k->app));
	while (rc == 0 && !app_quit(k->app) && fgets(line, sizeof line, f)) {
		struct action a;
		struct err e = {0};
		line[strcspn(line, "\n")] = '\0';
		if (script_parse(line, o->script, ++lineno, &a, &e) < 0) {
			err_print(&e);
			rc = 1;
			break;
		}
		if (a.kind == A_NONE)
			continue;
		if (run_action(k, &a, &now, o->script, lineno) < 0)
			rc = 1;
		else if (o->list_widgets)
			list_widgets(app_view(k->app));
	}
	if (f != stdin)
		fclose(f);
	return rc;
}

#define POLL_MS 10   /* how often the loop looks for events where SDL cannot wait */

/* Whether SDL's video driver waits for an event for real.  SDL 2.26 does
 * where the windowing system can (X11, Wayland); elsewhere, on KMSDRM (the
 * kiosk's driver in the field) and offscreen, SDL_WaitEvent looks every
 * millisecond: 880 wake-ups a second with nobody touching the screen
 * (bench/kiosk-field.sh). */
static int waits_for_real(void)
{
	const char *d = SDL_GetCurrentVideoDriver();
	return d && (!strcmp(d, "x11") || !strcmp(d, "wayland"));
}

/* The next event, waiting at most until the app's next timer (`timer` ms,
 * -1: none): blocked in SDL where it can, else looking every POLL_MS (a
 * touch answered within 10 ms, a hundred wake-ups a second); 0 when none
 * came. */
static int next_event(SDL_Event *ev, int64_t timer, int real)
{
	int ms = timer < 0 || timer > 60000 ? 60000 : (int)timer + 1;
	if (real)
		return timer < 0 ? SDL_WaitEvent(ev) : SDL_WaitEventTimeout(ev, ms);
	if (SDL_PollEvent(ev))
		return 1;
	SDL_Delay((Uint32)(ms < POLL_MS ? ms : POLL_MS));
	return SDL_PollEvent(ev);
}

/* The interactive loop: sleep until an event or the app's next timer, and
 * draw only when the screen changed. */
static int run_loop(struct kiosk *k)
{
	int quit = 0, real = waits_for_real();
	draw(k, NULL);
	while (!quit && !app_quit(k->app)) {
		SDL_Event ev;
		int64_t now = wall_ms(), timer = app_next_timer(k->app, now);
		int got = next_event(&ev, timer, real);
		now = wall_ms();
		while (got) {
			if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
				k->panel.width = ev.window.data1;
				k->panel.height = ev.window.data2;
			}
			quit |= input_event(k->app, &ev, &k->panel, now);
			got = SDL_PollEvent(&ev);
		}
		app_tick(k->app, now);
		if (app_dirty(k->app))
			draw(k, NULL);
	}
	return 0;
}

static int start_sdl(struct kiosk *k, const struct options *o, int scripted)
{
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
		fprintf(stderr, "crsv-kiosk: cannot start SDL: %s\n", SDL_GetError());
		return -1;
	}
	if (TTF_Init() < 0) {
		fprintf(stderr, "crsv-kiosk: cannot start SDL_ttf: %s\n", TTF_GetError());
		return -1;
	}
	k->panel = (struct panel){ o->width, o->height, o->rotate };
	k->win = SDL_CreateWindow("crsv-kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
	                          o->width, o->height,
	                          o->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE);
	if (!k->win) {
		fprintf(stderr, "crsv-kiosk: cannot open a window: %s\n", SDL_GetError());
		return -1;
	}
	/* scripted runs draw in software, so screenshots are the same everywhere */
	k->ren = scripted ? NULL : SDL_CreateRenderer(k->win, -1, SDL_RENDERER_ACCELERATED);
	if (!k->ren)
		k->ren = SDL_CreateRenderer(k->win, -1, SDL_RENDERER_SOFTWARE);
	if (!k->ren) {
		fprintf(stderr, "crsv-kiosk: cannot draw: %s\n", SDL_GetError());
		return -1;
	}
	SDL_GetRendererOutputSize(k->ren, &k->panel.width, &k->panel.height);
	SDL_StartTextInput();
	return 0;
}

/* Built in, not from the bundle: the bundle is what could not be trusted.
 * The French and Arabic are drafts awaiting a translator's review, as the
 * PO files' are.  No Latin word in the Arabic: a right-to-left paragraph
 * here is shaped as one run. */
static const struct refusal_text bundle_refused[] = {
	{ "This kiosk cannot start",
	  "Its content is damaged, altered, too old, or not signed by a key it trusts, so "
	  "it is not shown. Ask the training officer for a new copy of kiosk.bundle.", 0 },
	{ "Cette borne ne peut pas démarrer",
	  "Son contenu est endommagé, modifié, trop ancien ou n’est pas "
	  "signé par une clé de confiance : il n’est donc pas "
	  "affiché. Demandez au responsable de la formation une nouvelle copie de "
	  "kiosk.bundle.", 0 },
	{ "لا يمكن تشغيل هذا الجهاز",
	  "محتواه تالف أو معدَّل أو قديم جدًا أو غير موقَّع بمفتاح موثوق، "
	  "لذلك لا يُعرَض. اطلب من مسؤول التدريب نسخة جديدة من ملف المحتوى.", 1 },
};

/* The records file cannot be used (damaged, another program's, read-only):
 * nothing could be recorded, and nothing was written to it. */
static const struct refusal_text records_refused[] = {
	{ "This kiosk cannot start",
	  "Its records file cannot be used, so nothing could be recorded. The file has been "
	  "left as it is: ask the training officer to look at it.", 0 },
	{ "Cette borne ne peut pas démarrer",
	  "Son fichier d’enregistrements est inutilisable : rien ne pourrait y être "
	  "enregistré. Le fichier a été laissé tel quel : demandez au responsable de la "
	  "formation de l’examiner.", 0 },
	{ "لا يمكن تشغيل هذا الجهاز",
	  "ملف السجلات الخاص به غير صالح للاستخدام، فلا يمكن تسجيل أي شيء. "
	  "تُرك الملف كما هو: اطلب من مسؤول التدريب فحصه.", 1 },
};
#define NWORDS(w) (sizeof (w) / sizeof *(w))

/* The kiosk cannot start: say so on the screen in `words` as well as on
 * stderr (a kiosk started at boot has no one reading stderr), with the
 * reason, until Escape or the window closes; a scripted run saves the
 * screen as refused.bmp. */
static void show_refusal(struct kiosk *k, const struct options *o,
                         const struct refusal_text *words, size_t nwords, const char *reason)
{
	struct err e = {0};
	if (start_sdl(k, o, o->script != NULL) < 0 ||
	    render_refusal(k->ren, words, nwords, reason, &e) < 0) {
		if (e.msg[0])
			err_print(&e);
		return;
	}
	if (o->script) {
		if (render_screenshot_of(k->ren, "refused.bmp", &e) < 0)
			err_print(&e);
		return;
	}
	SDL_RenderPresent(k->ren);
	for (SDL_Event ev; SDL_WaitEvent(&ev);)
		if (ev.type == SDL_QUIT || (ev.type == SDL_KEYDOWN && ev.key.keysym.sym == SDLK_ESCAPE))
			break;
		else if (ev.type == SDL_WINDOWEVENT)
			SDL_RenderPresent(k->ren);
}

/* The bundle's fonts and images as render.c will read them: each font
 * opens in SDL_ttf and measures a word, each image decodes in SDL_image.
 * material.c, plain C, checks their headers; only these decoders can tell
 * that the rest of the bytes are sound, and found out on the reader
 * screen it would be too late: the kiosk would have started on them. */
static int check_decoders(const struct material *m, const char *path, struct err *e)
{
	char why[300];
	int rc = 0;
	if (TTF_Init() < 0)
		return err_set(e, "", 0, "cannot start SDL_ttf: %s", TTF_GetError());
	for (size_t i = 0; i < m->nfonts && rc == 0; i++) {
		const struct m_font *f = &m->fonts[i];
		SDL_RWops *rw = f->len <= INT_MAX ? SDL_RWFromConstMem(f->data, (int)f->len) : NULL;
		TTF_Font *t = rw ? TTF_OpenFontRW(rw, 1, 16) : NULL;
		int w, h;
		if (!t || TTF_SizeUTF8(t, "Aa0", &w, &h) < 0) {
			snprintf(why, sizeof why, "SDL_ttf cannot draw with it (%s)", TTF_GetError());
			rc = material_refuse_font(e, path, f, why);
		}
		if (t)
			TTF_CloseFont(t);
	}
	for (size_t i = 0; i < m->nimages && rc == 0; i++) {
		const struct m_image *im = &m->images[i];
		SDL_RWops *rw = im->len <= INT_MAX ? SDL_RWFromConstMem(im->data, (int)im->len) : NULL;
		SDL_Surface *sf = rw ? IMG_Load_RW(rw, 1) : NULL;
		if (!sf) {
			snprintf(why, sizeof why, "SDL_image cannot decode it (%s)", IMG_GetError());
			rc = material_refuse_image(e, path, im, why);
		}
		SDL_FreeSurface(sf);
	}
	TTF_Quit();
	return rc;
}

/* The bundle as at every start: read and checked whole (material.c), its
 * fonts and images decoded. */
static int load_bundle(struct material **m, const char *path, const struct sign_key *trusted,
                       size_t ntrusted, struct err *e)
{
	if (material_load(m, path, trusted, ntrusted, e) < 0)
		return -1;
	if (check_decoders(*m, path, e) < 0) {
		material_free(*m);
		*m = NULL;
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;
	struct kiosk k = {0};
	struct material *m = NULL;
	struct store *st = NULL;
	struct sign_key *given = NULL, *trusted = NULL;   /* --trust; with the rotations */
	size_t ngiven = 0, ntrusted = 0;
	struct err e = {0};
	int rc = 1;

	if (parse(argc, argv, &o) < 0)
		return 2;
	if (o.set_name)
		return set_name(&o);
	if (o.set_pin)
		return set_pin(&o);
	/* the keys the records remember (rotation) count only when the records
	 * are there already: a bundle that cannot start creates nothing */
	if (o.trust && fs_is_file(o.records) && store_open(&st, o.records, &e) < 0) {
		err_print(&e);
		show_refusal(&k, &o, records_refused, NWORDS(records_refused), e.msg);
		goto out;
	}
	if (o.trust && (load_trust(o.trust, &given, &ngiven, &e) < 0 ||
	                (st ? store_trusted_keys(st, given, ngiven, &trusted, &ntrusted, &e)
	                    : copy_keys(given, ngiven, &trusted, &ntrusted)) < 0)) {
		err_print(&e);
		goto out;
	}
	if (o.trust && !ntrusted) {
		err_set(&e, o.trust, 0, "every key here has been retired (rotated): give the new "
		        "content key");
		err_print(&e);
		show_refusal(&k, &o, bundle_refused, NWORDS(bundle_refused), e.msg);
		goto out;
	}
	if (load_bundle(&m, o.bundle, trusted, ntrusted, &e) < 0) {
		/* a bundle just installed that cannot start gives way to the last */
		err_print(&e);
		if (!update_fall_back(o.bundle) ||
		    load_bundle(&m, o.bundle, trusted, ntrusted, &e) < 0) {
			show_refusal(&k, &o, bundle_refused, NWORDS(bundle_refused), e.msg);
			goto out;
		}
		fprintf(stderr, "crsv-kiosk: went back to the bundle shown before\n");
	}
	if (!st && store_open(&st, o.records, &e) < 0) {
		err_print(&e);
		show_refusal(&k, &o, records_refused, NWORDS(records_refused), e.msg);
		goto out;
	}
	if (check_release(m, st, o.script ? script_epoch() : wall_ms(), &e) < 0) {
		err_print(&e);
		show_refusal(&k, &o, bundle_refused, NWORDS(bundle_refused), e.msg);
		goto out;
	}
	if (o.trust && store_note_rotation(st, &m->seal, &e) < 0) {
		err_print(&e);
		goto out;
	}
	update_started(o.bundle);
	if (start_sdl(&k, &o, o.script != NULL) < 0 || render_new(&k.rd, k.ren, m, &e) < 0) {
		if (e.msg[0])
			err_print(&e);
		goto out;
	}
	if (render_set_rotation(k.rd, o.rotate, &e) < 0) {
		err_print(&e);
		goto out;
	}
	int view_w, view_h;
	panel_view_size(&k.panel, &view_w, &view_h);
	struct app_config cfg = { o.mode, o.idle_seconds * 1000, view_w, view_h, o.export_dir,
	                          o.bundle, { trusted, ntrusted, m->seal.release } };
	struct fonts fonts = { render_measure, render_image_size, k.rd };
	if (app_new(&k.app, m, st, &cfg, &fonts, o.script ? script_epoch() : wall_ms(), &e) < 0) {
		fprintf(stderr, "crsv-kiosk: %s\n", e.msg);
		goto out;
	}
	k.voice = voice_new(o.script != NULL);
	struct sound snd = voice_sound(k.voice);
	app_set_sound(k.app, &snd);
	app_set_read_aloud(k.app, o.read_aloud);
	rc = o.script ? run_script(&k, &o) : run_loop(&k);
out:
	app_free(k.app);
	voice_free(k.voice);
	render_free(k.rd);
	if (k.ren)
		SDL_DestroyRenderer(k.ren);
	if (k.win)
		SDL_DestroyWindow(k.win);
	if (TTF_WasInit())
		TTF_Quit();
	SDL_Quit();
	store_close(st);
	material_free(m);
	free(given);
	free(trusted);
	return rc;
}
