#!/usr/bin/env python3
"""rechain.py FILE... - rebuild a records file's ledger (common/ledger.h)
from its rows as they are: every row in the order written, chained by
SHA-256, as the kiosk keeps it; the exported checkpoint goes (it signed the
old ledger, and only the kiosk's key can sign a new one).

For tests that make records files with SQL, or change a kiosk's rows on
purpose to stage a case (an earlier export, a clash of UUIDs): without it
merge would rightly withhold those rows as altered after writing."""
import hashlib
import sqlite3
import sys

COLS = {"sessions": "uuid, kiosk_id, lang, participants, started_at, ended_at",
        "completions": "uuid, kiosk_id, mode, person_ref, session_uuid, module_id, lang, "
                       "content_version, score, max_score, passed, started_at, finished_at",
        "answers": "uuid, completion_uuid, question_id, chosen, correct, answered_at",
        "reads": "uuid, kiosk_id, mode, person_ref, session_uuid, module_id, lang, "
                 "content_version, opened_at, read_at"}


def rechain(db):
    db.execute("DELETE FROM ledger")
    db.execute("DELETE FROM meta WHERE key IN ('checkpoint', 'checkpoint_sig')")
    prev = bytes(32)
    # a file of schema version 2 has no reads
    reads = db.execute("SELECT 1 FROM sqlite_schema WHERE name = 'reads'").fetchone()
    order = db.execute("SELECT 'sessions', uuid, started_at FROM sessions UNION ALL "
                       "SELECT 'completions', uuid, started_at FROM completions UNION ALL "
                       "SELECT 'answers', uuid, answered_at FROM answers " +
                       ("UNION ALL SELECT 'reads', uuid, read_at FROM reads " if reads else "") +
                       "ORDER BY 3, 1 DESC, 2").fetchall()
    for tbl, u, _ in order:
        row = db.execute("SELECT json_array(%s) FROM %s WHERE uuid = ?" % (COLS[tbl], tbl),
                         (u,)).fetchone()[0]
        h = hashlib.sha256(prev + row.encode()).digest()
        db.execute("INSERT INTO ledger (tbl, uuid, row, hash) VALUES (?, ?, ?, ?)",
                   (tbl, u, row, h.hex()))
        prev = h


if __name__ == "__main__":
    for path in sys.argv[1:]:
        db = sqlite3.connect(path)
        rechain(db)
        db.commit()
        db.close()
