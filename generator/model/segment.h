/*
 * segment.h - cutting a CommonMark body into translation units.
 *
 * A unit is a leaf block with text: a paragraph (also inside list items and
 * block quotes) or a heading.  Its msgid is the block's inline content
 * rendered back to CommonMark by cmark, so the same text always gives the
 * same msgid however the author spaced or wrapped it: soft line breaks become
 * spaces, runs of spaces one space, hard breaks a backslash and newline, a
 * heading loses its "#" marks.  Code blocks are not translated and
 * raw HTML is never output, so neither is a unit.
 */
#ifndef CRSV_SEGMENT_H
#define CRSV_SEGMENT_H

#include <stddef.h>
#include <cmark.h>

/* Parse CommonMark with the options the whole program uses (smart
 * punctuation off, so the msgid keeps the author's quotes; safe mode is
 * enforced by our own renderer).  The caller frees with cmark_node_free. */
cmark_node *segment_parse(const char *text, size_t len);

/* True for the node types that are units. */
int segment_is_unit(cmark_node *node);

/* True when `s` is plain text to CommonMark: read as one paragraph whose
 * only inline is `s` itself, and rendered back unchanged.  No character
 * that opens markup, an escape, an entity or a line break; nothing at the
 * start that opens a block; no space at either end.  Most units are like
 * this, and need neither a parse nor a render. */
int segment_is_plain(const char *s);

/* How a translated unit is shown, by every output: a translation that is
 * one paragraph of CommonMark is that paragraph's inlines; any other (plain
 * text, which needs no parse, or a translation that became a list or two
 * paragraphs, which a unit cannot hold) is its literal text.  Returns the
 * paragraph, whose children are the inlines, or NULL for the literal text;
 * *doc is the parse, for cmark_node_free (NULL when nothing was parsed). */
cmark_node *segment_translation(const char *text, cmark_node **doc);

/* The normalised msgid of a unit node (heap string, caller frees).  Runs of
 * spaces in the node's text are collapsed in place. */
char *segment_msgid(cmark_node *unit);

/* Call `fn` for each unit of `doc` in document order with its msgid and its
 * line in the file (`first_line` is the file line of the body's first line).
 * Stops and returns -1 when `fn` does. */
int segment_walk(cmark_node *doc, int first_line,
                 int (*fn)(void *ctx, cmark_node *unit, const char *msgid,
                           int line),
                 void *ctx);

#endif
