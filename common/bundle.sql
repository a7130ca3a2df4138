-- bundle.sql - the schema of kiosk.bundle, the one SQLite file that holds
-- everything crsv-kiosk shows.  `crsv-gen build` writes it (emit_bundle.c);
-- the kiosk only reads it (common/bundle.c opens it read-only and checks the
-- two numbers below).  This text is compiled into both programs (the
-- Makefile turns it into a C string), so neither needs a path to it.
--
-- Versioning: user_version is the schema version.  Bump it on any change a
-- reader could notice (a table, a column, a meaning); a kiosk refuses a
-- bundle whose version it does not know.  application_id 0x43525356 ("CRSV")
-- marks the file as a kiosk bundle.
--
-- Conventions for every table:
--   * Text is UTF-8.  Plain text only: no Markdown, no HTML.  A hard line
--     break is "\n"; soft breaks and runs of spaces are one space.
--   * `lang` is a languages.code.  Every per-language table has one row per
--     shipped language (the source language included), so a reader never
--     has to fall back itself.
--   * `fallback` = 1: that text has no current translation (missing or
--     fuzzy in the PO file) and is the source-language text: lay it out with
--     the source language's direction and fonts (meta 'source_lang'), and
--     say that part of the page is not yet translated.
--   * Emphasis runs (block_runs, quiz_text_runs) are byte ranges of the
--     row's `text`: start (0-based) and length in bytes, on UTF-8 character
--     boundaries.  Runs nest (a strong run may contain an em run) and never
--     cross each other.  style: 'em' (italic), 'strong' (bold), 'code'
--     (monospace), 'link' (a link's text: the kiosk cannot follow URLs, so
--     only the text is kept; draw it like the surrounding text or
--     underlined, never as something to tap).
--   * Integer ids are for joins inside one bundle only; anything recorded
--     outside it (records.db) uses the textual keys (module key, quiz,
--     question and choice ids), which survive a rebuild.  They are 1, 2,
--     3... in the order the rows are written, and positions 0, 1, 2...:
--     the kiosk takes a gap for a row gone, and refuses the bundle.
--   * The kiosk relies on none of the constraints below (they are part of
--     the file, and can be edited with it): it checks every value it
--     reads (kiosk/material.c).
--   * The file is written once, in one transaction, and VACUUMed: the same
--     input gives the same bytes.  Readers open it read-only.
--   * A CHECK with more than two allowed values is written with OR, not IN:
--     SQLite evaluates a longer IN list through a temporary index built
--     again for every row inserted, which made writing a large bundle
--     half again as slow.
--   * `narration_key` names a text's voice in `audio`: the first 16 hex
--     digits (lowercase) of SHA-256 over its PO msgctxt, a 0x04 byte and
--     its source msgid (generator/model/narration.h); the same in every
--     language.  '' for a text that is no unit (a code block, a rule).

PRAGMA user_version = 4;
PRAGMA application_id = 1129468758;   -- 0x43525356, "CRSV"

