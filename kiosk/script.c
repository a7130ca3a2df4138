/* script.c - parsing scripted actions; see script.h. */
#include "script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *word;
	enum action_kind kind;
} words[] = {
	{ "press", A_PRESS }, { "tap", A_TAP }, { "touch", A_TOUCH }, { "down", A_DOWN },
	{ "up", A_UP },
	{ "key", A_KEY }, { "type", A_TYPE }, { "wait", A_WAIT }, { "shot", A_SHOT },
};

int script_parse(const char *line, const char *source, int lineno,
                 struct action *a, struct err *e)
{
	char word[16];
	int n = 0;
	memset(a, 0, sizeof *a);
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#' || *line == '\r')
		return 0;
	if (sscanf(line, "%15s%n", word, &n) != 1)
		return 0;
	const char *rest = line + n;
	while (*rest == ' ' || *rest == '\t')
		rest++;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(word, words[i].word))
			a->kind = words[i].kind;
	if (a->kind == A_NONE)
		return err_set(e, source, lineno, "unknown action \"%s\" (press, tap, touch, down, up, "
		               "key, type, wait, shot)", word);
	snprintf(a->arg, sizeof a->arg, "%s", rest);
	size_t l = strlen(a->arg);
	while (l && (a->arg[l - 1] == '\r' || a->arg[l - 1] == ' '))
		a->arg[--l] = '\0';
	switch (a->kind) {
	case A_TAP: case A_TOUCH: case A_DOWN: case A_UP:
		if (sscanf(rest, "%d %d", &a->x, &a->y) != 2)
			return err_set(e, source, lineno, "%s needs two numbers: x y", word);
		break;
	case A_WAIT: {
		char *end;
		long long ms = strtoll(rest, &end, 10);
		if (end == rest || ms < 0)
			return err_set(e, source, lineno, "wait needs milliseconds");
		a->ms = ms;
		break;
	}
	default:
		if (!a->arg[0] && a->kind != A_TYPE)
			return err_set(e, source, lineno, "%s needs an argument", word);
	}
	return 0;
}
