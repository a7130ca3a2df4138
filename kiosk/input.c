/* input.c - SDL events to app input; see input.h. */
#include "input.h"

#include <string.h>

static enum app_key key_of(SDL_Keycode k, Uint16 mod)
{
	switch (k) {
	case SDLK_TAB: return (mod & KMOD_SHIFT) ? K_BACKTAB : K_TAB;
	case SDLK_LEFT: return K_LEFT;
	case SDLK_RIGHT: return K_RIGHT;
	case SDLK_UP: return K_UP;
	case SDLK_DOWN: return K_DOWN;
	case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_SPACE: return K_ENTER;
	case SDLK_ESCAPE: return K_ESCAPE;
	case SDLK_BACKSPACE: return K_BACKSPACE;
	case SDLK_F12: return K_F12;
	case SDLK_PAGEUP: return K_PAGEUP;
	case SDLK_PAGEDOWN: return K_PAGEDOWN;
	default: return K_NONE;
	}
}

int input_key_name(const char *name, enum app_key *key, char *digit)
{
	*digit = '\0';
	*key = K_NONE;
	if (name[0] >= '0' && name[0] <= '9' && !name[1]) {
		*digit = name[0];
		return 0;
	}
	if (!strcmp(name, "Shift+Tab")) {
		*key = K_BACKTAB;
		return 0;
	}
	SDL_Keycode k = SDL_GetKeyFromName(name);
	if (k == SDLK_UNKNOWN)
		return -1;
	*key = key_of(k, 0);
	return *key == K_NONE ? -1 : 0;
}

/* A pointer at (x, y) of the output, down or up, where it lands on the
 * screen laid out. */
static void pointer(struct app *a, const struct panel *p, int down, int x, int y, int64_t now)
{
	int vx, vy;
	panel_to_view(p, x, y, &vx, &vy);
	if (down)
		app_pointer_down(a, vx, vy, now);
	else
		app_pointer_up(a, vx, vy, now);
}

int input_event(struct app *a, const SDL_Event *ev, const struct panel *p, int64_t now)
{
	switch (ev->type) {
	case SDL_QUIT:
		return 1;
	case SDL_FINGERDOWN:
	case SDL_FINGERUP:
		/* normalised to the output, whichever way the panel hangs */
		pointer(a, p, ev->type == SDL_FINGERDOWN, (int)(ev->tfinger.x * (float)p->width),
		        (int)(ev->tfinger.y * (float)p->height), now);
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
			pointer(a, p, ev->type == SDL_MOUSEBUTTONDOWN, ev->button.x, ev->button.y, now);
		break;
	case SDL_KEYDOWN: {
		enum app_key k = key_of(ev->key.keysym.sym, ev->key.keysym.mod);
		if (k != K_NONE)
			app_key(a, k, now);
		break;
	}
	case SDL_TEXTINPUT:
		app_text(a, ev->text.text, now);
		break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			int w, h;
			panel_view_size(p, &w, &h);
			app_resize(a, w, h);
		}
		break;
	default:
		break;
	}
	return 0;
}
