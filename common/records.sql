-- records.sql - the schema of a kiosk's records file (crsv-kiosk --records
-- PATH): what people did at the kiosk.  Only crsv-kiosk writes it
-- (kiosk/store.c); `crsv-gen report` reads and merges exported copies.  This
-- text is compiled into the program (the Makefile turns it into a C string),
-- so no path to it is needed at run time.
--
-- Versioning: user_version is the schema version: 1 the first; 2 added
-- the ledger; 3 the reads (a module read to its last page).  An older file
-- is upgraded in place by crsv-kiosk (and a master by crsv-gen merge:
-- common/records.c, records_upgrade), and still read by crsv-gen as it
-- is.  Bump it on any change a
-- reader could notice; a kiosk refuses a records file whose version it does
-- not know rather than guess.  application_id 0x43525352 ("CRSR") marks the
-- file as a records file, distinct from a kiosk bundle's 0x43525356
-- ("CRSV"), so neither can be mistaken for the other.
--
-- Conventions for every table:
--   * Every row has a random UUID (version 4, 36 lowercase characters), so
--     the records of many kiosks merge without loss or double counting: the
--     same UUID is the same row, wherever it is found.
--   * Times are milliseconds since 1970-01-01 UTC, from the kiosk's clock
--     (which may be wrong: a kiosk without a network has only its own).
--   * Modules, questions and choices are named by their textual keys from
--     the bundle (module key, question id, choice ids), which survive a
--     rebuild of the bundle; `content_version` says which build was shown.
--   * Community mode records nothing that identifies a person: no
--     person_ref, no names, only a session's participant count, the
--     modules read and the answers given.  The CHECKs below hold the line even against a buggy
--     caller.
--   * Rows are only ever added (and a completion or session completed once);
--     nothing is deleted, so a later export of a kiosk holds everything an
--     earlier one did.

PRAGMA user_version = 3;
PRAGMA application_id = 1129468754;   -- 0x43525352, "CRSR"

-- Facts about this file, one row per key:
--   kiosk_id        the UUID given to this records file when it was created:
--                   it names the kiosk in reports and in export file names
--   pin_hash        the admin PIN: PBKDF2-HMAC-SHA256 of the PIN's digits
--                   with pin_salt, pin_iterations rounds, 32 bytes as 64
--                   lowercase hex digits (absent until a PIN is set)
--   pin_salt        16 random bytes, 32 hex digits, new for every PIN set
--   pin_iterations  the PBKDF2 round count the hash was made with, decimal
--   pin_failures    wrong PINs typed since the last right one, decimal
--   pin_failed_at   time of the last wrong PIN (ms), decimal
--   kiosk_name      the kiosk's human name, if given ("Camp A, tent 3")
--   bundle_release_max  the highest release of a signed bundle shown
--                   (seconds, decimal): an older one is refused (rollback)
--   clock_max       the latest time (seconds) the kiosk has seen, from its
--                   clock or a bundle: expiry is judged against it
--   key_next_<id>   a content key a trusted bundle handed over to (seal.h:
--                   rotation): "<public key, base64> <id of the key that
--                   handed over>"; trusted from then on
--   key_retired_<id>  "1": a key no longer trusted, since a bundle signed
--                   by the key it handed over to was shown
--   exported_at     time of the last export (ms), decimal: in an exported
--                   copy, when the copy was taken
-- Exported copies leave out the pin_* rows: the hash of a PIN of a few
-- digits is quickly reversed by trying them all, and a copy leaves the kiosk.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- A community session: a facilitator runs the kiosk for a group and types
-- how many took part; no one is named.  ended_at is NULL until the
-- facilitator ends it (or forever, if the kiosk was left).
CREATE TABLE sessions (
	uuid         TEXT PRIMARY KEY CHECK (length(uuid) = 36),
	kiosk_id     TEXT NOT NULL,
	lang         TEXT NOT NULL,                -- the bundle's language code
	participants INTEGER NOT NULL CHECK (participants > 0),
	started_at   INTEGER NOT NULL,
	ended_at     INTEGER
) WITHOUT ROWID;