-- Facts about the build, one row per key:
--   content_version  SHA-256 (64 lowercase hex digits) of the inputs:
--                    site.yaml, each module's index.md, quiz.xml and images,
--                    ui.yaml and each translation's PO file, in a fixed
--                    order; equal versions mean equal content
--   build_time       seconds since 1970 (SOURCE_DATE_EPOCH when set, else
--                    the newest input's modification time), decimal
--   build_time_utc   the same as "YYYY-MM-DDTHH:MM:SSZ"
--   source_lang      the language content is written in
--   help_module      the module key of the "get help" module (absent when
--                    site.yaml names none)
--   generator        "crsv-gen"
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- The shipped languages in site.yaml order (the language screen's order).
-- `script` is the ISO 15924 code of its writing system (for shaping, e.g.
-- SDL2_ttf's TTF_SetFontScriptName("Arab")); `font_family` names the rows
-- of `fonts` to draw it with.  `draft` = 1: the translation is a draft
-- that no qualified translator has reviewed yet (its PO header says
-- "X-Review-Status: draft"); readers must be told so on screen.
CREATE TABLE languages (
	code        TEXT PRIMARY KEY,              -- BCP 47: 'en', 'fr', 'ar'
	position    INTEGER NOT NULL UNIQUE,       -- 0-based
	name        TEXT NOT NULL,                 -- native name, in its own script
	direction   TEXT NOT NULL CHECK (direction IN ('ltr', 'rtl')),
	script      TEXT NOT NULL,                 -- 'Latn', 'Arab', ...
	font_family TEXT NOT NULL,                 -- 'Noto Sans', 'Noto Naskh Arabic'
	is_source   INTEGER NOT NULL CHECK (is_source IN (0, 1)),
	draft       INTEGER NOT NULL CHECK (draft IN (0, 1))
);

-- Font files as blobs (TrueType), for TTF_OpenFontRW(SDL_RWFromConstMem()).
-- Every family named by a language is here in its regular face; a family
-- without a bold or italic face (Noto Naskh Arabic has no italic) is drawn
-- with the nearest face it has: bold+italic -> bold -> regular.  'Noto Sans'
-- is always shipped: it also draws fallback text, digits and Latin names.
CREATE TABLE fonts (
	family TEXT NOT NULL,
	bold   INTEGER NOT NULL CHECK (bold IN (0, 1)),
	italic INTEGER NOT NULL CHECK (italic IN (0, 1)),
	file   TEXT NOT NULL UNIQUE,               -- 'NotoSans-Regular.ttf'
	data   BLOB NOT NULL,
	PRIMARY KEY (family, bold, italic)
) WITHOUT ROWID;

-- Per-language texts of the site itself.  Keys: 'title' (the site title).
CREATE TABLE site_text (
	lang     TEXT NOT NULL REFERENCES languages (code),
	key      TEXT NOT NULL,
	text     TEXT NOT NULL,
	fallback INTEGER NOT NULL CHECK (fallback IN (0, 1)),
	PRIMARY KEY (lang, key)
) WITHOUT ROWID;

-- The chrome strings (assets/ui.yaml; the kiosk adds its own keys there):
-- every key in every language.
CREATE TABLE ui_strings (
	lang     TEXT NOT NULL REFERENCES languages (code),
	key      TEXT NOT NULL,                    -- [a-z0-9_]
	text     TEXT NOT NULL,
	fallback INTEGER NOT NULL CHECK (fallback IN (0, 1)),
	narration_key TEXT NOT NULL CHECK (length(narration_key) = 16),
	PRIMARY KEY (lang, key)
) WITHOUT ROWID;

-- Learning tracks in their display order.
CREATE TABLE tracks (
	id       TEXT PRIMARY KEY,                 -- 'policy'
	position INTEGER NOT NULL UNIQUE,          -- 0-based, by the tracks' `order`
	audience TEXT NOT NULL CHECK (audience = 'personnel' OR audience = 'community' OR
	                              audience = 'all')
);

CREATE TABLE track_text (
	track            TEXT NOT NULL REFERENCES tracks (id),
	lang             TEXT NOT NULL REFERENCES languages (code),
	title            TEXT NOT NULL,
	summary          TEXT NOT NULL,            -- '' when there is none
	title_fallback   INTEGER NOT NULL CHECK (title_fallback IN (0, 1)),
	summary_fallback INTEGER NOT NULL CHECK (summary_fallback IN (0, 1)),
	PRIMARY KEY (track, lang)
) WITHOUT ROWID;

-- Modules in content order (track order, then folder order); `id` is that
-- order, 1-based.
CREATE TABLE modules (
	id       INTEGER PRIMARY KEY,
	key      TEXT NOT NULL UNIQUE,             -- 'policy/01-what-is-crsv'
	slug     TEXT NOT NULL,                    -- 'what-is-crsv'
	track    TEXT NOT NULL REFERENCES tracks (id),
	minutes  INTEGER NOT NULL,                 -- reading time
	audience TEXT NOT NULL CHECK (audience = 'personnel' OR audience = 'community' OR
	                              audience = 'all'),
	                                           -- unless set: the track's
	critical INTEGER NOT NULL CHECK (critical IN (0, 1))
);

CREATE TABLE module_text (
	module           INTEGER NOT NULL REFERENCES modules (id),
	lang             TEXT NOT NULL REFERENCES languages (code),
	title            TEXT NOT NULL,
	summary          TEXT NOT NULL,            -- '' when there is none
	title_fallback   INTEGER NOT NULL CHECK (title_fallback IN (0, 1)),
	summary_fallback INTEGER NOT NULL CHECK (summary_fallback IN (0, 1)),
	PRIMARY KEY (module, lang)
) WITHOUT ROWID;

-- Images beside a module's index.md, referenced as ![alt](file).
CREATE TABLE images (
	path       TEXT PRIMARY KEY,               -- '<module key>/<file>'
	media_type TEXT NOT NULL,                  -- 'image/png', 'image/jpeg', ...
	data       BLOB NOT NULL
);

-- A module's body in one language: its leaf blocks in reading order.
--   kind        what it is:
--     'heading'    level = heading level as written (1-6)
--     'paragraph'  a paragraph; inside a list item (level > 0) it continues
--                  the item above it (indent, no marker)
--     'list_item'  the first paragraph of a list item: draw its marker
--                  (ordered: list_number and a dot; else a bullet) at
--                  nesting `level` (1 = top-level list); an item that does
--                  not start with a paragraph gets an empty one
--     'quote'      a paragraph inside a block quote (quote_depth >= 1)
--     'code'       a code block, shown as written, never translated
--                  (fallback 0); text keeps its line breaks
--     'rule'       a thematic break; text ''
--     'image'      a paragraph that is just an image: `image` names it,
--                  text is its description (alt text)
--   level       heading: its level; every other kind: list nesting depth
--               (0 outside lists)
--   quote_depth how many block quotes the block is in (a list_item or code
--               block in a quote keeps its kind and has quote_depth >= 1)
--   ordered     list_item: 1 for a numbered list, 0 for bullets; else NULL
--   list_number list_item of a numbered list: its number; else NULL
--   image       an image the block shows (kind 'image', or the first image
--               inside a paragraph, whose alt text is part of `text`)
-- Raw HTML never reaches the bundle.
CREATE TABLE blocks (
	id          INTEGER PRIMARY KEY,
	module      INTEGER NOT NULL REFERENCES modules (id),
	lang        TEXT NOT NULL REFERENCES languages (code),
	position    INTEGER NOT NULL,              -- 0-based within (module, lang)
	kind        TEXT NOT NULL CHECK (kind = 'heading' OR kind = 'paragraph' OR
	                                 kind = 'list_item' OR kind = 'quote' OR
	                                 kind = 'code' OR kind = 'rule' OR kind = 'image'),
	level       INTEGER NOT NULL,
	quote_depth INTEGER NOT NULL,
	ordered     INTEGER CHECK (ordered IN (0, 1)),
	list_number INTEGER,
	text        TEXT NOT NULL,
	fallback    INTEGER NOT NULL CHECK (fallback IN (0, 1)),
	image       TEXT REFERENCES images (path),
	narration_key TEXT NOT NULL CHECK (length(narration_key) = 16 OR narration_key = ''),
	UNIQUE (module, lang, position)
);

CREATE TABLE block_runs (
	block  INTEGER NOT NULL REFERENCES blocks (id),
	start  INTEGER NOT NULL,                   -- byte offset in blocks.text
	length INTEGER NOT NULL,                   -- bytes
	style  TEXT NOT NULL CHECK (style = 'em' OR style = 'strong' OR
	                            style = 'code' OR style = 'link'),
	PRIMARY KEY (block, start, length, style)
) WITHOUT ROWID;

-- Quizzes: one per module that has a quiz.xml.  The answer key (choices.
-- correct) is the same in every language; only text is translated.
CREATE TABLE quizzes (
	id           INTEGER PRIMARY KEY,
	module       INTEGER NOT NULL UNIQUE REFERENCES modules (id),
	key          TEXT NOT NULL,                -- <quiz id="...">
	pass_percent INTEGER NOT NULL
);

CREATE TABLE questions (
	id       INTEGER PRIMARY KEY,
	quiz     INTEGER NOT NULL REFERENCES quizzes (id),
	position INTEGER NOT NULL,                 -- 0-based, as in quiz.xml
	key      TEXT NOT NULL,                    -- <question id="...">
	type     TEXT NOT NULL CHECK (type = 'single' OR type = 'multiple' OR
	                              type = 'true-false'),
	UNIQUE (quiz, position),
	UNIQUE (quiz, key)
);

CREATE TABLE choices (
	id       INTEGER PRIMARY KEY,
	question INTEGER NOT NULL REFERENCES questions (id),
	position INTEGER NOT NULL,                 -- 0-based, as in quiz.xml
	key      TEXT NOT NULL,                    -- <choice id="...">
	correct  INTEGER NOT NULL CHECK (correct IN (0, 1)),
	UNIQUE (question, position),
	UNIQUE (question, key)
);

-- Every text of a quiz in every language, keyed as in the PO files by
-- (msgctxt, role):
--   role 'prompt', 'explanation'  msgctxt 'quiz:<quiz>/<question>',
--                                 choice NULL
--   role 'choice', 'feedback'     msgctxt 'quiz:<quiz>/<question>/<choice>',
--                                 choice set (feedback only where written)
-- Quiz texts are inline Markdown: plain text here, emphasis in quiz_text_runs.
CREATE TABLE quiz_texts (
	id       INTEGER PRIMARY KEY,
	question INTEGER NOT NULL REFERENCES questions (id),
	choice   INTEGER REFERENCES choices (id),
	msgctxt  TEXT NOT NULL,
	role     TEXT NOT NULL CHECK (role = 'prompt' OR role = 'explanation' OR
	                              role = 'choice' OR role = 'feedback'),
	lang     TEXT NOT NULL REFERENCES languages (code),
	text     TEXT NOT NULL,
	fallback INTEGER NOT NULL CHECK (fallback IN (0, 1)),
	narration_key TEXT NOT NULL CHECK (length(narration_key) = 16),
	UNIQUE (msgctxt, role, lang)
);
CREATE INDEX quiz_texts_question ON quiz_texts (question, lang);

CREATE TABLE quiz_text_runs (
	quiz_text INTEGER NOT NULL REFERENCES quiz_texts (id),
	start     INTEGER NOT NULL,                -- byte offset in quiz_texts.text
	length    INTEGER NOT NULL,                -- bytes
	style     TEXT NOT NULL CHECK (style = 'em' OR style = 'strong' OR
	                               style = 'code' OR style = 'link'),
	PRIMARY KEY (quiz_text, start, length, style)
) WITHOUT ROWID;

-- Where to get help, in site.yaml order: first its `helplines` (kind
-- 'helpline'), then its `un_reporting` entries (kind 'un_reporting': how to
-- report abuse by UN personnel, shown under their own heading).  `example`
-- = 1: a placeholder the mission has not confirmed: say so on screen.
-- `phone` is '' until a mission fills it in.
CREATE TABLE helplines (
	id      INTEGER PRIMARY KEY,               -- 1-based, in that order
	kind    TEXT NOT NULL CHECK (kind = 'helpline' OR kind = 'un_reporting'),
	phone   TEXT NOT NULL,
	example INTEGER NOT NULL CHECK (example IN (0, 1))
);

CREATE TABLE helpline_text (
	helpline             INTEGER NOT NULL REFERENCES helplines (id),
	lang                 TEXT NOT NULL REFERENCES languages (code),
	name                 TEXT NOT NULL,
	description          TEXT NOT NULL,        -- '' when there is none
	hours                TEXT NOT NULL,        -- '' when there is none
	name_fallback        INTEGER NOT NULL CHECK (name_fallback IN (0, 1)),
	description_fallback INTEGER NOT NULL CHECK (description_fallback IN (0, 1)),
	hours_fallback       INTEGER NOT NULL CHECK (hours_fallback IN (0, 1)),
	name_key             TEXT NOT NULL,        -- narration keys; '' for
	description_key      TEXT NOT NULL,        -- a text that is ''
	hours_key            TEXT NOT NULL,
	PRIMARY KEY (helpline, lang)
) WITHOUT ROWID;

-- Narration (generator/model/narration.h): the voice of a unit in a language,
-- Ogg Opus (a WAV recording is encoded at build time), only where it
-- speaks the unit's text of now (recorded or synthetic, never stale).  A
-- text shown in the source language (fallback = 1) plays the source
-- language's row.  `synthetic` = 1: a machine voice (espeak-ng), a
-- marked draft: the kiosk says "machine voice" while it plays.
CREATE TABLE audio (
	lang      TEXT NOT NULL REFERENCES languages (code),
	key       TEXT NOT NULL CHECK (length(key) = 16),   -- a narration_key
	synthetic INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
	data      BLOB NOT NULL,                            -- "OggS" ... "OpusHead"
	PRIMARY KEY (lang, key)
) WITHOUT ROWID;

-- The seal (common/seal.h): a statement of the content's digest (every
-- other table), the release, the dates and, when built with --sign, the
-- signing key; `signature` the Ed25519 signature of the statement's exact
-- bytes (base64), NULL when unsigned.  crsv-kiosk refuses a bundle whose
-- content does not match the digest, and with --trust one not signed by a
-- key it trusts.
CREATE TABLE seal (
	id        INTEGER PRIMARY KEY CHECK (id = 1),
	statement TEXT NOT NULL,
	signature TEXT
);
