-- master.sql - what an officer's master records file holds beyond a
-- kiosk's records file.  A master is a records file (common/records.sql:
-- the same tables, application_id and user_version, so a master can itself
-- be merged into another) plus these tables, which `crsv-gen merge` keeps:
-- where each row came from, the versions of a row that disagree, and when
-- each kiosk was last collected.  Times are milliseconds since 1970 UTC, as
-- in the records.  Every statement can run again on an existing master
-- (merge does, so a master made by an earlier release gains what is new).

-- One records file merged in.  The same file merged again (same kiosk,
-- file name and rows) is the same source.
CREATE TABLE IF NOT EXISTS merge_sources (
	id          INTEGER PRIMARY KEY,
	file        TEXT NOT NULL,                 -- its name, without the folder
	kiosk_id    TEXT NOT NULL,                 -- its meta kiosk_id
	kiosk_name  TEXT,                          -- its meta kiosk_name, if set
	exported_at INTEGER,                       -- its meta exported_at, if set
	rows        INTEGER NOT NULL,              -- its records' rows, every table
	imported_at INTEGER NOT NULL,
	UNIQUE (kiosk_id, file, rows)
);

-- The source each row was first seen in (a master made before the reads
-- has this table with a CHECK that names three tables: merge makes it
-- again as here, merge.c widen_origins).  Keyed by source first, so the
-- rows of a file merged are appended in one run rather than spread over
-- the whole table (random UUIDs): looking a row's origin up by UUID is the
-- rare case (a conflict), and may scan.
CREATE TABLE IF NOT EXISTS merge_origins (
	source INTEGER NOT NULL REFERENCES merge_sources (id),
	uuid   TEXT NOT NULL,
	tbl    TEXT NOT NULL CHECK (tbl IN ('sessions', 'completions', 'answers', 'reads')),
	PRIMARY KEY (source, uuid)
) WITHOUT ROWID;

-- A UUID found with different contents in two files (beyond a session or
-- quiz finished later, which completes the row): every version, as a JSON
-- array of the row's columns in table order, with the source it came in.
-- Nothing is overwritten: the table row is the version whose JSON sorts
-- first, so the records do not depend on the order files were merged in.
CREATE TABLE IF NOT EXISTS merge_conflicts (
	uuid    TEXT NOT NULL,
	tbl     TEXT NOT NULL,
	version TEXT NOT NULL,
	source  INTEGER NOT NULL REFERENCES merge_sources (id),
	PRIMARY KEY (uuid, version)
) WITHOUT ROWID;

-- Every kiosk seen: its last name and the newest export of it merged; and
-- from its signed exports (ledger.h) its public key as first seen, the
-- instance of its records file, and the newest checkpoint (the ledger's
-- last entry and hash), which every later export must extend.
CREATE TABLE IF NOT EXISTS merge_kiosks (
	kiosk_id        TEXT PRIMARY KEY,
	name            TEXT,
	last_export_at  INTEGER,
	last_import_at  INTEGER NOT NULL,
	public_key      TEXT,
	instance_id     TEXT,
	checkpoint_seq  INTEGER,
	checkpoint_head TEXT
) WITHOUT ROWID;

-- What merging found wrong with a kiosk's file (merge's warnings): the
-- records altered after the kiosk wrote them, withheld; a checkpoint that
-- does not verify; a copied kiosk; another key.  For the report, per
-- kiosk.  The same finding for the same file is kept once.
CREATE TABLE IF NOT EXISTS merge_findings (
	kiosk_id TEXT NOT NULL,
	file     TEXT NOT NULL,                  -- its name, without the folder
	note     TEXT NOT NULL,                  -- the warning, as merge printed it
	withheld INTEGER NOT NULL DEFAULT 0,     -- its records kept out of the master
	found_at INTEGER NOT NULL,
	PRIMARY KEY (kiosk_id, file, note)
) WITHOUT ROWID;

-- The statements crsv-gen xapi sent to a Learning Record Store and what
-- became of them, so an interrupted run resumes where it stopped and a row
-- changed since is sent again (and reported as a conflict by the LRS).
--   lrs     the LRS's xAPI endpoint, as given (without credentials)
--   id      the statement id (the row's UUID)
--   digest  SHA-256 of the statement's canonical JSON (RFC 8785), hex
--   status  'stored' (the LRS acknowledged it), 'conflict' (409: it holds
--           another statement with this id), 'refused' (400)
CREATE TABLE IF NOT EXISTS xapi_sent (
	lrs     TEXT NOT NULL,
	id      TEXT NOT NULL,
	digest  TEXT NOT NULL,
	status  TEXT NOT NULL CHECK (status IN ('stored', 'conflict', 'refused')),
	sent_at INTEGER NOT NULL,
	PRIMARY KEY (lrs, id)
) WITHOUT ROWID;

-- The kiosk's own indexes (the admin screen's counts, a person's done
-- marks, a session's quizzes) serve the kiosk, not the master: the report
-- reads each table once in its own order (generator/officer/tally.c), and
-- merging looks rows up by UUID.  Without them every row merged goes into
-- three B-trees fewer (a master made before keeps them until its next
-- merge drops them).
DROP INDEX IF EXISTS completions_module;
DROP INDEX IF EXISTS completions_person;
DROP INDEX IF EXISTS completions_session;