-- One quiz taken: inserted when the quiz begins, its result filled in when
-- it ends.  A row whose finished_at is NULL is a quiz left unfinished (idle
-- timeout, quick exit, power cut); its answers still count per question.
--   mode          'personnel': person_ref is the ID the person typed (an
--                 index number) and session_uuid is NULL;
--                 'community': person_ref is NULL and session_uuid names the
--                 session
--   max_score     the number of questions
--   score         questions answered right; NULL until finished
--   passed        1 when score reached the quiz's pass mark; NULL until
--                 finished
CREATE TABLE completions (
	uuid            TEXT PRIMARY KEY CHECK (length(uuid) = 36),
	kiosk_id        TEXT NOT NULL,
	mode            TEXT NOT NULL CHECK (mode IN ('personnel', 'community')),
	person_ref      TEXT,
	session_uuid    TEXT REFERENCES sessions (uuid),
	module_id       TEXT NOT NULL,             -- 'policy/01-what-is-crsv'
	lang            TEXT NOT NULL,
	content_version TEXT NOT NULL,             -- the bundle's meta value
	score           INTEGER,
	max_score       INTEGER NOT NULL CHECK (max_score >= 0),
	passed          INTEGER CHECK (passed IN (0, 1)),
	started_at      INTEGER NOT NULL,
	finished_at     INTEGER,
	CHECK ((mode = 'personnel' AND person_ref IS NOT NULL AND person_ref <> ''
	        AND session_uuid IS NULL) OR
	       (mode = 'community' AND person_ref IS NULL AND session_uuid IS NOT NULL)),
	CHECK ((finished_at IS NULL AND score IS NULL AND passed IS NULL) OR
	       (finished_at IS NOT NULL AND score BETWEEN 0 AND max_score AND
	        passed IS NOT NULL))
) WITHOUT ROWID;
-- The admin screen's counts, and a personnel ID's done marks.
CREATE INDEX completions_module ON completions (module_id, mode);
CREATE INDEX completions_person ON completions (person_ref, module_id)
	WHERE person_ref IS NOT NULL;
CREATE INDEX completions_session ON completions (session_uuid)
	WHERE session_uuid IS NOT NULL;

-- One answer, recorded (and committed) the moment it is given.  One per
-- question of a completion.
--   chosen   the chosen choice ids, comma-separated in the quiz's choice
--            order ('b' or 'a,c')
--   correct  1 when the answer is right as a whole
CREATE TABLE answers (
	uuid            TEXT PRIMARY KEY CHECK (length(uuid) = 36),
	completion_uuid TEXT NOT NULL REFERENCES completions (uuid),
	question_id     TEXT NOT NULL,             -- <question id="...">
	chosen          TEXT NOT NULL,
	correct         INTEGER NOT NULL CHECK (correct IN (0, 1)),
	answered_at     INTEGER NOT NULL,
	UNIQUE (completion_uuid, question_id)
) WITHOUT ROWID;

-- A module read: its reader reached the last page (schema version 3).  A
-- group can read a module and leave its quiz, and reach must count it.
-- Written once, when the last page is first shown in that opening of the
-- reader; a module read again is another row.  Nothing but the moment is
-- recorded, never for how long each page was looked at.
--   mode, person_ref, session_uuid   as in completions, with the same
--                 privacy line: a community read names only its session
--   opened_at     when the reader was opened
--   read_at       when its last page was shown
CREATE TABLE reads (
	uuid            TEXT PRIMARY KEY CHECK (length(uuid) = 36),
	kiosk_id        TEXT NOT NULL,
	mode            TEXT NOT NULL CHECK (mode IN ('personnel', 'community')),
	person_ref      TEXT,
	session_uuid    TEXT REFERENCES sessions (uuid),
	module_id       TEXT NOT NULL,
	lang            TEXT NOT NULL,
	content_version TEXT NOT NULL,
	opened_at       INTEGER NOT NULL,
	read_at         INTEGER NOT NULL,
	CHECK ((mode = 'personnel' AND person_ref IS NOT NULL AND person_ref <> ''
	        AND session_uuid IS NULL) OR
	       (mode = 'community' AND person_ref IS NULL AND session_uuid IS NOT NULL))
) WITHOUT ROWID;
-- What a community session has covered (its module list's marks).
CREATE INDEX reads_session ON reads (session_uuid, module_id)
	WHERE session_uuid IS NOT NULL;

-- The ledger (common/ledger.h): every row written, and every completion of
-- a row, in order, each entry chained to the one before by SHA-256, so a
-- row changed, deleted or reordered afterwards shows when the officer
-- merges the file.  Only crsv-kiosk appends, in the transaction of the
-- write; nothing is ever changed or removed.
--   seq   1, 2, 3 ... with no gap
--   row   the row as SQLite's json_array of its columns in table order
--   hash  SHA-256(the hash before, as 32 bytes || row), 64 hex digits
CREATE TABLE ledger (
	seq  INTEGER PRIMARY KEY,
	tbl  TEXT NOT NULL CHECK (tbl IN ('sessions', 'completions', 'answers', 'reads')),
	uuid TEXT NOT NULL,
	row  TEXT NOT NULL,
	hash TEXT NOT NULL CHECK (length(hash) = 64)
);
